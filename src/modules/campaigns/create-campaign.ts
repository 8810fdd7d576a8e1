/**
 * `/chiendich <areaCode> <when> [--cauhoi <topic>] <text>` by a propagandist or officer of the area
 * (admins count), and the last step of the guided flow: store the campaign once, tell its author
 * when and where it goes, and start a run that is already due at once.
 */
import type { RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { AreaRecord } from "../areas/types.js";
import { describeSchedule } from "./campaign-message.js";
import type { CampaignDeps } from "./deps.js";
import { parseCampaignCommand } from "./parse-campaign-command.js";
import { runCampaign } from "./run-due-campaigns.js";
import { scheduleToString, type Schedule } from "./schedule.js";
import { campaignId, type QuizTopic } from "./types.js";

/** The roles that may run campaigns in an area (an admin holds both). */
export const CAMPAIGN_ROLES = ["propagandist", "officer"] as const;

export async function createCampaignFromCommand(input: {
  ctx: RequestContext;
  args: string;
  sourceKey: string;
  deps: CampaignDeps;
}): Promise<void> {
  const { ctx, deps } = input;
  const parsed = parseCampaignCommand(input.args, deps.clock.now(), deps.timeZone);
  if (!parsed.ok) return ctx.reply(t(`campaigns:create.${parsed.error}`));
  const area = await deps.areas.findArea(parsed.areaCode);
  if (!area) return ctx.reply(t("areas:area.notFound", { code: parsed.areaCode }));
  await deps.access.requireAnyRole(ctx.user, CAMPAIGN_ROLES, area.code, {
    key: "campaigns:create.forbidden",
    params: { area: area.name },
  });
  await saveCampaign({
    ctx,
    deps,
    area,
    sourceKey: input.sourceKey,
    campaign: {
      title: "",
      text: parsed.text,
      photoFileId: null,
      schedule: parsed.schedule,
      firstRunAt: parsed.firstRunAt,
      quizTopic: parsed.quizTopic,
    },
  });
}

export interface CampaignContent {
  readonly title: string;
  readonly text: string;
  readonly photoFileId: string | null;
  readonly schedule: Schedule;
  readonly firstRunAt: Date;
  readonly quizTopic: QuizTopic | null;
}

export async function saveCampaign(input: {
  ctx: RequestContext;
  deps: CampaignDeps;
  area: AreaRecord;
  campaign: CampaignContent;
  sourceKey: string;
}): Promise<void> {
  const { ctx, deps, area, campaign: content } = input;
  const { campaign, created } = await deps.campaigns.create({
    title: content.title,
    text: content.text,
    photoFileId: content.photoFileId,
    areaId: area.id,
    createdById: ctx.user.id,
    schedule: scheduleToString(content.schedule),
    nextRunAt: content.firstRunAt,
    quizTopic: content.quizTopic,
    sourceKey: input.sourceKey,
  });
  if (created) {
    await deps.audit.record({
      actorUserId: ctx.user.id,
      action: "campaign.create",
      areaId: area.id,
      subject: campaignId(campaign.id),
      details: { schedule: campaign.schedule, quizTopic: campaign.quizTopic },
    });
  }
  const groups = (await deps.campaigns.targets(area.code)).length;
  const when = describeSchedule({
    schedule: content.schedule,
    nextRunAt: campaign.nextRunAt,
    locale: ctx.locale,
    timeZone: deps.timeZone,
  });
  await ctx.reply(
    t(content.quizTopic ? "campaigns:create.doneWithQuiz" : "campaigns:create.done", {
      id: campaignId(campaign.id),
      area: area.name,
      groups,
      when,
      topic: content.quizTopic ? t(`quizzes:topic.${content.quizTopic}`) : "",
    }),
  );
  // Due already ("now"): queue it here rather than at the scheduler's next tick (the run claim keeps it single).
  await runCampaign({ deps, campaign });
}
