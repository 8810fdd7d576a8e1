/** Button presses of the guided campaign flow; a press that does not fit the current step is stale. */
import { UnreadableButtonError } from "../../core/errors.js";
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { FlowState } from "../flows/types.js";
import {
  CAMPAIGN_BUTTON_PREFIX,
  parseCampaignButton,
  WHEN_CHOICES,
  type CampaignButton,
} from "./campaign-callback-data.js";
import {
  CAMPAIGN_FLOW,
  CampaignDraftSchema,
  nextStep,
  type CampaignDraft,
  type CampaignStep,
} from "./campaign-draft.js";
import { proceed } from "./campaign-flow.js";
import { CAMPAIGN_ROLES, saveCampaign } from "./create-campaign.js";
import type { CampaignDeps } from "./deps.js";
import { parseWhen } from "./schedule.js";

type Flows = NonNullable<CampaignDeps["flows"]>;

const ALLOWED: Record<CampaignButton["kind"], readonly CampaignStep[] | "any"> = {
  area: ["area"],
  when: ["when"],
  quiz: ["quiz"],
  confirm: ["confirm"],
  cancel: "any",
};

export async function pressCampaignButton(input: {
  ctx: ButtonContext;
  deps: CampaignDeps;
  payload: string;
}): Promise<void> {
  const { ctx, deps } = input;
  const button = parseCampaignButton(input.payload);
  const flows = deps.flows;
  if (!button) throw new UnreadableButtonError(CAMPAIGN_BUTTON_PREFIX);
  if (!flows) return ctx.answer(t("common:errors.buttonExpired"));
  const state = ctx.chat.kind === "private" ? await flows.store.get(flows.keyOf(ctx.chat)) : null;
  const parsed = state?.flow === CAMPAIGN_FLOW ? CampaignDraftSchema.safeParse(state.data) : undefined;
  const allowed = ALLOWED[button.kind];
  if (!state || !parsed?.success || (allowed !== "any" && !allowed.includes(nextStep(parsed.data))))
    return ctx.answer(t("campaigns:flow.stale"));
  await ctx.answer();
  await applyButton({ ctx, deps, flows, button, state, draft: parsed.data });
}

async function applyButton(input: {
  ctx: ButtonContext;
  deps: CampaignDeps;
  flows: Flows;
  button: CampaignButton;
  state: FlowState;
  draft: CampaignDraft;
}): Promise<void> {
  const { ctx, deps, flows, button, state, draft } = input;
  const next = (changed: CampaignDraft) => proceed({ ctx, deps, flows, update: ctx.event, state, draft: changed });
  switch (button.kind) {
    case "area": {
      const area = await deps.areas.findAreaById(button.areaId);
      if (!area || !(await deps.access.holdsAny(ctx.user, CAMPAIGN_ROLES, area.code)))
        return ctx.reply(t("campaigns:create.forbidden", { area: area?.name ?? "—" }));
      return next({ ...draft, areaId: area.id });
    }
    case "when":
      return next({ ...draft, when: WHEN_CHOICES[button.choice] });
    case "quiz":
      return next({ ...draft, quizTopic: button.topic });
    case "confirm":
      return confirm({ ctx, deps, flows, state, draft });
    case "cancel":
      await flows.store.finish(state);
      return ctx.reply(t("campaigns:flow.cancelled"));
    default: {
      const never: never = button;
      throw new Error(`unknown campaign button ${JSON.stringify(never)}`);
    }
  }
}

/** Re-checks everything at the moment of confirmation (a chosen time may have passed), then saves. */
async function confirm(input: {
  ctx: ButtonContext;
  deps: CampaignDeps;
  flows: Flows;
  state: FlowState;
  draft: CampaignDraft;
}): Promise<void> {
  const { ctx, deps, flows, state, draft } = input;
  const area = draft.areaId === undefined ? null : await deps.areas.findAreaById(draft.areaId);
  if (!area || !(await deps.access.holdsAny(ctx.user, CAMPAIGN_ROLES, area.code))) {
    await flows.store.finish(state);
    return ctx.reply(t("campaigns:create.forbidden", { area: area?.name ?? "—" }));
  }
  const when = parseWhen(draft.when ?? "", deps.clock.now(), deps.timeZone);
  if (!when.ok) {
    const { when: _stale, ...rest } = draft;
    return proceed({
      ctx,
      deps,
      flows,
      update: ctx.event,
      state,
      draft: rest,
      ack: t(`campaigns:create.${when.error}`),
    });
  }
  // Keyed by the flow state: two presses of "confirm" create one campaign.
  const sourceKey = `flow:${state.key}:${state.version.getTime()}`;
  await saveCampaign({
    ctx,
    deps,
    area,
    sourceKey,
    campaign: {
      title: draft.title ?? "",
      text: draft.text ?? "",
      photoFileId: draft.photoFileId ?? null,
      schedule: when.schedule,
      firstRunAt: when.firstRunAt,
      quizTopic: draft.quizTopic ?? null,
    },
  });
  await flows.store.finish(state);
}
