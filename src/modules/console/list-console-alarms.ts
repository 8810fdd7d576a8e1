/**
 * Residents' alarms beside the alerts: the last 30 days' alarms of the areas where the person is an
 * officer, with their state (read only: answering stays in the chat, where the responders are).
 */
import type { Access } from "../areas/access.js";
import type { ConsoleSessionRecord } from "./types.js";

export interface AlarmRow {
  readonly id: number;
  readonly areaName: string;
  readonly category: string | null;
  readonly state: "open" | "answered" | "false_alarm" | "raised";
  readonly raisedAt: Date;
  readonly firstResponseAt: Date | null;
}

/** Reading side of the residents' alarms. */
export interface AlarmReader {
  recent(input: { within: readonly string[] | "all"; since: Date; limit: number }): Promise<AlarmRow[]>;
}

export async function listConsoleAlarms(input: {
  access: Access;
  reader: AlarmReader;
  session: ConsoleSessionRecord;
  now: Date;
}): Promise<AlarmRow[]> {
  const { access, session } = input;
  const within = access.isSuperadmin(session.user)
    ? "all"
    : [
        ...new Set(
          (await access.grants(session.user))
            .filter((g) => g.role === "officer" || g.role === "admin")
            .map((g) => g.area.code),
        ),
      ];
  if (within !== "all" && within.length === 0) return [];
  return input.reader.recent({ within, since: new Date(input.now.getTime() - 30 * 86_400_000), limit: 50 });
}
