/**
 * The alarms reconciler, run by the scheduler on start and every KENG_RECONCILE_SECONDS: an alarm
 * still open and unanswered past its next escalation time has lost its delayed job (Redis flushed, a
 * process killed before the job was written), so the job is added again, due at once. BullMQ ignores
 * a job id it still holds, and escalateAlarm moves an alarm up only from the level it is at, so an
 * alarm climbs once per level however often this runs. Alarms at the top of their chain are left.
 */
import type { AlarmDeps } from "./deps.js";

const BATCH = 200;

export async function reconcileAlarms(
  deps: Pick<AlarmDeps, "alarms" | "alarmQueue" | "alarmSettings" | "clock">,
): Promise<{ escalations: number }> {
  const now = deps.clock.now();
  const due = await deps.alarms.dueEscalations({
    now,
    escalateMinutes: deps.alarmSettings.escalateMinutes,
    limit: BATCH,
  });
  let escalations = 0;
  for (const alarm of due) {
    if ((await deps.alarms.responders({ areaId: alarm.areaId, level: alarm.level + 1 })).length === 0) continue;
    await deps.alarmQueue.escalate({ alarmId: alarm.id, level: alarm.level, at: now });
    escalations++;
  }
  return { escalations };
}
