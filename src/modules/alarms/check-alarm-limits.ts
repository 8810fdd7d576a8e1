/**
 * Abuse is expensive (issue 18): one open alarm per group, a daily limit per person, a cooling-off
 * after a false alarm, and people an officer barred. Returns the refusal to show, or undefined.
 */
import { t, type Text } from "../../core/text.js";
import type { AlarmDeps } from "./deps.js";
import { alarmId } from "./types.js";

const DAY_MS = 24 * 3600_000;

export async function alarmRefusal(input: {
  deps: AlarmDeps;
  userId: number;
  chatId: number;
  areaId: number;
}): Promise<Text | undefined> {
  const { deps, userId } = input;
  const { dailyLimit, cooldownHours } = deps.alarmSettings;
  const now = deps.clock.now();
  const open = await deps.alarms.openInChat(input.chatId);
  if (open) return t("alarms:limit.openInGroup", { id: alarmId(open.id) });
  if (await deps.alarms.isBarred({ userId, areaId: input.areaId })) return t("alarms:limit.barred");
  const lastFalse = await deps.alarms.lastFalseAlarm(userId);
  const coolingUntil = lastFalse ? lastFalse.getTime() + cooldownHours * 3600_000 : 0;
  if (coolingUntil > now.getTime())
    return t("alarms:limit.coolingOff", { hours: Math.ceil((coolingUntil - now.getTime()) / 3600_000) });
  const raised = await deps.alarms.raisedBy({ userId, since: new Date(now.getTime() - DAY_MS) });
  if (raised >= dailyLimit) return t("alarms:limit.daily", { count: dailyLimit });
  return undefined;
}
