/**
 * `/thongke`'s picture: tips received per week by category (stacked columns), and alerts per week
 * with the share of reached groups where someone acknowledged (a line on a 0–100 % axis).
 */
import type { Media } from "../../core/messages.js";
import { t, type Locale, type TextParam } from "../../core/text.js";
import { TIP_CATEGORIES, type TipCategory } from "../tips/types.js";
import { barChartSvg } from "./bar-chart-svg.js";
import type { ChartDeps } from "./deps.js";
import { renderPng } from "./render-png.js";
import { COLORS } from "./svg-text.js";

/** One column of the chart: a week (or a longer stretch on long periods) of the period. */
export interface WeekFigures {
  /** The first day of the week as people read it, e.g. `01/10`. */
  readonly label: string;
  readonly tips: Readonly<Partial<Record<TipCategory, number>>>;
  readonly alerts: number;
  /** (alert, group) deliveries of the week's alerts, and those where someone acknowledged. */
  readonly groupsReached: number;
  readonly groupsAcked: number;
}

export async function weeklyStatsChart(input: {
  deps: ChartDeps;
  locale: Locale;
  area: string;
  /** The period's first and last day as people read them. */
  from: string;
  to: string;
  /** Days per column: 7, or a multiple of 7 on long periods. */
  bucketDays: number;
  weeks: readonly WeekFigures[];
}): Promise<Media> {
  const { weeks } = input;
  const label = (key: string, params?: Record<string, TextParam>) =>
    input.deps.label(t(`stats:chart.${key}`, params), input.locale);
  const columns = weeks.map((w) => w.label);
  const svg = barChartSvg({
    title: label("title", { area: input.area }),
    subtitle: label(input.bucketDays === 7 ? "periodWeeks" : "periodDays", {
      from: input.from,
      to: input.to,
      days: input.bucketDays,
    }),
    panels: [
      {
        title: label("tipsPanel"),
        categories: columns,
        mode: "stacked",
        emptyText: label("noTips"),
        series: TIP_CATEGORIES.map((category, i) => ({
          name: label(`category.${category}`),
          color: COLORS.series[i % COLORS.series.length] ?? COLORS.axis,
          values: weeks.map((w) => w.tips[category] ?? 0),
        })),
      },
      {
        title: label("alertsPanel"),
        categories: columns,
        mode: "grouped",
        emptyText: label("noAlerts"),
        series: [{ name: label("alertsSeries"), color: COLORS.series[0], values: weeks.map((w) => w.alerts) }],
        rate: {
          name: label("ackRate"),
          color: COLORS.rate,
          values: weeks.map((w) => (w.groupsReached > 0 ? w.groupsAcked / w.groupsReached : null)),
        },
      },
    ],
    footnote: label("footnote"),
  });
  const png = await renderPng(svg);
  return { kind: "bytes", base64: png.toString("base64"), filename: "thongke.png" };
}
