/**
 * The columns of `/thongke`'s chart: weeks counted from the period's first day (a long period gets
 * fewer, longer columns), each starting at local midnight, and the figures of each from the store.
 */
import { addLocalDays, localToInstant } from "../campaigns/local-time.js";
import type { WeekFigures } from "../charts/weekly-stats-chart.js";
import { TIP_CATEGORIES, type TipCategory } from "../tips/types.js";
import type { LocalDay } from "./stats-period.js";
import type { WeeklyRows } from "./types.js";

/** Most columns a chart gets: beyond 20 weeks, each column spans several weeks. */
export const MAX_COLUMNS = 20;

export interface StatsWeeks {
  /** First local day of each column. */
  readonly starts: readonly LocalDay[];
  /** Each column's start instant, then the period's end: `starts.length + 1` edges. */
  readonly edges: readonly Date[];
  readonly daysPerColumn: number;
}

const dayNumber = (d: LocalDay) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;

export function statsWeeks(input: { fromDay: LocalDay; toDay: LocalDay; timeZone: string }): StatsWeeks {
  const days = dayNumber(input.toDay) - dayNumber(input.fromDay) + 1;
  const weeks = Math.ceil(days / 7);
  const daysPerColumn = 7 * Math.ceil(weeks / MAX_COLUMNS);
  const starts: LocalDay[] = [];
  for (let offset = 0; offset < days; offset += daysPerColumn) {
    const { year, month, day } = addLocalDays({ ...input.fromDay, hour: 0, minute: 0 }, offset);
    starts.push({ year, month, day });
  }
  const end = addLocalDays({ ...input.toDay, hour: 0, minute: 0 }, 1);
  const edges = [...starts, end].map((d) =>
    localToInstant({ year: d.year, month: d.month, day: d.day, hour: 0, minute: 0 }, input.timeZone),
  );
  return { starts, edges, daysPerColumn };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** One column per start; rows of the store counted into their column (`bucket` 0 is the first). */
export function weekFigures(weeks: StatsWeeks, rows: WeeklyRows): WeekFigures[] {
  const sameYear = weeks.starts.every((d) => d.year === weeks.starts[0]?.year);
  return weeks.starts.map((start, bucket) => {
    const tips: Partial<Record<TipCategory, number>> = {};
    for (const row of rows.tips) {
      const category = TIP_CATEGORIES.find((c) => c === row.category);
      if (row.bucket === bucket && category) tips[category] = (tips[category] ?? 0) + row.count;
    }
    const alerts = rows.alerts.find((r) => r.bucket === bucket);
    return {
      label: sameYear
        ? `${pad(start.day)}/${pad(start.month)}`
        : `${pad(start.day)}/${pad(start.month)}/${String(start.year).slice(2)}`,
      tips,
      alerts: alerts?.alerts ?? 0,
      groupsReached: alerts?.reached ?? 0,
      groupsAcked: alerts?.acked ?? 0,
    };
  });
}
