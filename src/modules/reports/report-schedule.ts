/**
 * When the weekly coverage report goes out (COVERAGE_REPORT_AT): `mon 08:00` (default),
 * `t2 08:00`, `weekly@mon@08:00`, local time (TZ), or `off`. Reuses the campaigns' recurrences.
 */
import { localParts } from "../campaigns/local-time.js";
import { nextRun, parseRecurrence, type Recurrence } from "../campaigns/schedule.js";

export type WeeklyRecurrence = Extract<Recurrence, { kind: "weekly" }>;
export type ReportSchedule = WeeklyRecurrence | { readonly kind: "off" };

const WEEK_MS = 7 * 86_400_000;

/** Reads the setting; undefined when unreadable. */
export function parseReportSchedule(value: string): ReportSchedule | undefined {
  const text = value.trim().toLowerCase();
  if (text === "off" || text === "false" || text === "0") return { kind: "off" };
  const match = /^(?:weekly@)?([a-z0-9]+)(?:@|\s+)(\d{1,2}:\d{2})$/.exec(text);
  const recurrence = match ? parseRecurrence(`weekly@${match[1]}@${match[2]}`) : undefined;
  return recurrence?.kind === "weekly" ? recurrence : undefined;
}

/** This week's report time and its key (the local day, `2026-11-30`). */
export interface ReportWeek {
  readonly at: Date;
  readonly week: string;
}

/**
 * The latest scheduled time at or before `now`, if it is at most `lateMs` ago (a process that was
 * down at 08:00 still sends that morning's report when it comes back, but not days later).
 */
export function dueReportWeek(input: {
  schedule: ReportSchedule;
  now: Date;
  timeZone: string;
  lateMs: number;
}): ReportWeek | undefined {
  const { schedule, now, timeZone } = input;
  if (schedule.kind === "off") return undefined;
  const at = nextRun(schedule, new Date(now.getTime() - WEEK_MS), timeZone);
  if (at > now || now.getTime() - at.getTime() > input.lateMs) return undefined;
  const day = localParts(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { at, week: `${day.year}-${pad(day.month)}-${pad(day.day)}` };
}
