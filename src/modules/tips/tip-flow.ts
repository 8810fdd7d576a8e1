/** The tipster's guided flow: starting it, and moving it to the step its draft needs next. */
import type { RequestContext } from "../../core/commands.js";
import { lines, raw, t, type Text } from "../../core/text.js";
import { areaFromStartValue } from "../areas/area-code.js";
import type { AreaRecord } from "../areas/types.js";
import type { FlowState } from "../flows/types.js";
import { areasOfTipster } from "./choose-area.js";
import { schoolsOfTipster } from "./help-prompts.js";
import { hotlinesFor } from "./help-request.js";
import type { TipKind } from "./types.js";
import type { TipDeps } from "./deps.js";
import { flowSourceKey, submitTip, type UpdateRef } from "./submit-tip.js";
import { emergencyLine } from "./emergency-line.js";
import { draftNonce, draftTtlSeconds, nextStep, TIP_FLOW, type TipDraft } from "./tip-draft.js";
import { checkTipLimit, TIPS_PER_HOUR } from "./tip-limit.js";
import { controllerArea, privacyNotice } from "./privacy-notice.js";
import { stepPrompt } from "./tip-prompts.js";
import { replySealed, sealTipster, tipsterHash } from "./tipster.js";

interface FlowInput {
  readonly ctx: RequestContext;
  readonly update: UpdateRef;
  readonly deps: TipDeps;
}

/**
 * Saves the draft at the step it needs next and asks for it; a quick tip whose area is now known is
 * filed instead. `ack` is said first (e.g. "photo added"); `silent` saves without a word. False when
 * another update moved the flow on first (nothing was saved).
 */
export async function proceed(
  input: FlowInput & { state: FlowState; draft: TipDraft; ack?: Text; silent?: boolean },
): Promise<boolean> {
  const { ctx, update, deps } = input;
  let draft = input.draft;
  let step = nextStep(draft);
  if (step === "area") {
    // A help request is for a school: only the person's schools count.
    const mine = draft.kind === "help" ? await schoolsOfTipster(ctx, deps) : await areasOfTipster(ctx, deps);
    if (mine.length === 1 && mine[0]) {
      draft = { ...draft, areaId: mine[0].id };
      step = nextStep(draft);
    }
  }
  if (step === "confirm" && draft.quick && !draft.privacyNotice) {
    await submitTip({ ctx, update, deps, draft, sourceKey: flowSourceKey(update, input.state, draft) });
    await deps.flows.finish(input.state);
    return true;
  }
  const saved = await deps.flows.advance(input.state, {
    step,
    data: draft,
    ttlSeconds: draftTtlSeconds(deps.settings),
  });
  if (!saved) return false; // another update moved the flow on meanwhile, and answers for it
  if (input.silent) return true;
  const prompt = await stepPrompt({ ctx, deps, step, draft });
  await replySealed({
    ctx,
    update,
    deps,
    slot: "step",
    text: input.ack ? lines(input.ack, raw(""), prompt.text) : prompt.text,
    buttons: prompt.buttons,
  });
  return true;
}

/** Refuses (and says so) when the tipster already sent the hourly maximum. */
export async function withinTipLimit(input: FlowInput & { kind?: TipKind }): Promise<boolean> {
  const limit = await checkTipLimit({ deps: input.deps, hash: tipsterHash(input.ctx, input.deps) });
  if (limit.allowed) return true;
  // A student turned away still reads 111 and 113.
  await replySealed({
    ...input,
    slot: "limit",
    text: lines(
      t("tips:limit.reached", { max: TIPS_PER_HOUR, minutes: limit.minutes }),
      ...hotlinesFor(input.kind ?? "crime"),
    ),
  });
  return false;
}

/**
 * `/togiac` alone, or `/start tip_<area-code-with-dashes>`: the guided flow, with the area preset by a
 * link; `prefill` starts the draft with messages the person chose to send as a new tip.
 */
export async function startTipFlow(
  input: FlowInput & { areaLink?: string; prefill?: Pick<TipDraft, "text" | "photos" | "location"> },
): Promise<void> {
  const { ctx, deps } = input;
  if (!(await withinTipLimit(input))) return;
  const preset = await linkedArea(deps, input.areaLink);
  const { state, draft, first } = await openDraft({
    ...input,
    fields: { kind: "crime", ...input.prefill, ...(preset ? { areaId: preset.id } : {}) },
  });
  const intro = preset ? t("tips:flow.introForArea", { area: preset.name }) : t("tips:flow.intro");
  // A first-timer reads the notice before giving anything; the unit is named again at the confirmation.
  const notice = first
    ? [raw(""), privacyNotice({ area: await controllerArea(preset?.id, deps.areas), settings: deps.settings })]
    : [];
  const mine = preset ? [] : await areasOfTipster(ctx, deps);
  const emergency = await emergencyLine(preset?.id ?? (mine.length === 1 ? mine[0]?.id : undefined), deps.areas);
  const ack = lines(intro, emergency, ...notice);
  await proceed({ ...input, state, draft, ack });
}

/** The area a start link names (`tip_<code>`, `help_<school>`, or by id), or null. */
export async function linkedArea(deps: Pick<TipDeps, "areas">, link: string | undefined): Promise<AreaRecord | null> {
  const linked = link ? areaFromStartValue(link) : undefined;
  if (linked === undefined) return null;
  return "id" in linked ? deps.areas.findAreaById(linked.id) : deps.areas.findArea(linked.code);
}

/**
 * Starts a new draft of a tip or help request at the step it needs first. `first`: the person never
 * filed one, so the draft carries the privacy notice.
 */
export async function openDraft(
  input: FlowInput & { fields: Pick<TipDraft, "kind"> & Partial<TipDraft> },
): Promise<{ state: FlowState; draft: TipDraft; first: boolean }> {
  const { ctx, deps } = input;
  const first = !(await deps.tips.hasAny(tipsterHash(ctx, deps)));
  const draft: TipDraft = {
    photos: [],
    mediaDone: false,
    quick: false,
    privacyNotice: first,
    nonce: draftNonce(),
    seal: sealTipster(ctx, deps),
    locale: ctx.locale,
    ...input.fields,
  };
  const state = await deps.flows.start({
    key: deps.flowKey(ctx.chat),
    flow: TIP_FLOW,
    step: nextStep(draft),
    data: draft,
    ttlSeconds: draftTtlSeconds(deps.settings),
  });
  return { state, draft, first };
}
