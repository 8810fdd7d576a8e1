/**
 * `/chiendich` alone, in a private chat: the guided flow (title, content text and optional photo,
 * target area, schedule, optional quiz topic, preview, confirm), kept in the flows store.
 */
import type { RequestContext } from "../../core/commands.js";
import { lines, t, type Text } from "../../core/text.js";
import { normaliseAreaCode } from "../areas/area-code.js";
import { flowDataReader } from "../flows/flow-data.js";
import type { FlowHandler, FlowMessageEvent, FlowState } from "../flows/types.js";
import { parseTopic } from "../quizzes/quiz-topic.js";
import {
  CAMPAIGN_FLOW,
  CAMPAIGN_FLOW_TTL_SECONDS,
  CampaignDraftSchema,
  MAX_TITLE,
  nextStep,
  type CampaignDraft,
} from "./campaign-draft.js";
import { campaignMessage } from "./campaign-message.js";
import { stepPrompt } from "./campaign-prompts.js";
import { CAMPAIGN_ROLES } from "./create-campaign.js";
import type { CampaignDeps } from "./deps.js";
import { MAX_CAMPAIGN_TEXT } from "./parse-campaign-command.js";
import { parseWhen } from "./schedule.js";

type Flows = NonNullable<CampaignDeps["flows"]>;
type Update = { readonly platform: string; readonly updateKey: string };

export async function startCampaignFlow(input: {
  ctx: RequestContext;
  deps: CampaignDeps;
  flows: Flows;
  update: Update;
}): Promise<void> {
  const { ctx, flows } = input;
  const draft: CampaignDraft = {};
  const state = await flows.store.start({
    key: flows.keyOf(ctx.chat),
    flow: CAMPAIGN_FLOW,
    step: nextStep(draft),
    data: draft,
    ttlSeconds: CAMPAIGN_FLOW_TTL_SECONDS,
  });
  await proceed({ ...input, state, draft, ack: t("campaigns:flow.intro") });
}

/** Saves the draft at the step it needs next and asks for it (at "confirm", with a preview). */
export async function proceed(input: {
  ctx: RequestContext;
  deps: CampaignDeps;
  flows: Flows;
  update: Update;
  state: FlowState;
  draft: CampaignDraft;
  ack?: Text;
}): Promise<void> {
  const { ctx, deps, draft } = input;
  const step = nextStep(draft);
  const saved = await input.flows.store.advance(input.state, {
    step,
    data: draft,
    ttlSeconds: CAMPAIGN_FLOW_TTL_SECONDS,
  });
  if (!saved) return; // another update moved the flow on meanwhile, and answers for it
  if (step === "confirm") await sendPreview(input);
  const prompt = await stepPrompt({ ctx, deps, step, draft });
  await ctx.reply(
    input.ack ? lines(input.ack, prompt.text) : prompt.text,
    prompt.buttons ? { buttons: prompt.buttons } : undefined,
  );
}

/** The message exactly as the groups will get it. */
async function sendPreview(input: {
  ctx: RequestContext;
  deps: CampaignDeps;
  update: Update;
  draft: CampaignDraft;
}): Promise<void> {
  const { ctx, deps, draft } = input;
  const area = draft.areaId === undefined ? null : await deps.areas.findAreaById(draft.areaId);
  const message = campaignMessage(
    {
      title: draft.title ?? "",
      text: draft.text ?? "",
      photoFileId: draft.photoFileId ?? null,
      areaName: area?.name ?? "",
    },
    ctx.locale,
  );
  await deps.outbox.enqueue([
    {
      key: `r:${input.update.platform}:${input.update.updateKey}:preview`,
      to: { chatId: ctx.chat.id },
      priority: "interactive",
      message,
    },
  ]);
}

const readDraft = flowDataReader(CampaignDraftSchema, t("campaigns:flow.expired"));

export function campaignFlowHandler(deps: CampaignDeps, flows: Flows): FlowHandler {
  return {
    flow: CAMPAIGN_FLOW,
    onMessage: async ({ ctx, event, state }) => {
      const draft = await readDraft({ ctx, state, store: flows.store });
      if (!draft) return;
      const result = await applyMessage({ ctx, deps, event, draft });
      if ("error" in result) {
        const prompt = await stepPrompt({ ctx, deps, step: nextStep(draft), draft });
        return ctx.reply(lines(result.error, prompt.text), prompt.buttons ? { buttons: prompt.buttons } : undefined);
      }
      await proceed({ ctx, deps, flows, update: event, state, draft: result.draft });
    },
  };
}

type Applied = { readonly draft: CampaignDraft } | { readonly error: Text };

/** What a typed message (or photo) means at the draft's current step. */
async function applyMessage(input: {
  ctx: RequestContext;
  deps: CampaignDeps;
  event: FlowMessageEvent;
  draft: CampaignDraft;
}): Promise<Applied> {
  const { ctx, deps, event, draft } = input;
  const text = event.type === "text" ? event.text.trim() : "";
  switch (nextStep(draft)) {
    case "title":
      if (!text) return { error: t("campaigns:flow.needText") };
      return text.length > MAX_TITLE
        ? { error: t("campaigns:flow.titleTooLong", { max: MAX_TITLE }) }
        : { draft: { ...draft, title: text.replace(/\s+/g, " ") } };
    case "content":
      return applyContent(event, draft);
    case "area": {
      const area = text ? await deps.areas.findArea(normaliseAreaCode(text)) : null;
      if (!area)
        return {
          error: text ? t("areas:area.notFound", { code: normaliseAreaCode(text) }) : t("campaigns:flow.needText"),
        };
      return (await deps.access.holdsAny(ctx.user, CAMPAIGN_ROLES, area.code))
        ? { draft: { ...draft, areaId: area.id } }
        : { error: t("campaigns:create.forbidden", { area: area.name }) };
    }
    case "when": {
      const when = parseWhen(text, deps.clock.now(), deps.timeZone);
      return when.ok ? { draft: { ...draft, when: text } } : { error: t(`campaigns:create.${when.error}`) };
    }
    case "quiz": {
      if (/^(khong|không|none|no)$/i.test(text)) return { draft: { ...draft, quizTopic: null } };
      const topic = parseTopic(text);
      return topic ? { draft: { ...draft, quizTopic: topic } } : { error: t("campaigns:create.topic") };
    }
    case "confirm":
      return { error: t("campaigns:flow.useButtons") };
  }
}

function applyContent(event: FlowMessageEvent, draft: CampaignDraft): Applied {
  const text = (event.type === "text" ? event.text : event.type === "photo" ? (event.caption ?? "") : "").trim();
  if (text.length > MAX_CAMPAIGN_TEXT) return { error: t("campaigns:create.tooLong") };
  if (event.type === "photo") return { draft: { ...draft, photoFileId: event.fileId, ...(text ? { text } : {}) } };
  return text ? { draft: { ...draft, text } } : { error: t("campaigns:flow.needText") };
}
