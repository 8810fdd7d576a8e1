/**
 * How the coverage report reads. Group titles and area names are people's text: they go in as
 * plain parameters, which the renderer escapes. A long report is split into several messages by the
 * platform sender (split-html, never cut); each list stops after MAX_LINES with a count of the rest.
 */
import { lines, raw, t, type Locale, type Text } from "../../core/text.js";
import { formatDateTime } from "../../core/time.js";
import { WEEKDAY_NAMES } from "../campaigns/schedule.js";
import { REPORT_WINDOW_DAYS, type CoverageReport } from "./collect-coverage.js";
import type { WeeklyRecurrence } from "./report-schedule.js";

const MAX_LINES = 50;

function list<T>(items: readonly T[], line: (item: T) => Text, total = items.length): Text[] {
  const shown = items.slice(0, MAX_LINES).map(line);
  return total > shown.length ? [...shown, t("reports:more", { rest: total - shown.length })] : shown;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "Thứ Hai lúc 08:00" */
export function describeReportTime(schedule: WeeklyRecurrence): Text {
  return t("reports:weekly.when", {
    day: t(`campaigns:weekday.${WEEKDAY_NAMES[schedule.weekday] ?? "mon"}`),
    time: `${pad(schedule.hour)}:${pad(schedule.minute)}`,
  });
}

export function coverageText(input: {
  report: CoverageReport;
  locale: Locale;
  timeZone: string;
  weekly?: WeeklyRecurrence;
  notices?: readonly Text[];
}): Text {
  const { report, locale, timeZone } = input;
  const time = (date: Date) => formatDateTime(date, locale, timeZone);
  const title = (value: string | null) => (value ? value : t("reports:untitled"));
  const covered = report.areas.filter((a) => a.groups > 0);
  const followed = report.areas.filter((a) => a.zaloFollowers > 0);
  const minutes = new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-US", { maximumFractionDigits: 2 }).format(
    report.escalateMinutes,
  );
  return lines(
    t("reports:title", { area: report.area.name }),
    ...(input.weekly ? [t("reports:weekly.header", { when: describeReportTime(input.weekly) })] : []),
    t("reports:generated", { time: time(report.at) }),
    ...(input.notices ?? []),
    raw(""),
    t("reports:groups.title", { groups: report.groups, covered: covered.length, areas: report.areas.length }),
    ...list(covered, (a) => t("reports:groups.line", { area: a.name, code: a.code, groups: a.groups })),
    t("reports:uncovered.title", { count: report.uncovered.length }),
    ...list(report.uncovered, (a) => t("reports:uncovered.line", { area: a.name, code: a.code })),
    t("reports:lost.title", { count: report.lostGroups.length }),
    ...list(report.lostGroups, (g) =>
      t(`reports:lost.${g.kind}`, { title: title(g.title), area: g.areaName, since: time(g.since) }),
    ),
    t("reports:silent.title", { count: report.silentGroups.length, days: REPORT_WINDOW_DAYS }),
    ...list(report.silentGroups, (g) =>
      t("reports:silent.line", { title: title(g.title), area: g.areaName, alerts: g.alerts }),
    ),
    t("reports:zalo.title", { count: report.zaloFollowers }),
    ...list(followed, (a) => t("reports:zalo.line", { area: a.name, code: a.code, count: a.zaloFollowers })),
    t("reports:tips.title", { count: report.overdueTipCount, minutes }),
    ...list(
      report.overdueTips,
      (tip) =>
        t("reports:tips.line", {
          code: tip.code,
          category: t(`tips:category.${tip.category}`),
          area: tip.areaName,
          time: time(tip.createdAt),
        }),
      report.overdueTipCount,
    ),
    raw(""),
    t("reports:footer", { code: report.area.code }),
  );
}
