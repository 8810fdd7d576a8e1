/**
 * Reporting periods: calendar days of the deployment's zone, typed as `2026-11-01` or `01/11/2026`;
 * by default the last 30 days (today included).
 */
import { addLocalDays, isRealDay, localParts, localToInstant } from "../campaigns/local-time.js";
import type { StatsPeriod } from "./types.js";

export interface LocalDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export const DEFAULT_DAYS = 30;

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const VIETNAMESE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Whether a word is meant as a date (then it must also be a real one). */
export function looksLikeDate(word: string): boolean {
  return /^\d{1,4}[-/]\d{1,2}[-/]\d{1,4}$/.test(word);
}

export function parseDay(word: string): LocalDay | undefined {
  const iso = ISO.exec(word);
  const vn = VIETNAMESE.exec(word);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]].map(Number) : vn ? [vn[3], vn[2], vn[1]].map(Number) : [];
  if (year === undefined || month === undefined || day === undefined) return undefined;
  return isRealDay(year, month, day) ? { year, month, day } : undefined;
}

const pad = (n: number) => String(n).padStart(2, "0");
export const isoDay = (d: LocalDay) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;
export const displayDay = (d: LocalDay) => `${pad(d.day)}/${pad(d.month)}/${d.year}`;

export type PeriodResult =
  | { readonly ok: true; readonly period: StatsPeriod; readonly fromDay: LocalDay; readonly toDay: LocalDay }
  | { readonly ok: false; readonly error: "order" };

/** From the start of `from` to the end of `to` (both local days); missing ends default to the last 30 days. */
export function statsPeriod(input: { from?: LocalDay; to?: LocalDay; now: Date; timeZone: string }): PeriodResult {
  const today = localParts(input.now, input.timeZone);
  const toDay = input.to ?? { year: today.year, month: today.month, day: today.day };
  const fromDay = input.from ?? addLocalDays({ ...toDay, hour: 0, minute: 0 }, 1 - DEFAULT_DAYS);
  if (isoDay(fromDay) > isoDay(toDay)) return { ok: false, error: "order" };
  const start = localToInstant({ ...fromDay, hour: 0, minute: 0 }, input.timeZone);
  const end = localToInstant(addLocalDays({ ...toDay, hour: 0, minute: 0 }, 1), input.timeZone);
  return {
    ok: true,
    period: { from: start, to: end },
    fromDay: { year: fromDay.year, month: fromDay.month, day: fromDay.day },
    toDay,
  };
}

export type StatsArgs =
  | {
      readonly ok: true;
      readonly areaCode: string | undefined;
      readonly period: StatsPeriod;
      readonly fromDay: LocalDay;
      readonly toDay: LocalDay;
    }
  | { readonly ok: false; readonly error: "usage" | "date" | "order" };

/** `/thongke [areaCode] [from] [to]`. */
export function parseStatsArgs(args: string, now: Date, timeZone: string): StatsArgs {
  const words = args.split(/\s+/).filter(Boolean);
  const dates = words.filter(looksLikeDate);
  const others = words.filter((w) => !looksLikeDate(w));
  if (others.length > 1 || dates.length > 2 || (others[0] !== undefined && words[0] !== others[0]))
    return { ok: false, error: "usage" };
  const days = dates.map(parseDay);
  if (days.some((d) => d === undefined)) return { ok: false, error: "date" };
  const [from, to] = days;
  const result = statsPeriod({ ...(from ? { from } : {}), ...(to ? { to } : {}), now, timeZone });
  return result.ok ? { ...result, areaCode: others[0] } : result;
}
