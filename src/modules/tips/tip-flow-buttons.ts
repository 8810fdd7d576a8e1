/** Button presses of the tipster's guided flow; a press that does not fit the current step is stale. */
import type { ButtonContext } from "../../core/commands.js";
import { lines, t } from "../../core/text.js";
import type { FlowState } from "../flows/types.js";
import type { TipButton } from "./callback-data.js";
import { browseAreas } from "./choose-area.js";
import type { TipDeps } from "./deps.js";
import { categoriesOf, hotlinesFor, kindOfArea } from "./help-request.js";
import { flowSourceKey, submitTip } from "./submit-tip.js";
import { isTipStep, TIP_FLOW, TipDraftSchema, type TipDraft, type TipStep } from "./tip-draft.js";
import { proceed } from "./tip-flow.js";
import { replySealed } from "./tipster.js";

export type FlowButton = Extract<
  TipButton,
  { kind: "category" | "mediaDone" | "identity" | "area" | "browse" | "confirm" | "cancel" }
>;

/** The steps at which each button may be pressed. */
const ALLOWED: Record<FlowButton["kind"], readonly TipStep[] | "any"> = {
  category: ["category"],
  mediaDone: ["media"],
  identity: ["identity"],
  area: ["area", "confirm"],
  browse: ["area", "confirm"],
  confirm: ["confirm"],
  cancel: "any",
};

export async function pressFlowButton(input: { ctx: ButtonContext; deps: TipDeps; button: FlowButton }): Promise<void> {
  const { ctx, deps, button } = input;
  const state = ctx.chat.kind === "private" ? await deps.flows.get(deps.flowKey(ctx.chat)) : null;
  const parsed = state?.flow === TIP_FLOW ? TipDraftSchema.safeParse(state.data) : undefined;
  const allowed = ALLOWED[button.kind];
  const step = state && isTipStep(state.step) ? state.step : undefined;
  if (!state || !step || !parsed?.success || (allowed !== "any" && !allowed.includes(step))) {
    return ctx.answer(t("tips:flow.stale"));
  }
  await ctx.answer();
  await applyButton({ ctx, deps, button, state, draft: parsed.data });
}

async function applyButton(input: {
  ctx: ButtonContext;
  deps: TipDeps;
  button: FlowButton;
  state: FlowState;
  draft: TipDraft;
}): Promise<void> {
  const { ctx, deps, button, state, draft } = input;
  const update = ctx.event;
  const next = async (changed: TipDraft): Promise<void> => {
    await proceed({ ctx, update, deps, state, draft: changed });
  };
  switch (button.kind) {
    case "category":
      // A crime category on a help request (or the reverse) comes from an old message.
      if (!categoriesOf(draft.kind).includes(button.category))
        return replySealed({ ctx, update, deps, slot: "stale", text: t("tips:flow.stale") });
      return next({ ...draft, category: button.category });
    case "mediaDone":
      return next({ ...draft, mediaDone: true });
    case "identity":
      return next({ ...draft, anonymous: button.anonymous, ...(button.anonymous ? { contact: undefined } : {}) });
    case "area": {
      const area = await deps.areas.findAreaById(button.areaId);
      // A help request is for a school; another area is refused with the school question again.
      if (area && draft.kind === "help" && kindOfArea(area) !== "help")
        return proceed({ ctx, update, deps, state, draft, ack: t("tips:helpbox.notSchool", { area: area.name }) }).then(
          () => undefined,
        );
      return area ? next({ ...draft, areaId: area.id }) : undefined;
    }
    case "browse": {
      const prompt = await browseAreas({ deps, parentId: button.areaId });
      return replySealed({
        ctx,
        update,
        deps,
        slot: "browse",
        text: prompt.text,
        buttons: prompt.buttons,
        editMessageId: ctx.event.messageId,
      });
    }
    case "confirm":
      await submitTip({ ctx, update, deps, draft, sourceKey: flowSourceKey(update, state, draft) });
      await deps.flows.finish(state);
      return;
    case "cancel":
      await deps.flows.finish(state);
      return replySealed({
        ctx,
        update,
        deps,
        slot: "cancel",
        text: lines(t("tips:flow.cancelled"), ...hotlinesFor(draft.kind)),
      });
    default: {
      const never: never = button;
      throw new Error(`unknown flow button ${JSON.stringify(never)}`);
    }
  }
}
