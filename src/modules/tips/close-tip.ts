/**
 * `Đóng`: the officer closes a tip with its outcome — no action, case opened, people arrested (n),
 * assets recovered (đồng) — stored for /thongke; the tipster hears it was dealt with.
 */
import { z } from "zod";
import type { ButtonContext, RequestContext } from "../../core/commands.js";
import type { Button } from "../../core/messages.js";
import { t, type Text } from "../../core/text.js";
import type { FlowHandler } from "../flows/types.js";
import { tipData, type CloseOutcome } from "./callback-data.js";
import { claimTip } from "./claim-tip.js";
import type { TipDeps } from "./deps.js";
import { notifyTipster } from "./notify-tipster.js";
import { parseCount, parseDong } from "./parse-amount.js";
import type { TipOutcome, TipRecord } from "./types.js";

export const CLOSE_FLOW = "tip-close";
const CLOSE_TTL_SECONDS = 1800;
const CloseSchema = z.object({ tipId: z.number().int().positive() });

/** Asks for the outcome. */
export async function askOutcome(input: { ctx: ButtonContext; deps: TipDeps; tipId: number }): Promise<void> {
  const { ctx, deps } = input;
  const claim = await claimTip({ ctx, deps, tip: await deps.tips.findById(input.tipId) });
  if (!claim.ok) return ctx.answer(claim.refusal, { alert: true });
  const id = claim.tip.id;
  const row = (outcome: CloseOutcome): Button[] => [
    { text: t(`tips:outcome.button.${outcome}`), callback: tipData.outcome(id, outcome) },
  ];
  await ctx.answer();
  // A help request ends when the student was helped: no case, arrest or asset to count.
  const rows = claim.tip.kind === "help" ? [row("none")] : [row("none"), row("case"), row("arrest"), row("assets")];
  await ctx.reply(t("tips:outcome.question", { code: claim.tip.code }), { buttons: rows });
}

/** An outcome button: closes at once, or asks for the number first. */
export async function chooseOutcome(input: {
  ctx: ButtonContext;
  deps: TipDeps;
  tipId: number;
  outcome: CloseOutcome;
}): Promise<void> {
  const { ctx, deps, outcome } = input;
  if (ctx.chat.kind !== "private") return ctx.answer(t("common:errors.buttonExpired"));
  const claim = await claimTip({ ctx, deps, tip: await deps.tips.findById(input.tipId) });
  if (!claim.ok) return ctx.answer(claim.refusal, { alert: true });
  await ctx.answer();
  if (outcome === "none" || outcome === "case") {
    return finishClose({
      ctx,
      deps,
      tip: claim.tip,
      outcome: { caseOpened: outcome === "case", peopleArrested: 0, assetsRecovered: 0n },
    });
  }
  await deps.flows.start({
    key: deps.flowKey(ctx.chat),
    flow: CLOSE_FLOW,
    step: outcome,
    data: { tipId: claim.tip.id },
    ttlSeconds: CLOSE_TTL_SECONDS,
  });
  // Expects a number: on Zalo a bare "2" must answer this, not press an older choice 2.
  await ctx.reply(t(`tips:outcome.ask.${outcome}`, { code: claim.tip.code }), { expectsText: true });
}

export function closeFlowHandler(deps: TipDeps): FlowHandler {
  return {
    flow: CLOSE_FLOW,
    async onMessage({ ctx, event, state }) {
      const data = CloseSchema.safeParse(state.data);
      if (!data.success || (state.step !== "arrest" && state.step !== "assets")) {
        await deps.flows.finish(state);
        return ctx.reply(t("common:errors.buttonExpired"));
      }
      const text = event.type === "text" ? event.text : "";
      const outcome = state.step === "arrest" ? arrested(parseCount(text)) : recovered(parseDong(text));
      if (!outcome) return ctx.reply(t(`tips:outcome.invalid.${state.step}`));
      if (!(await deps.flows.finish(state))) return;
      await closeWithOutcome({ ctx, deps, tipId: data.data.tipId, outcome });
    },
  };
}

/** Closes with an outcome already known (the typed number, or the console's form): same claim, audit and notice. */
export async function closeWithOutcome(input: {
  ctx: RequestContext;
  deps: TipDeps;
  tipId: number;
  outcome: TipOutcome;
}): Promise<void> {
  const { ctx, deps } = input;
  const claim = await claimTip({ ctx, deps, tip: await deps.tips.findById(input.tipId) });
  if (!claim.ok) return ctx.reply(claim.refusal);
  // A help request ends when the student was helped: no case, arrest or asset to count.
  const outcome =
    claim.tip.kind === "help" ? { caseOpened: false, peopleArrested: 0, assetsRecovered: 0n } : input.outcome;
  await finishClose({ ctx, deps, tip: claim.tip, outcome });
}

const arrested = (n: number | undefined): TipOutcome | undefined =>
  n === undefined ? undefined : { caseOpened: true, peopleArrested: n, assetsRecovered: 0n };
const recovered = (d: bigint | undefined): TipOutcome | undefined =>
  d === undefined ? undefined : { caseOpened: true, peopleArrested: 0, assetsRecovered: d };

async function finishClose(input: {
  ctx: RequestContext;
  deps: TipDeps;
  tip: TipRecord;
  outcome: TipOutcome;
}): Promise<void> {
  const { ctx, deps, tip, outcome } = input;
  if (!(await deps.tips.close({ id: tip.id, outcome, now: deps.clock.now() })))
    return ctx.reply(t("tips:officer.closed", { code: tip.code }));
  await deps.audit.record({
    actorUserId: ctx.user.id,
    action: "tip.close",
    areaId: tip.area.id,
    subject: tip.code,
    details: {
      caseOpened: outcome.caseOpened,
      peopleArrested: outcome.peopleArrested,
      assetsRecovered: outcome.assetsRecovered.toString(),
    },
  });
  await notifyTipster({ deps, tip, notice: "closed" });
  await ctx.reply(t("tips:outcome.closed", { code: tip.code, outcome: describeOutcome(outcome) }));
}

export function describeOutcome(outcome: TipOutcome): Text {
  if (outcome.assetsRecovered > 0n)
    return t("tips:outcome.text.assets", { amount: formatDong(outcome.assetsRecovered) });
  if (outcome.peopleArrested > 0) return t("tips:outcome.text.arrest", { count: outcome.peopleArrested });
  return t(outcome.caseOpened ? "tips:outcome.text.case" : "tips:outcome.text.none");
}

/** `5000000` → `5.000.000` (Vietnamese grouping). */
export function formatDong(value: bigint): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}
