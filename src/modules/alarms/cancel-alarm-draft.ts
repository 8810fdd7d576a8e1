/** `Hủy` on the prompt: the caller changes their mind before anything was sent. */
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { callerName } from "./alarm-message.js";
import type { AlarmDeps } from "./deps.js";

export async function cancelAlarmDraft(input: { ctx: ButtonContext; deps: AlarmDeps; id: number }): Promise<void> {
  const { ctx, deps } = input;
  const draft = await deps.alarms.find(input.id);
  if (!draft || draft.state !== "draft" || draft.chatId !== ctx.chat.id)
    return ctx.answer(t("common:errors.buttonExpired"));
  if (draft.caller.id !== ctx.user.id)
    return ctx.answer(t("alarms:ask.notYours", { name: callerName(draft) }), { alert: true });
  await deps.outbox.enqueue([
    {
      key: `alarm:${draft.id}:prompt`,
      to: { chatId: ctx.chat.id },
      priority: "control",
      message: { locale: ctx.locale, text: t("alarms:ask.cancelled"), editMessageId: ctx.event.messageId },
    },
  ]);
  await ctx.answer();
}
