/**
 * `/thongke` as a page: the figures of an area the person may see (officer or admin rights there,
 * checked with `access.requireRole` as the chat checks them) for a period, with the same CSV and
 * weekly chart.
 */
import { UserFacingError } from "../../core/errors.js";
import { t, type Text } from "../../core/text.js";
import type { Media } from "../../core/messages.js";
import { isValidAreaCode, normaliseAreaCode } from "../areas/area-code.js";
import type { AreaRecord } from "../areas/types.js";
import { weeklyStatsChart } from "../charts/weekly-stats-chart.js";
import { collectStats, type StatsReport } from "../stats/collect-stats.js";
import type { StatsDeps } from "../stats/deps.js";
import { statsCsv } from "../stats/stats-csv.js";
import { displayDay, parseDay, statsPeriod, type LocalDay } from "../stats/stats-period.js";
import { statsWeeks, weekFigures } from "../stats/stats-weeks.js";
import type { ConsoleSessionRecord } from "./types.js";

export type ConsoleStats =
  | {
      readonly ok: true;
      readonly area: AreaRecord;
      readonly report: StatsReport;
      readonly fromDay: LocalDay;
      readonly toDay: LocalDay;
      /** The person's own areas, to choose from. */
      readonly choices: readonly AreaRecord[];
    }
  | { readonly ok: false; readonly refusal: Text; readonly choices: readonly AreaRecord[] };

export async function consoleStats(input: {
  deps: StatsDeps;
  session: ConsoleSessionRecord;
  areaCode: string | undefined;
  from: string | undefined;
  to: string | undefined;
}): Promise<ConsoleStats> {
  const { deps, session } = input;
  const grants = (await deps.access.grants(session.user)).filter((g) => g.role === "officer" || g.role === "admin");
  const choices = [...new Map(grants.map((g) => [g.area.id, g.area])).values()];
  const typed = input.areaCode ? normaliseAreaCode(input.areaCode) : choices[0]?.code;
  if (!typed) return { ok: false, refusal: t("console:stats.noArea"), choices };
  const area = isValidAreaCode(typed) ? await deps.areas.findArea(typed) : null;
  if (!area) return { ok: false, refusal: t("areas:area.notFound", { code: typed }), choices };
  try {
    await deps.access.requireRole(session.user, "officer", area.code, { key: "stats:forbidden" });
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, refusal: t(error.key, error.params), choices };
    throw error;
  }
  const from = parseDay(input.from ?? "");
  const to = parseDay(input.to ?? "");
  const period = statsPeriod({
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    now: deps.clock.now(),
    timeZone: deps.timeZone,
  });
  if (!period.ok) return { ok: false, refusal: t(`stats:${period.error}`), choices };
  const report = await collectStats({ stats: deps.stats, area, period: period.period, withChildren: true });
  return { ok: true, area, report, fromDay: period.fromDay, toDay: period.toDay, choices };
}

/** The figures as CSV, as `/thongke … csv` sends them. */
export function consoleStatsCsv(stats: Extract<ConsoleStats, { ok: true }>): string {
  return statsCsv({ report: stats.report, fromDay: stats.fromDay, toDay: stats.toDay });
}

/** The weekly chart, as `/thongke` sends it after the figures; undefined without a chart renderer. */
export async function consoleStatsChart(input: {
  deps: StatsDeps;
  stats: Extract<ConsoleStats, { ok: true }>;
  session: ConsoleSessionRecord;
}): Promise<Media | undefined> {
  const { deps, stats } = input;
  if (!deps.charts) return undefined;
  const weeks = statsWeeks({ fromDay: stats.fromDay, toDay: stats.toDay, timeZone: deps.timeZone });
  const rows = await deps.stats.weekly({ areaCode: stats.area.code, edges: weeks.edges });
  return weeklyStatsChart({
    deps: deps.charts,
    locale: input.session.locale,
    area: stats.area.name,
    from: displayDay(stats.fromDay),
    to: displayDay(stats.toDay),
    bucketDays: weeks.daysPerColumn,
    weeks: weekFigures(weeks, rows),
  });
}
