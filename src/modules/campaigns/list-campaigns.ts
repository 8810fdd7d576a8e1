/** `/dschiendich` (`/campaigns`): campaigns of the user's areas, with deliveries and quiz participation (one campaign: show-campaign.ts). */
import type { RequestContext } from "../../core/commands.js";
import { lines, raw, t, type Text } from "../../core/text.js";
import { formatDateTime } from "../../core/time.js";
import { describeStoredSchedule } from "./campaign-message.js";
import type { CampaignDeps } from "./deps.js";
import { campaignId, type CampaignFigures, type CampaignRecord } from "./types.js";

const LISTED = 15;
const EXCERPT = 40;

/** Areas whose campaigns the user may see and manage; null: all (a superadmin). */
export async function campaignAreas(ctx: RequestContext, deps: CampaignDeps): Promise<string[] | null> {
  if (deps.access.isSuperadmin(ctx.user)) return null;
  const grants = await deps.access.grants(ctx.user);
  return [...new Set(grants.map((g) => g.area.code))];
}

export async function listCampaigns(input: { ctx: RequestContext; deps: CampaignDeps }): Promise<void> {
  const { ctx, deps } = input;
  const areaCodes = await campaignAreas(ctx, deps);
  if (areaCodes !== null && areaCodes.length === 0) return ctx.reply(t("campaigns:forbidden"));
  const campaigns = await deps.campaigns.list({ areaCodes, limit: LISTED });
  if (campaigns.length === 0) return ctx.reply(t("campaigns:list.empty"));
  const figures = await deps.campaigns.figures(campaigns.map((c) => c.id));
  const blocks = campaigns.map((c) => campaignLines({ campaign: c, figures: figures.get(c.id), ctx, deps }));
  await ctx.reply(
    lines(t("campaigns:list.title"), ...blocks.flatMap((block) => [raw(""), block]), t("campaigns:list.footer")),
  );
}

export function campaignLines(input: {
  campaign: CampaignRecord;
  figures: CampaignFigures | undefined;
  ctx: RequestContext;
  deps: CampaignDeps;
}): Text {
  const { campaign: c, ctx, deps } = input;
  const f = input.figures ?? { sent: 0, failed: 0, pending: 0, runs: 0, quizAnswers: 0, quizPeople: 0, quizCorrect: 0 };
  const name = c.title || (c.text.length > EXCERPT ? `${c.text.slice(0, EXCERPT).trimEnd()}…` : c.text);
  const next =
    c.status === "scheduled" && c.nextRunAt
      ? t("campaigns:list.next", { time: formatDateTime(c.nextRunAt, ctx.locale, deps.timeZone) })
      : t(`campaigns:status.${c.status}`);
  return lines(
    t("campaigns:list.head", { id: campaignId(c.id), name, area: c.areaName }),
    t("campaigns:list.when", { schedule: describeStoredSchedule(c, ctx.locale, deps.timeZone), next }),
    t("campaigns:list.deliveries", { sent: f.sent, failed: f.failed, pending: f.pending, runs: f.runs }),
    ...(c.quizTopic
      ? [
          t("campaigns:list.quiz", {
            topic: t(`quizzes:topic.${c.quizTopic}`),
            people: f.quizPeople,
            answers: f.quizAnswers,
            rate: f.quizAnswers > 0 ? Math.round((100 * f.quizCorrect) / f.quizAnswers) : 0,
          }),
        ]
      : []),
  );
}
