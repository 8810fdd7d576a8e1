/** `Có giá trị`: the officer marks the tip valuable (counted in /thongke); the tipster is thanked. */
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { claimTip } from "./claim-tip.js";
import type { TipDeps } from "./deps.js";
import { notifyTipster } from "./notify-tipster.js";

export async function markValuable(input: { ctx: ButtonContext; deps: TipDeps; tipId: number }): Promise<void> {
  const { ctx, deps } = input;
  const claim = await claimTip({ ctx, deps, tip: await deps.tips.findById(input.tipId) });
  if (!claim.ok) return ctx.answer(claim.refusal, { alert: true });
  const { tip } = claim;
  if (!(await deps.tips.markValuable(tip.id))) return ctx.answer(t("tips:officer.alreadyValuable", { code: tip.code }));
  await deps.audit.record({ actorUserId: ctx.user.id, action: "tip.valuable", areaId: tip.area.id, subject: tip.code });
  await notifyTipster({ deps, tip, notice: "valuable" });
  await ctx.answer(t("tips:officer.valuableToast", { code: tip.code }));
  await ctx.reply(t("tips:officer.valuable", { code: tip.code }));
}
