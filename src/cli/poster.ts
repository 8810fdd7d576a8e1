/**
 * `npm run poster -- --area <code> [--lang vi|en] [--out <file or folder>] [--bot <username>]`: the
 * area's printable tip-box poster (A4 PDF, the same as `/apphich`), written to
 * `poster-<area>-<lang>.pdf` in the current folder (or `--out`); prints the path. The Telegram bot's
 * username comes from `--bot`, or from Telegram (getMe) when TELEGRAM_BOT_TOKEN is set.
 * Exit code 1: unknown area or nothing to print; 2: bad arguments or configuration.
 */
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadConfig, type Config } from "../config.js";
import { fail, parseCommandLine, runCli, withDatabase } from "./cli-run.js";
import { Translator } from "../core/i18n.js";
import { isLocale } from "../core/text.js";
import { isValidAreaCode, normaliseAreaCode } from "../modules/areas/area-code.js";
import { PrismaAreaStore } from "../modules/areas/repo.js";
import { makePoster } from "../modules/posters/make-poster.js";

const USAGE =
  "Usage: npm run poster -- --area <areaCode> [--lang vi|en] [--out <file.pdf|folder>] [--bot <TelegramBotUsername>]";

/** The bot's username as Telegram knows it (getMe), when the token is configured. */
async function telegramUsername(config: Config): Promise<string | undefined> {
  if (!config.TELEGRAM_BOT_TOKEN) return undefined;
  const response = await fetch(`${config.TELEGRAM_API_ROOT.replace(/\/$/, "")}/bot${config.TELEGRAM_BOT_TOKEN}/getMe`, {
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await response.json().catch(() => ({}))) as { ok?: boolean; result?: { username?: unknown } };
  if (!body.ok || typeof body.result?.username !== "string")
    fail(`Telegram refused getMe (HTTP ${response.status}): check TELEGRAM_BOT_TOKEN, or pass --bot <username>.`);
  return body.result.username;
}

/** `--out` names a folder (existing, or ending in /) or a file; by default the current folder. */
function outputPath(out: string | undefined, filename: string): string {
  if (!out) return resolve(filename);
  const isFolder = /[/\\]$/.test(out) || (existsSync(out) && statSync(out).isDirectory());
  return resolve(isFolder ? join(out, filename) : out);
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(
    {
      options: {
        area: { type: "string" },
        lang: { type: "string" },
        out: { type: "string" },
        bot: { type: "string" },
      },
    },
    USAGE,
  );
  if (!values.area) fail(USAGE);
  const config = loadConfig(process.env);
  const locale = values.lang ?? config.DEFAULT_LOCALE;
  if (!isLocale(locale)) fail(`--lang ${locale}: use vi or en.`);
  const code = normaliseAreaCode(values.area);
  if (!isValidAreaCode(code)) fail(`${values.area} is not an area code (e.g. ninhbinh.p5).`);
  await withDatabase(config, 2, async (db) => {
    const areas = new PrismaAreaStore(db);
    const area = await areas.findArea(code);
    if (!area) fail(`No area with code ${code}.`, 1);
    const parent = area.parentId === null ? null : await areas.findAreaById(area.parentId);
    const botUsername = values.bot?.replace(/^@/, "") || (await telegramUsername(config));
    const poster = await makePoster({
      area,
      parent,
      locale,
      botUsername,
      zaloLink: config.ZALO_BOT_LINK,
      translator: await Translator.create(config.DEFAULT_LOCALE),
    });
    if (!poster)
      fail(
        "Nothing to print: pass --bot <TelegramBotUsername> (or set TELEGRAM_BOT_TOKEN) and/or set ZALO_BOT_LINK.",
        1,
      );
    const path = outputPath(values.out, poster.filename);
    writeFileSync(path, poster.pdf);
    console.log(path);
  });
}

await runCli(main, "Poster failed");
