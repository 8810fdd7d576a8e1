/** Sends an alarm privately to the officers (and, at first, guards) of one level of its area's chain. */
import { localeOf } from "../alerts/alert-message.js";
import { responderAlarmMessage } from "./alarm-message.js";
import type { AlarmDeps } from "./deps.js";
import { alarmKeys, type AlarmRecord } from "./types.js";

/** Returns how many people were written to. */
export async function notifyResponders(input: { deps: AlarmDeps; alarm: AlarmRecord; level: number }): Promise<number> {
  const { deps, alarm, level } = input;
  const responders = await deps.alarms.responders({ areaId: alarm.areaId, level });
  const items = [];
  for (const responder of responders) {
    const chat = await deps.identity.privateChatOf(responder.user);
    const locale = localeOf(responder.user.locale, deps.defaultLocale);
    items.push({
      key: `${alarmKeys.responder(alarm.id, chat.id)}:${level}`,
      to: { chatId: chat.id },
      priority: "control" as const,
      source: alarmKeys.source(alarm.id),
      message: responderAlarmMessage(alarm, responder, { locale, timeZone: deps.timeZone, escalated: level > 0 }),
    });
  }
  await deps.outbox.enqueue(items);
  return items.length;
}
