/**
 * An alarm nobody answered within ALARM_ESCALATE_MINUTES goes to the officers of the next area up
 * that has officers, and is scheduled again; it stops when someone answers, it is closed, or the
 * chain ends.
 */
import type { AlarmDeps } from "./deps.js";
import { notifyResponders } from "./notify-responders.js";
import { alarmId } from "./types.js";

export async function escalateAlarm(input: { deps: AlarmDeps; id: number; level: number }): Promise<void> {
  const { deps, id, level } = input;
  const alarm = await deps.alarms.find(id);
  if (!alarm || alarm.state !== "open" || alarm.escalations !== level) return;
  const next = level + 1;
  if ((await deps.alarms.responders({ areaId: alarm.areaId, level: next })).length === 0) return;
  if (!(await deps.alarms.escalate({ id, fromLevel: level }))) return;
  const people = await notifyResponders({ deps, alarm, level: next });
  await deps.audit.record({
    action: "alarm.escalate",
    areaId: alarm.areaId,
    subject: alarmId(id),
    details: { level: next, officers: people },
  });
  await deps.alarmQueue.escalate({
    alarmId: id,
    level: next,
    at: new Date(deps.clock.now().getTime() + deps.alarmSettings.escalateMinutes * 60_000),
  });
}
