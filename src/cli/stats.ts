/**
 * `npm run stats -- --area <code> [--from <day>] [--to <day>] [--csv]`: the figures of `/thongke`
 * for an area (days as 2026-11-01 or 01/11/2026, default the last 30 days). With `--csv`, one row
 * for the area and one for each area directly below it. Exit code 1: unknown area; 2: bad arguments.
 */
import { loadConfig } from "../config.js";
import { fail, parseCommandLine, runCli, withDatabase } from "./cli-run.js";
import { noEscape, Translator } from "../core/i18n.js";
import { normaliseAreaCode } from "../modules/areas/area-code.js";
import { PrismaAreaStore } from "../modules/areas/repo.js";
import { collectStats } from "../modules/stats/collect-stats.js";
import { PrismaStatsStore } from "../modules/stats/repo.js";
import { statsCsv } from "../modules/stats/stats-csv.js";
import { parseDay, statsPeriod, type LocalDay } from "../modules/stats/stats-period.js";
import { statsText } from "../modules/stats/stats-report.js";

const USAGE = "Usage: npm run stats -- --area <areaCode> [--from 2026-11-01|01/11/2026] [--to …] [--csv]";

function day(value: string | undefined, name: string): LocalDay | undefined {
  if (value === undefined) return undefined;
  return parseDay(value) ?? fail(`--${name} ${value} is not a date (use 2026-11-01 or 01/11/2026).`);
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(
    {
      options: {
        area: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        csv: { type: "boolean", default: false },
      },
    },
    USAGE,
  );
  const areaCode = values.area || fail(USAGE);
  const config = loadConfig(process.env);
  const from = day(values.from, "from");
  const to = day(values.to, "to");
  const range = statsPeriod({ ...(from ? { from } : {}), ...(to ? { to } : {}), now: new Date(), timeZone: config.TZ });
  if (!range.ok) fail("--from must not be after --to.");
  await withDatabase(config, 4, async (db) => {
    const area = await new PrismaAreaStore(db).findArea(normaliseAreaCode(areaCode));
    if (!area) fail(`No area with code ${areaCode}.`, 1);
    const report = await collectStats({
      stats: new PrismaStatsStore(db),
      area,
      period: range.period,
      withChildren: values.csv,
    });
    if (values.csv) process.stdout.write(statsCsv({ report, fromDay: range.fromDay, toDay: range.toDay }));
    else {
      const translator = await Translator.create(config.DEFAULT_LOCALE);
      const text = translator.render(
        statsText({ report, fromDay: range.fromDay, toDay: range.toDay, locale: config.DEFAULT_LOCALE }),
        config.DEFAULT_LOCALE,
        noEscape,
      );
      console.log(text.replace(/<\/?[a-z]+>/g, ""));
    }
  });
}

await runCli(main, "Statistics failed");
