/** What the guided campaign flow asks at each step, with its buttons. */
import type { RequestContext } from "../../core/commands.js";
import type { Button } from "../../core/messages.js";
import { lines, t, type Text } from "../../core/text.js";
import { QUIZ_TOPICS } from "../quizzes/bank/question-schema.js";
import { campaignData, type WhenChoice } from "./campaign-callback-data.js";
import type { CampaignDraft, CampaignStep } from "./campaign-draft.js";
import { describeSchedule } from "./campaign-message.js";
import type { CampaignDeps } from "./deps.js";
import { parseWhen } from "./schedule.js";

export interface Prompt {
  readonly text: Text;
  readonly buttons?: readonly (readonly Button[])[];
}

const AREA_BUTTONS = 8;

export async function stepPrompt(input: {
  ctx: RequestContext;
  deps: CampaignDeps;
  step: CampaignStep;
  draft: CampaignDraft;
}): Promise<Prompt> {
  const { ctx, deps, step, draft } = input;
  switch (step) {
    case "title":
      return { text: t("campaigns:flow.title") };
    case "content":
      return { text: t(draft.photoFileId ? "campaigns:flow.contentAfterPhoto" : "campaigns:flow.content") };
    case "area":
      return areaPrompt(ctx, deps);
    case "when":
      return {
        text: t("campaigns:flow.when"),
        buttons: [
          (["now", "daily", "weekly"] as const satisfies readonly WhenChoice[]).map((choice) => ({
            text: t(`campaigns:flow.whenButton.${choice}`),
            callback: campaignData.when(choice),
          })),
        ],
      };
    case "quiz":
      return {
        text: t("campaigns:flow.quiz"),
        buttons: [
          QUIZ_TOPICS.slice(0, 2).map((topic) => ({
            text: t(`quizzes:topic.${topic}`),
            callback: campaignData.quiz(topic),
          })),
          QUIZ_TOPICS.slice(2).map((topic) => ({
            text: t(`quizzes:topic.${topic}`),
            callback: campaignData.quiz(topic),
          })),
          [{ text: t("campaigns:flow.noQuiz"), callback: campaignData.quiz(null) }],
        ],
      };
    case "confirm":
      return confirmPrompt(ctx, deps, draft);
    default: {
      const never: never = step;
      throw new Error(`unknown step ${String(never)}`);
    }
  }
}

async function areaPrompt(ctx: RequestContext, deps: CampaignDeps): Promise<Prompt> {
  const grants = await deps.access.grants(ctx.user);
  const areas = [...new Map(grants.map((g) => [g.area.id, g.area])).values()].slice(0, AREA_BUTTONS);
  const buttons: Button[][] = [];
  for (let i = 0; i < areas.length; i += 2)
    buttons.push(
      areas.slice(i, i + 2).map((a) => ({
        text: t("campaigns:flow.areaButton", { area: a.name, code: a.code }),
        callback: campaignData.area(a.id),
      })),
    );
  return { text: t("campaigns:flow.area"), buttons };
}

async function confirmPrompt(ctx: RequestContext, deps: CampaignDeps, draft: CampaignDraft): Promise<Prompt> {
  const area = draft.areaId === undefined ? null : await deps.areas.findAreaById(draft.areaId);
  const groups = area ? (await deps.campaigns.targets(area.code)).length : 0;
  const when = parseWhen(draft.when ?? "", deps.clock.now(), deps.timeZone);
  return {
    text: lines(
      t("campaigns:flow.summary", {
        area: area?.name ?? "—",
        groups,
        when: when.ok
          ? describeSchedule({
              schedule: when.schedule,
              nextRunAt: when.firstRunAt,
              locale: ctx.locale,
              timeZone: deps.timeZone,
            })
          : (draft.when ?? ""),
        quiz: draft.quizTopic ? t(`quizzes:topic.${draft.quizTopic}`) : t("campaigns:flow.noQuizShort"),
      }),
      t("campaigns:flow.confirm"),
    ),
    buttons: [
      [
        { text: t("campaigns:flow.confirmButton"), callback: campaignData.confirm() },
        { text: t("campaigns:flow.cancelButton"), callback: campaignData.cancel() },
      ],
    ],
  };
}
