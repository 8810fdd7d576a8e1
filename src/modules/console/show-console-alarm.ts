/**
 * A resident's alarm on its own page in the console: its state and times, who said «Đang đến», who
 * closed it, and which groups and responders (officers, guards) it reached with each message's
 * state. Officers of the alarm's area only (as its buttons in chat); others read "not found". The
 * caller's words are shown (the groups heard them); the caller's name is the chat's to give.
 */
import type { AlarmDeps } from "../alarms/deps.js";
import type { AlarmRecord } from "../alarms/types.js";
import type { ConsoleSessionRecord } from "./types.js";

export type ReachState = "pending" | "sent" | "failed" | "cancelled";

export interface AlarmDetails {
  /** People who said «Đang đến», first first. */
  readonly going: readonly string[];
  readonly closedBy: string | null;
  readonly groups: readonly { title: string; state: ReachState }[];
  /** Officers and guards who heard it privately, by escalation level. */
  readonly responders: readonly { name: string; level: number; state: ReachState }[];
}

/** Reading side of an alarm's deliveries and answers. */
export interface AlarmDetailsReader {
  details(alarmId: number): Promise<AlarmDetails>;
}

export async function showConsoleAlarm(input: {
  deps: AlarmDeps;
  reader: AlarmDetailsReader;
  session: ConsoleSessionRecord;
  id: number;
}): Promise<{ alarm: AlarmRecord; details: AlarmDetails } | null> {
  const { deps, session } = input;
  const alarm = await deps.alarms.find(input.id);
  if (!alarm || alarm.state === "draft") return null;
  if (!(await deps.access.holds(session.user, "officer", alarm.areaCode))) return null;
  return { alarm, details: await input.reader.details(alarm.id) };
}
