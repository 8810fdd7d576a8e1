/** `Không cần thêm` under the sent alarm: the caller has said all; their next words stay group chatter. */
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { linesPrompt } from "./add-alarm-line.js";
import { callerName } from "./alarm-message.js";
import type { AlarmDeps } from "./deps.js";
import { alarmKeys } from "./types.js";

export async function stopAlarmLines(input: { ctx: ButtonContext; deps: AlarmDeps; id: number }): Promise<void> {
  const { ctx, deps } = input;
  const alarm = await deps.alarms.find(input.id);
  if (!alarm || alarm.chatId !== ctx.chat.id || alarm.state === "draft")
    return ctx.answer(t("common:errors.buttonExpired"));
  if (alarm.caller.id !== ctx.user.id)
    return ctx.answer(t("alarms:ask.notYours", { name: callerName(alarm) }), { alert: true });
  if (await deps.alarms.stopLines({ id: alarm.id, at: deps.clock.now() })) {
    await deps.outbox.enqueue([
      {
        key: alarmKeys.prompt(alarm.id, "done"),
        to: { chatId: ctx.chat.id },
        priority: "control",
        message: { locale: ctx.locale, ...linesPrompt(alarm, { open: false }), editMessageId: ctx.event.messageId },
      },
    ]);
  }
  await ctx.answer();
}
