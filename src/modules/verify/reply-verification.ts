/**
 * `/kiemtra` (`/verify`) and a pasted copy of a message: the answer a resident reads. A found code
 * is answered with the original text, its area, unit and time, so the resident can compare.
 */
import type { RequestContext } from "../../core/commands.js";
import { lines, raw, t, type Locale, type Text } from "../../core/text.js";
import { formatDateTime } from "../../core/time.js";
import { printedCode } from "../../core/verification.js";
import { alertId, alertSender } from "../alerts/alert-message.js";
import { campaignSignedParts } from "../campaigns/campaign-message.js";
import type { VerifyDeps } from "./deps.js";
import { bareCode, findCode } from "./read-code.js";
import type { MessageWhat, SignedMessage, VerifyOutcome } from "./types.js";
import { verifyMessage } from "./verify-message.js";

/** What was signed, by whom, where and when, as a resident reads it. */
export function describeSigned(
  signed: SignedMessage,
  what: MessageWhat,
): { id: string; sender: Text; area: string; at: Date; original: string } {
  if (signed.kind === "campaign") {
    const run = signed.campaign;
    return {
      id: `C${run.campaignId}`,
      sender: raw(run.unitName ?? run.areaName),
      area: run.areaName,
      at: run.runAt,
      original: campaignSignedParts(run).join("\n\n"),
    };
  }
  const { alert } = signed;
  const ending = what === "cancellation" || what === "closure";
  return {
    id: alertId(alert.id),
    sender: alertSender(alert),
    area: alert.areaName,
    at: ending ? (alert.endedAt ?? alert.issuedAt) : alert.issuedAt,
    original: signed.kind === "closure" ? (alert.closureText ?? "") : alert.text,
  };
}

/** An alert's state now (an active alert past its expiry reads "expired"). */
export function alertStateNow(signed: SignedMessage, now: Date): string | undefined {
  if (signed.kind === "campaign") return undefined;
  const { state, expiresAt } = signed.alert;
  return state === "active" && expiresAt <= now ? "expired" : state;
}

export function outcomeText(
  outcome: VerifyOutcome,
  options: { code: string; locale: Locale; timeZone: string; now: Date },
): Text {
  if (outcome.kind === "notFound")
    return lines(t("verify:notFound", { code: printedCode(options.code) }), t("verify:scamAdvice"));
  const described = describeSigned(outcome.message, outcome.what);
  const params = {
    code: printedCode(options.code),
    what: t(`verify:what.${outcome.what}`),
    id: described.id,
    sender: described.sender,
    area: described.area,
    time: formatDateTime(described.at, options.locale, options.timeZone),
  };
  const state = alertStateNow(outcome.message, options.now);
  const details = [
    ...(state ? [t("verify:state", { state: t(`alerts:state.${state}`) })] : []),
    t("verify:original"),
    raw(described.original),
  ];
  if (outcome.kind === "authentic") return lines(t("verify:authentic", params), ...details);
  if (outcome.kind === "issued") return lines(t("verify:issued", params), ...details, t("verify:compare"));
  return lines(t("verify:altered", params), ...details, t("verify:scamAdvice"));
}

/** Answers a code alone, or a pasted message by the code inside it. */
export async function replyToText(options: { ctx: RequestContext; text: string; deps: VerifyDeps }): Promise<void> {
  const { ctx, text, deps } = options;
  const alone = bareCode(text);
  const code = alone ?? findCode(text);
  if (code === undefined) return ctx.reply(lines(t("verify:noCode"), t("verify:scamAdvice")));
  const now = deps.clock.now();
  const outcome = await verifyMessage({ code, ...(alone === undefined ? { pasted: text } : {}), deps });
  await ctx.reply(outcomeText(outcome, { code, locale: ctx.locale, timeZone: deps.timeZone, now }));
}

/** For the private-chat hook: answers a text that carries a verification code; false if it has none. */
export async function verifyPasted(ctx: RequestContext, text: string, deps: VerifyDeps): Promise<boolean> {
  if (findCode(text) === undefined) return false;
  await replyToText({ ctx, text, deps });
  return true;
}
