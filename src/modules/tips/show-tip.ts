/** A tip from the /tingiac list, sent again to the officer who asked, with its photos and action buttons. */
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { TipDeps } from "./deps.js";
import { mayHandle } from "./help-request.js";
import { officerItems } from "./officer-card.js";

export async function showTip(input: { ctx: ButtonContext; deps: TipDeps; tipId: number }): Promise<void> {
  const { ctx, deps } = input;
  const tip = await deps.tips.findById(input.tipId);
  const officer = await deps.officers.officer(ctx.user.id);
  if (!tip || !officer || ctx.chat.kind !== "private" || !(await mayHandle(deps.access, ctx.user, tip))) {
    return ctx.answer(t("tips:officer.notFound"), { alert: true });
  }
  await ctx.answer();
  const messages = await deps.tips.messages(tip.id);
  const keyPrefix = `tip:${tip.id}:show:${ctx.event.platform}:${ctx.event.updateKey}`;
  await deps.outbox.enqueue(
    await officerItems({ deps, tip, messages, officer: { ...officer, locale: ctx.locale }, keyPrefix }),
  );
}
