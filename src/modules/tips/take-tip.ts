/** `Tiếp nhận`: the officer takes the tip; the tipster is told it is being handled. */
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { claimTip } from "./claim-tip.js";
import type { TipDeps } from "./deps.js";

export async function takeTip(input: { ctx: ButtonContext; deps: TipDeps; tipId: number }): Promise<void> {
  const { ctx, deps } = input;
  const claim = await claimTip({ ctx, deps, tip: await deps.tips.findById(input.tipId) });
  if (!claim.ok) return ctx.answer(claim.refusal, { alert: true });
  if (!claim.newlyTaken) return ctx.answer(t("tips:officer.alreadyYours", { code: claim.tip.code }));
  await ctx.answer(t("tips:officer.takenToast", { code: claim.tip.code }));
  await ctx.reply(t("tips:officer.taken", { code: claim.tip.code }));
}
