/**
 * A button of the tip's page, run through the very use case its chat button runs (take, valuable,
 * close with outcome) or `/traloi` runs (the anonymous reply): the same claim, rules, audit and
 * notices to the tipster. What the use case answers becomes the page's notices.
 */
import { t } from "../../core/text.js";
import { claimTip } from "../tips/claim-tip.js";
import { closeWithOutcome } from "../tips/close-tip.js";
import { markValuable } from "../tips/mark-valuable.js";
import { parseCount, parseDong } from "../tips/parse-amount.js";
import { relayToTipster } from "../tips/relay-to-tipster.js";
import { takeTip } from "../tips/take-tip.js";
import type { TipOutcome } from "../tips/types.js";
import { consoleContext } from "./console-context.js";
import type { ConsoleTipDeps } from "./tip-deps.js";
import type { ConsoleNotice, ConsoleSessionRecord } from "./types.js";

export type TipAction =
  | { readonly kind: "take" }
  | { readonly kind: "valuable" }
  | { readonly kind: "reply"; readonly text: string }
  | { readonly kind: "close"; readonly outcome: "none" | "case" | "arrest" | "assets"; readonly amount: string };

export async function runTipAction(input: {
  deps: ConsoleTipDeps;
  session: ConsoleSessionRecord;
  tipId: number;
  action: TipAction;
  /** The submitted form's id (`_form`). */
  submission?: string | undefined;
}): Promise<ConsoleNotice[]> {
  const { deps, session, tipId, action } = input;
  const { ctx, notices } = consoleContext({
    deps: deps.console,
    session,
    action: `tip:${action.kind}:${tipId}`,
    submission: input.submission,
  });
  const tipDeps = deps.tips;
  switch (action.kind) {
    case "take":
      await takeTip({ ctx, deps: tipDeps, tipId });
      break;
    case "valuable":
      await markValuable({ ctx, deps: tipDeps, tipId });
      break;
    case "reply": {
      if (!action.text.trim()) {
        await ctx.answer(t("console:tip.replyEmpty"), { alert: true });
        break;
      }
      // As `/traloi <code> <text>`: claim (taking it if nobody did), then relay through the seal.
      const claim = await claimTip({ ctx, deps: tipDeps, tip: await tipDeps.tips.findById(tipId) });
      if (!claim.ok) await ctx.answer(claim.refusal, { alert: true });
      else await relayToTipster({ ctx, deps: tipDeps, tip: claim.tip, text: action.text });
      break;
    }
    case "close": {
      const outcome = outcomeOf(action);
      if (!outcome) await ctx.answer(t(`tips:outcome.invalid.${action.outcome}`), { alert: true });
      else await closeWithOutcome({ ctx, deps: tipDeps, tipId, outcome });
      break;
    }
    default: {
      const never: never = action;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
  return notices;
}

function outcomeOf(action: Extract<TipAction, { kind: "close" }>): TipOutcome | undefined {
  switch (action.outcome) {
    case "none":
    case "case":
      return { caseOpened: action.outcome === "case", peopleArrested: 0, assetsRecovered: 0n };
    case "arrest": {
      const n = parseCount(action.amount);
      return n === undefined ? undefined : { caseOpened: true, peopleArrested: n, assetsRecovered: 0n };
    }
    case "assets": {
      const d = parseDong(action.amount);
      return d === undefined ? undefined : { caseOpened: true, peopleArrested: 0, assetsRecovered: d };
    }
    default: {
      const never: never = action.outcome;
      throw new Error(`unknown outcome ${String(never)}`);
    }
  }
}
