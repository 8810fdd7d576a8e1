/** `/thongke [areaCode] [from] [to]` (`/stats`): an officer's or admin's figures for an area. */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { isValidAreaCode, normaliseAreaCode } from "../areas/area-code.js";
import type { AreaRecord } from "../areas/types.js";
import { collectStats } from "./collect-stats.js";
import type { StatsDeps } from "./deps.js";
import { sendStatsChart } from "./send-stats-chart.js";
import { parseStatsArgs } from "./stats-period.js";
import { statsText } from "./stats-report.js";

export async function showStats(input: { ctx: CommandContext; deps: StatsDeps }): Promise<void> {
  const { ctx, deps } = input;
  const args = parseStatsArgs(ctx.args, deps.clock.now(), deps.timeZone);
  if (!args.ok) return ctx.reply(t(`stats:${args.error}`));
  const area = await statsArea({ ctx, deps, typed: args.areaCode });
  if (!area) return;
  const report = await collectStats({ stats: deps.stats, area, period: args.period, withChildren: false });
  await ctx.reply(statsText({ report, fromDay: args.fromDay, toDay: args.toDay, locale: ctx.locale }));
  if (deps.charts) await sendStatsChart({ ctx, stats: deps.stats, charts: deps.charts, area, fromDay: args.fromDay, toDay: args.toDay, timeZone: deps.timeZone });
}

/** The area typed, or the officer's only area; replies and returns null when unknown, unclear or not theirs. */
async function statsArea(input: { ctx: CommandContext; deps: StatsDeps; typed: string | undefined }): Promise<AreaRecord | null> {
  const { ctx, deps } = input;
  let area: AreaRecord | null = null;
  if (input.typed) {
    const code = normaliseAreaCode(input.typed);
    area = isValidAreaCode(code) ? await deps.areas.findArea(code) : null;
    if (!area) {
      await ctx.reply(t("areas:area.notFound", { code }));
      return null;
    }
  } else {
    const grants = (await deps.access.grants(ctx.user)).filter((g) => g.role === "officer" || g.role === "admin");
    const codes = [...new Set(grants.map((g) => g.area.code))];
    if (codes.length > 1) {
      await ctx.reply(t("stats:whichArea", { commands: codes.map((c) => `/thongke ${c}`).join(", ") }));
      return null;
    }
    area = grants[0]?.area ?? null;
    if (!area && deps.access.isSuperadmin(ctx.user)) {
      await ctx.reply(t("stats:usage"));
      return null;
    }
  }
  if (!area || !(await deps.access.holds(ctx.user, "officer", area.code))) {
    await ctx.reply(t("stats:forbidden"));
    return null;
  }
  return area;
}
