/**
 * The caller picks what is happening: the draft becomes an open alarm and goes out at the outbox's
 * highest priority to every registered group of the area (the caller's own among them) and
 * privately to the area's officers and guards; unanswered, it climbs one level after a few minutes.
 */
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { localeOf } from "../alerts/alert-message.js";
import { callerName, groupAlarmMessage } from "./alarm-message.js";
import { alarmRefusal } from "./check-alarm-limits.js";
import { LINES_MINUTES, linesPrompt } from "./add-alarm-line.js";
import type { AlarmDeps } from "./deps.js";
import { notifyResponders } from "./notify-responders.js";
import { alarmId, alarmKeys, type AlarmCategory } from "./types.js";

export async function raiseAlarm(input: {
  ctx: ButtonContext;
  deps: AlarmDeps;
  id: number;
  category: AlarmCategory;
}): Promise<void> {
  const { ctx, deps, id } = input;
  const draft = await deps.alarms.find(id);
  if (!draft || draft.chatId !== ctx.chat.id) return ctx.answer(t("common:errors.buttonExpired"));
  if (draft.caller.id !== ctx.user.id)
    return ctx.answer(t("alarms:ask.notYours", { name: callerName(draft) }), { alert: true });
  if (draft.state !== "draft") return ctx.answer(t("alarms:raise.already", { id: alarmId(id) }));
  const refusal = await alarmRefusal({ deps, userId: ctx.user.id, chatId: draft.chatId, areaId: draft.areaId });
  if (refusal) return ctx.answer(refusal, { alert: true });
  const now = deps.clock.now();
  // Two presses, or two callers in one group: only one alarm opens.
  // Sent on the category alone: an elderly caller in a hurry expects the gong to sound when they
  // press, not after a second question; what they type next follows the same alarm (add-alarm-line).
  const linesUntil = new Date(now.getTime() + LINES_MINUTES * 60_000);
  if (
    !(await deps.alarms.raise({
      id,
      category: input.category,
      at: now,
      linesUntil,
      promptMessageId: ctx.event.messageId,
    }))
  )
    return ctx.answer(t("alarms:raise.already", { id: alarmId(id) }));
  const alarm = await deps.alarms.find(id);
  if (!alarm) return ctx.answer(t("common:errors.buttonExpired"));

  const groups = await deps.alarms.groupsOf(alarm.areaId);
  await deps.outbox.enqueue(
    groups.map((group) => ({
      key: alarmKeys.group(id, group.chatId),
      to: { chatId: group.chatId },
      priority: "control" as const,
      source: alarmKeys.source(id),
      message: groupAlarmMessage(alarm, localeOf(group.locale, deps.defaultLocale), deps.timeZone),
    })),
  );
  const people = await notifyResponders({ deps, alarm, level: 0 });
  // The prompt loses its categories (nobody can press one twice) and invites a line more.
  await deps.outbox.enqueue([
    {
      key: alarmKeys.prompt(id, "sent"),
      to: { chatId: ctx.chat.id },
      priority: "control",
      message: { locale: ctx.locale, ...linesPrompt(alarm), editMessageId: ctx.event.messageId },
    },
  ]);
  await deps.alarmQueue.escalate({
    alarmId: id,
    level: 0,
    at: new Date(now.getTime() + deps.alarmSettings.escalateMinutes * 60_000),
  });
  await deps.audit.record({
    actorUserId: ctx.user.id,
    action: "alarm.raise",
    areaId: alarm.areaId,
    subject: alarmId(id),
    details: {
      category: input.category,
      text: alarm.text,
      chat: alarm.chatTitle,
      groups: groups.length,
      responders: people,
    },
  });
  await ctx.answer(t("alarms:raise.sent", { groups: groups.length, people }));
}
