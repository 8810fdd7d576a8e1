/** `/traloi <CODE> <text>`: an officer's anonymous message to the tipster of a tip. */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { claimTip } from "./claim-tip.js";
import type { TipDeps } from "./deps.js";
import { relayToTipster } from "./relay-to-tipster.js";
import { normaliseTrackingCode } from "./tracking-code.js";

export async function replyToTipster(input: { ctx: CommandContext; deps: TipDeps }): Promise<void> {
  const { ctx, deps } = input;
  const match = /^(\S+)\s+([\s\S]+)$/.exec(ctx.args.trim());
  const code = match?.[1] ? normaliseTrackingCode(match[1]) : undefined;
  if (!match?.[2] || !code) return ctx.reply(t("tips:officer.replyUsage"));
  const claim = await claimTip({ ctx, deps, tip: await deps.tips.findByCode(code) });
  if (!claim.ok) return ctx.reply(claim.refusal);
  await relayToTipster({ ctx, deps, tip: claim.tip, text: match[2] });
}
