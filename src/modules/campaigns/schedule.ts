/**
 * Campaign schedules: `<when>` as typed (DESIGN.md §4: `now`, `+30s`, `+30m`, `+2h`,
 * `2026-12-01T08:00`, `daily@08:00`, `weekly@mon@08:00`, local time) and as stored in
 * `Campaign.schedule` (`once`, `daily@08:00`, `weekly@mon@08:00`), with the next run of a recurrence.
 */
import { z } from "zod";
import { addLocalDays, isRealDay, localParts, localToInstant, type LocalDateTime } from "./local-time.js";

export const WEEKDAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
/** Vietnamese day names people type: thứ 2 (t2) … chủ nhật (cn). */
const VIETNAMESE_DAYS: Readonly<Record<string, number>> = { cn: 0, t2: 1, t3: 2, t4: 3, t5: 4, t6: 5, t7: 6 };

export type Recurrence =
  | { readonly kind: "daily"; readonly hour: number; readonly minute: number }
  | { readonly kind: "weekly"; readonly weekday: number; readonly hour: number; readonly minute: number };
export type Schedule = { readonly kind: "once" } | Recurrence;

export type ParsedWhen =
  | { readonly ok: true; readonly schedule: Schedule; readonly firstRunAt: Date }
  | { readonly ok: false; readonly error: "unreadable" | "past" | "tooFar" };

const MAX_AHEAD_MS = 366 * 86_400_000;
/** A time typed a moment ago (the minute just started) still means "now". */
const PAST_TOLERANCE_MS = 60_000;
const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

function clock(value: string | undefined): { hour: number; minute: number } | undefined {
  const m = TIME.exec(value ?? "");
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

function weekday(value: string | undefined): number | undefined {
  const v = (value ?? "").toLowerCase();
  const english = (WEEKDAY_NAMES as readonly string[]).indexOf(v);
  return english >= 0 ? english : Object.hasOwn(VIETNAMESE_DAYS, v) ? VIETNAMESE_DAYS[v] : undefined;
}

/** A recurrence from `daily@HH:MM` or `weekly@ddd@HH:MM`. */
export function parseRecurrence(value: string): Recurrence | undefined {
  const [kind, first, second, ...rest] = value.toLowerCase().split("@");
  if (rest.length > 0) return undefined;
  const daily = kind === "daily" && second === undefined ? clock(first) : undefined;
  if (daily) return { kind: "daily", ...daily };
  const day = kind === "weekly" ? weekday(first) : undefined;
  const time = clock(second);
  return day !== undefined && time ? { kind: "weekly", weekday: day, ...time } : undefined;
}

function absolute(value: string, timeZone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (!isRealDay(year, month, day) || hour > 23 || minute > 59) return undefined;
  return localToInstant({ year, month, day, hour, minute }, timeZone);
}

/** Reads `<when>` as typed by a propagandist. */
export function parseWhen(input: string, now: Date, timeZone: string): ParsedWhen {
  const value = input.trim().toLowerCase();
  const recurrence = parseRecurrence(value);
  if (recurrence) return { ok: true, schedule: recurrence, firstRunAt: nextRun(recurrence, now, timeZone) };
  let at: Date | undefined;
  if (value === "now" || value === "ngay") at = now;
  const relative = /^\+(\d{1,6})([smhd])$/.exec(value);
  if (relative) at = new Date(now.getTime() + Number(relative[1]) * (UNIT_MS[relative[2] ?? "m"] ?? 60_000));
  at ??= absolute(input.trim(), timeZone);
  if (!at) return { ok: false, error: "unreadable" };
  if (at.getTime() < now.getTime() - PAST_TOLERANCE_MS) return { ok: false, error: "past" };
  if (at.getTime() > now.getTime() + MAX_AHEAD_MS) return { ok: false, error: "tooFar" };
  return { ok: true, schedule: { kind: "once" }, firstRunAt: at < now ? now : at };
}

/** The first occurrence of a recurrence strictly after `after`. */
export function nextRun(recurrence: Recurrence, after: Date, timeZone: string): Date {
  const today = localParts(after, timeZone);
  let local: LocalDateTime = {
    year: today.year,
    month: today.month,
    day: today.day,
    hour: recurrence.hour,
    minute: recurrence.minute,
  };
  if (recurrence.kind === "weekly") local = addLocalDays(local, (recurrence.weekday - today.weekday + 7) % 7);
  let at = localToInstant(local, timeZone);
  const step = recurrence.kind === "weekly" ? 7 : 1;
  while (at <= after) {
    local = addLocalDays(local, step);
    at = localToInstant(local, timeZone);
  }
  return at;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The stored form: `once`, `daily@08:00`, `weekly@mon@08:00`. */
export function scheduleToString(schedule: Schedule): string {
  if (schedule.kind === "once") return "once";
  const time = `${pad(schedule.hour)}:${pad(schedule.minute)}`;
  return schedule.kind === "daily" ? `daily@${time}` : `weekly@${WEEKDAY_NAMES[schedule.weekday] ?? "mon"}@${time}`;
}

/** `Campaign.schedule` as read from the database (a boundary: parsed, not trusted). */
export const StoredScheduleSchema = z.string().transform((value, ctx): Schedule => {
  if (value === "once") return { kind: "once" };
  const recurrence = parseRecurrence(value);
  if (!recurrence) {
    ctx.addIssue({ code: "custom", message: `unknown schedule "${value}"` });
    return z.NEVER;
  }
  return recurrence;
});
