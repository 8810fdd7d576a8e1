/** `/kiemtra <code>` (`/verify`) and a pasted copy of a message: the answer a resident reads. */
import type { RequestContext } from "../../core/commands.js";
import type { Clock } from "../../core/ports.js";
import { lines, t, type Text } from "../../core/text.js";
import { formatDateTime } from "../../core/time.js";
import type { MessageSigner } from "../../core/verification.js";
import type { SignedMessageStore, VerifyOutcome } from "./types.js";
import { findCode, verifyMessage } from "./verify-message.js";

export interface VerifyDeps {
  readonly store: SignedMessageStore;
  readonly signer: MessageSigner;
  readonly clock: Clock;
  readonly timeZone: string;
}

export function outcomeText(outcome: VerifyOutcome, options: { code: string; locale: RequestContext["locale"]; timeZone: string; now: Date }): Text {
  if (outcome.kind === "unknown") return lines(t("verify:unknown", { code: options.code }), t("verify:scamAdvice"));
  if (outcome.what === "campaign") {
    const run = outcome.campaign;
    const params = { code: options.code, id: `C${run.campaignId}`, sender: run.unitName ?? run.areaName, area: run.areaName, time: formatDateTime(run.runAt, options.locale, options.timeZone) };
    return outcome.kind === "altered" ? lines(t("verify:alteredCampaign", params), t("verify:scamAdvice")) : t("verify:authenticCampaign", params);
  }
  const { alert } = outcome;
  const params = {
    code: options.code,
    what: t(`verify:what.${outcome.what}`),
    id: `K${alert.id}`,
    sender: alert.unitName ?? t("alerts:message.defaultSender"),
    area: alert.areaName,
    time: formatDateTime(outcome.what === "closure" ? (alert.endedAt ?? alert.issuedAt) : alert.issuedAt, options.locale, options.timeZone),
    state: t(`alerts:state.${alert.state === "active" && alert.expiresAt <= options.now ? "expired" : alert.state}`),
  };
  if (outcome.kind === "altered") return lines(t("verify:altered", params), t("verify:scamAdvice"));
  return t("verify:authentic", params);
}

export async function replyToCode(options: { ctx: RequestContext; code: string; pasted?: string; deps: VerifyDeps }): Promise<void> {
  const { ctx, deps } = options;
  const now = deps.clock.now();
  const outcome = await verifyMessage({ code: options.code, ...(options.pasted !== undefined ? { pasted: options.pasted } : {}), store: deps.store, signer: deps.signer, now });
  await ctx.reply(outcomeText(outcome, { code: options.code.toUpperCase(), locale: ctx.locale, timeZone: deps.timeZone, now }));
}

/** For the private-chat hook: handles the text if it carries a verification code. */
export async function verifyPasted(ctx: RequestContext, text: string, deps: VerifyDeps): Promise<boolean> {
  const code = findCode(text);
  if (!code) return false;
  await replyToCode({ ctx, code, pasted: text, deps });
  return true;
}
