/** After `/thongke`'s figures: the same period as a picture (tips per week by kind, alerts and their acknowledgement rate). */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { ChartDeps } from "../charts/deps.js";
import { weeklyStatsChart } from "../charts/weekly-stats-chart.js";
import { displayDay, type LocalDay } from "./stats-period.js";
import { statsWeeks, weekFigures } from "./stats-weeks.js";
import type { StatsStore } from "./types.js";

export async function sendStatsChart(input: {
  ctx: CommandContext;
  stats: StatsStore;
  charts: ChartDeps;
  area: { code: string; name: string };
  fromDay: LocalDay;
  toDay: LocalDay;
  timeZone: string;
}): Promise<void> {
  const { ctx, area } = input;
  const weeks = statsWeeks({ fromDay: input.fromDay, toDay: input.toDay, timeZone: input.timeZone });
  const rows = await input.stats.weekly({ areaCode: area.code, edges: weeks.edges });
  const from = displayDay(input.fromDay);
  const to = displayDay(input.toDay);
  const photo = await weeklyStatsChart({
    deps: input.charts,
    locale: ctx.locale,
    area: area.name,
    from,
    to,
    bucketDays: weeks.daysPerColumn,
    weeks: weekFigures(weeks, rows),
  });
  await ctx.reply(t("stats:chart.caption", { area: area.name, from, to }), { photo });
}
