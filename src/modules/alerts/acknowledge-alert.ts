/** `✅ Đã nhận` on an alert: one acknowledgement per user, refused once the alert has ended or expired. */
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { AlertDeps } from "./deps.js";

export async function acknowledgeAlert(options: { ctx: ButtonContext; payload: string; deps: AlertDeps }): Promise<void> {
  const { ctx, deps } = options;
  const id = /^\d{1,9}$/.test(options.payload) ? Number(options.payload) : undefined;
  const alert = id === undefined ? null : await deps.alerts.find(id);
  if (!alert) return ctx.answer(t("common:errors.buttonExpired"));
  const ended = alert.state === "cancelled" || alert.state === "resolved";
  if (ended || alert.state === "expired" || alert.expiresAt <= deps.clock.now()) {
    return ctx.answer(t(ended ? "alerts:ack.ended" : "alerts:ack.expired"));
  }
  const fresh = await deps.alerts.acknowledge({ alertId: alert.id, userId: ctx.user.id, chatId: ctx.chat.id });
  await ctx.answer(t(fresh ? "alerts:ack.thanks" : "alerts:ack.already"));
}
