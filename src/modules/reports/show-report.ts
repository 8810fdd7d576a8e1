/** `/baocao [areaCode]` (`/report`): the coverage and health report of an area, on demand. */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { isValidAreaCode, normaliseAreaCode } from "../areas/area-code.js";
import type { AreaRecord } from "../areas/types.js";
import { collectCoverage } from "./collect-coverage.js";
import { coverageText } from "./coverage-text.js";
import type { ReportDeps } from "./deps.js";

export async function showReport(input: { ctx: CommandContext; deps: ReportDeps }): Promise<void> {
  const { ctx, deps } = input;
  const words = ctx.args.split(/\s+/).filter(Boolean);
  if (words.length > 1) return ctx.reply(t("reports:usage"));
  const area = await reportArea({ ctx, deps, typed: words[0] });
  if (!area) return;
  const report = await collectCoverage({ store: deps.coverage, area, now: deps.clock.now(), escalateMinutes: deps.settings.escalateMinutes });
  await ctx.reply(coverageText({ report, locale: ctx.locale, timeZone: deps.settings.timeZone }));
}

/**
 * The area typed, or the user's only area as officer or admin; replies and returns null when it is
 * unknown, unclear (several areas: which one?) or not theirs. The same rule as `/thongke`.
 */
async function reportArea(input: { ctx: CommandContext; deps: ReportDeps; typed: string | undefined }): Promise<AreaRecord | null> {
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
      await ctx.reply(t("reports:whichArea", { commands: codes.map((c) => `/baocao ${c}`).join(", ") }));
      return null;
    }
    area = grants[0]?.area ?? null;
    if (!area && deps.access.isSuperadmin(ctx.user)) {
      await ctx.reply(t("reports:usage"));
      return null;
    }
  }
  if (!area || !(await deps.access.holds(ctx.user, "officer", area.code))) {
    await ctx.reply(t("reports:forbidden"));
    return null;
  }
  return area;
}
