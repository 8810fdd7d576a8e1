/** `/baocao [areaCode]` (`/report`): the coverage and health report of an area, on demand. */
import type { CommandContext } from "../../core/commands.js";
import { officerArea } from "../areas/officer-area.js";
import { t } from "../../core/text.js";
import { collectCoverage } from "./collect-coverage.js";
import { coverageText } from "./coverage-text.js";
import type { ReportDeps } from "./deps.js";

export async function showReport(input: { ctx: CommandContext; deps: ReportDeps }): Promise<void> {
  const { ctx, deps } = input;
  const words = ctx.args.split(/\s+/).filter(Boolean);
  if (words.length > 1) return ctx.reply(t("reports:usage"));
  const area = await officerArea({ ctx, deps, typed: words[0], replies: { command: "baocao", whichAreaKey: "reports:whichArea", usageKey: "reports:usage", forbiddenKey: "reports:forbidden" } });
  if (!area) return;
  const report = await collectCoverage({ store: deps.coverage, area, now: deps.clock.now(), escalateMinutes: deps.settings.escalateMinutes });
  await ctx.reply(coverageText({ report, locale: ctx.locale, timeZone: deps.settings.timeZone }));
}
