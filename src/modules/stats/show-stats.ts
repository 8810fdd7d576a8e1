/** `/thongke [areaCode] [from] [to]` (`/stats`): an officer's or admin's figures for an area. */
import type { CommandContext } from "../../core/commands.js";
import { officerArea } from "../areas/officer-area.js";
import { t } from "../../core/text.js";
import { collectStats } from "./collect-stats.js";
import type { StatsDeps } from "./deps.js";
import { sendStatsChart } from "./send-stats-chart.js";
import { parseStatsArgs } from "./stats-period.js";
import { statsText } from "./stats-report.js";

export async function showStats(input: { ctx: CommandContext; deps: StatsDeps }): Promise<void> {
  const { ctx, deps } = input;
  const args = parseStatsArgs(ctx.args, deps.clock.now(), deps.timeZone);
  if (!args.ok) return ctx.reply(t(`stats:${args.error}`));
  const area = await officerArea({
    ctx,
    deps,
    typed: args.areaCode,
    replies: {
      command: "thongke",
      whichAreaKey: "stats:whichArea",
      usageKey: "stats:usage",
      forbiddenKey: "stats:forbidden",
    },
  });
  if (!area) return;
  const report = await collectStats({ stats: deps.stats, area, period: args.period, withChildren: false });
  await ctx.reply(statsText({ report, fromDay: args.fromDay, toDay: args.toDay, locale: ctx.locale }));
  if (deps.charts)
    await sendStatsChart({
      ctx,
      stats: deps.stats,
      charts: deps.charts,
      area,
      fromDay: args.fromDay,
      toDay: args.toDay,
      timeZone: deps.timeZone,
    });
}
