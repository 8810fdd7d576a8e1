/**
 * Makes the README's pictures (docs/*.png) from the code as it runs. Run after changing what they
 * show (the sandbox world, the poster, the chart):
 *
 *   npx tsx test/browser/render-doc-pictures.ts [chart] [poster] [sandbox] [welcome]
 *
 * - chart.png: the /thongke chart of a made-up October for Phường 5, drawn by resvg;
 * - poster.png: the tip-box poster of Phường 5, rasterised at 80 dpi by `pdftoppm` (Debian's
 *   poppler-utils);
 * - sandbox.png, sandbox-phone.png: the sandbox in Chromium (/usr/bin/chromium; emoji need Debian's
 *   fonts-noto-color-emoji) after an alert, a resident's reply and a quiz. Needs PostgreSQL and
 *   Redis: the sandbox runs on the server of DATABASE_URL in a database of its own,
 *   `keng_sandbox_docs`, dropped afterwards;
 * - welcome.png, officer-menu.png: the welcome of /start on a phone (375 px), for a resident (Bác
 *   Hòa) and for an officer (Cán bộ Lan, with her own buttons); same needs as sandbox.png.
 *
 * - console-inbox.png, console-tip.png: the officers' console (issue 21) in Chromium, signed in from
 *   the link Cán bộ Lan gets with /bangdieukhien, after Chị Mai's tip with a photo; same needs.
 *
 * The pictures are committed; nothing renders them at run time.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { chromium, type Page } from "playwright-core";
import { loadConfig } from "../../src/config.js";
import { noEscape, Translator } from "../../src/core/i18n.js";
import type { AreaRecord } from "../../src/modules/areas/types.js";
import { weeklyStatsChart, type WeekFigures } from "../../src/modules/charts/weekly-stats-chart.js";
import { makePoster } from "../../src/modules/posters/make-poster.js";
import { GROUP_TO1, OFFICER_ID, PERSONAS } from "../../src/sandbox/personas.js";
import { clearRedisPrefix, dropDatabase } from "../../src/sandbox/reset-sandbox.js";
import { startSandbox } from "../../src/sandbox/start-sandbox.js";
import { BOT_REPLY_WAIT, CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.js";

const DOCS = fileURLToPath(new URL("../../docs/", import.meta.url));
const WARD: AreaRecord = {
  id: 2,
  code: "ninhbinh.p5",
  name: "Phường 5",
  parentId: 1,
  unitName: null,
  phone: "0229 3871 113",
  kind: "phuong",
  address: null,
};

/** Tips and alerts of October 2026, week by week. */
const OCTOBER: WeekFigures[] = [
  { label: "01/10", tips: { matuy: 2, tromcap: 3, luadao: 1, khac: 1 }, alerts: 1, groupsReached: 3, groupsAcked: 2 },
  { label: "08/10", tips: { matuy: 1, cobac: 1, tromcap: 2, luadao: 3 }, alerts: 0, groupsReached: 0, groupsAcked: 0 },
  {
    label: "15/10",
    tips: { matuy: 3, cobac: 1, tromcap: 4, luadao: 2, gayroi: 1 },
    alerts: 3,
    groupsReached: 6,
    groupsAcked: 5,
  },
  {
    label: "22/10",
    tips: { cobac: 2, tromcap: 1, luadao: 2, gayroi: 1, khac: 2 },
    alerts: 2,
    groupsReached: 12,
    groupsAcked: 7,
  },
  { label: "29/10", tips: { matuy: 1, tromcap: 2, luadao: 1, khac: 1 }, alerts: 1, groupsReached: 6, groupsAcked: 5 },
];

function written(name: string): void {
  console.log(`${join(DOCS, name)}: ${statSync(join(DOCS, name)).size} bytes`);
}

async function renderChart(translator: Translator): Promise<void> {
  const chart = await weeklyStatsChart({
    deps: { label: (text, locale) => translator.render(text, locale, noEscape) },
    locale: "vi",
    area: WARD.name,
    from: "01/10/2026",
    to: "31/10/2026",
    bucketDays: 7,
    weeks: OCTOBER,
  });
  if (chart.kind !== "bytes") throw new Error("the chart is not bytes");
  writeFileSync(join(DOCS, "chart.png"), Buffer.from(chart.base64, "base64"));
  written("chart.png");
}

async function renderPoster(translator: Translator): Promise<void> {
  const poster = await makePoster({
    area: WARD,
    locale: "vi",
    botUsername: "KengBot",
    zaloLink: "https://zalo.me/0000000000000000000",
    translator,
  });
  if (!poster) throw new Error("nothing to print");
  const dir = mkdtempSync(join(tmpdir(), "keng-poster-"));
  try {
    writeFileSync(join(dir, "poster.pdf"), poster.pdf);
    execFileSync("pdftoppm", ["-r", "80", "-png", "-singlefile", join(dir, "poster.pdf"), join(DOCS, "poster")]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  written("poster.png");
}

const personaId = (name: string): number => {
  const persona = PERSONAS.find((p) => p.name === name);
  if (!persona) throw new Error(`no persona ${name}`);
  return persona.id;
};

type Send = (persona: number, chat: number, text: string, replyTo?: number) => Promise<void>;
type BotMessage = (chat: number, pattern: RegExp) => Promise<{ id: number; text: string }>;

/** Writing and reading through the sandbox's JSON API, as the web chat would. */
function sandboxApi(baseUrl: string): { send: Send; botMessage: BotMessage } {
  const send: Send = async (persona, chat, text, replyTo) => {
    const response = await fetch(`${baseUrl}/sandbox/api/send`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona, chat, text, replyTo }),
    });
    if (!response.ok) throw new Error(`send failed: ${response.status} ${await response.text()}`);
  };
  const botMessage: BotMessage = async (chat, pattern) => {
    for (let i = 0; i < 200; i++) {
      const state = (await (await fetch(`${baseUrl}/sandbox/api/state`)).json()) as {
        messages: Record<string, { id: number; text: string; from: { kind: string } }[]>;
      };
      const found = state.messages[String(chat)]?.find((m) => m.from.kind === "bot" && pattern.test(m.text));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no bot message ${pattern} in ${chat}`);
  };
  return { send, botMessage };
}

/** Plays the scene of sandbox.png: an alert, a resident's reply and a quiz. */
async function playScene(baseUrl: string): Promise<void> {
  const { send, botMessage } = sandboxApi(baseUrl);
  await send(OFFICER_ID, OFFICER_ID, "/keng cao Phát hiện đối tượng trộm xe máy ở ngõ 12, bà con khóa xe cẩn thận");
  const alert = await botMessage(GROUP_TO1, /TIẾNG KẺNG AN NINH/);
  await send(personaId("Anh Tuấn"), GROUP_TO1, "Nhà em khóa xe rồi, cảm ơn các anh chị công an phường!", alert.id);
  await send(personaId("Đoàn viên Hùng"), GROUP_TO1, "/cauhoi luadao");
  await botMessage(GROUP_TO1, /Câu hỏi pháp luật/);
}

async function openChat(page: Page, persona: string, chat: string, shows = "TIẾNG KẺNG AN NINH"): Promise<void> {
  await page.locator("#persona").selectOption(String(personaId(persona)));
  await page
    .locator(".chat-item")
    .filter({ has: page.locator(".chat-item-title", { hasText: new RegExp(`^${chat}`) }) })
    .click();
  await page.locator(".msg.bot", { hasText: shows }).last().waitFor(BOT_REPLY_WAIT);
}

/** Runs `scene` against a fresh sandbox (its own database, dropped afterwards) and a Chromium page. */
async function inSandbox(
  scene: (baseUrl: string, page: Page) => Promise<void>,
  viewport: { width: number; height: number },
): Promise<void> {
  const server = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  server.pathname = "/keng_sandbox_docs";
  const databaseUrl = server.toString();
  const config = loadConfig(
    {
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
      QUEUE_PREFIX: "keng-docs",
      PORT: "0",
      LOG_LEVEL: "silent",
    },
    { forceSandbox: true },
  );
  const app = await startSandbox(config, {
    logger: pino({ level: "silent" }),
    databaseUrl,
    reset: true,
    print: () => undefined,
  });
  const userDataDir = mkdtempSync(join(tmpdir(), "keng-docs-"));
  try {
    const baseUrl = `http://127.0.0.1:${app.httpPort ?? 0}`;
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      viewport,
      locale: "vi-VN",
      timezoneId: config.TZ,
    });
    try {
      await scene(baseUrl, context.pages()[0] ?? (await context.newPage()));
    } finally {
      await context.close();
    }
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
    await app.stop();
    await dropDatabase(databaseUrl);
    if (config.REDIS_URL) await clearRedisPrefix(config.REDIS_URL, `${config.QUEUE_PREFIX}-sandbox`);
  }
}

async function openSandbox(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator(".live-dot.on").waitFor(BOT_REPLY_WAIT);
}

async function renderSandbox(): Promise<void> {
  await inSandbox(
    async (baseUrl, page) => {
      await playScene(baseUrl);
      await openSandbox(page, baseUrl);
      await openChat(page, "Chị Mai", "Tổ dân phố 1");
      await page.locator("#admin .delivery").nth(3).waitFor(BOT_REPLY_WAIT);
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(DOCS, "sandbox.png") });
      written("sandbox.png");
      // On a phone the chat opens from the list, scrolled to its latest messages.
      await page.setViewportSize({ width: 375, height: 760 });
      await page.locator(".back").click();
      await openChat(page, "Chị Mai", "Tổ dân phố 1");
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(DOCS, "sandbox-phone.png") });
      written("sandbox-phone.png");
    },
    { width: 1440, height: 900 },
  );
}

/** welcome.png and officer-menu.png: what /start shows a resident and an officer, on a phone. */
async function renderWelcome(): Promise<void> {
  await inSandbox(
    async (baseUrl, page) => {
      const { send, botMessage } = sandboxApi(baseUrl);
      const shots = [
        { persona: "Bác Hòa", file: "welcome.png" },
        { persona: "Cán bộ Lan", file: "officer-menu.png" },
      ];
      for (const shot of shots) {
        await send(personaId(shot.persona), personaId(shot.persona), "/start");
        await botMessage(personaId(shot.persona), /Xin chào/);
      }
      await openSandbox(page, baseUrl);
      for (const shot of shots) {
        await openChat(page, shot.persona, "Kẻng", "Xin chào");
        await page.waitForTimeout(500);
        await page.screenshot({ path: join(DOCS, shot.file) });
        written(shot.file);
        await page.locator(".back").click();
      }
    },
    { width: 375, height: 760 },
  );
}

/** The keyboard of the bot's latest message in a chat whose text matches. */
async function botKeyboard(baseUrl: string, chat: number, pattern: RegExp): Promise<{ id: number; data: string[] }> {
  for (let i = 0; i < 200; i++) {
    const state = (await (await fetch(`${baseUrl}/sandbox/api/state`)).json()) as {
      messages: Record<string, { id: number; text: string; from: { kind: string }; keyboard: { data?: string }[][] }[]>;
    };
    const found = state.messages[String(chat)]?.filter((m) => m.from.kind === "bot" && pattern.test(m.text)).pop();
    if (found) return { id: found.id, data: found.keyboard.flat().flatMap((b) => (b.data ? [b.data] : [])) };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no bot message ${pattern} in ${chat}`);
}

/** console-inbox.png and console-tip.png: Chị Mai's tip with a photo, in Cán bộ Lan's console. */
async function renderConsole(): Promise<void> {
  await inSandbox(
    async (baseUrl, page) => {
      const { send, botMessage } = sandboxApi(baseUrl);
      const mai = personaId("Chị Mai");
      const post = (path: string, body: unknown) =>
        fetch(`${baseUrl}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      await send(mai, mai, "/togiac Xe máy Wave đỏ biển 35B1-234.56 chở hàng cấm vào ngõ 12 lúc 22 giờ");
      const notice = await botKeyboard(baseUrl, mai, /Trước khi gửi/);
      await post("/sandbox/api/press", { persona: mai, chat: mai, message: notice.id, data: notice.data[0] });
      await botMessage(mai, /TG-/);
      await post("/sandbox/api/photo", { persona: mai, chat: mai, image: "xe-may-la", caption: "Chiếc xe" });
      await botMessage(mai, /bổ sung/);
      await send(OFFICER_ID, OFFICER_ID, "/bangdieukhien");
      const link = /https?:\/\/\S+\/console\/open\/\S+/.exec((await botMessage(OFFICER_ID, /\/console\/open\//)).text);
      await page.goto((link?.[0] ?? "").replace("localhost", "127.0.0.1"));
      await page.getByRole("button").click();
      await page.locator("tbody tr").first().waitFor(BOT_REPLY_WAIT);
      await page.screenshot({ path: join(DOCS, "console-inbox.png") });
      written("console-inbox.png");
      await page.locator("tbody tr a").first().click();
      await page.locator(".photos img").waitFor(BOT_REPLY_WAIT);
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(DOCS, "console-tip.png"), fullPage: true });
      written("console-tip.png");
    },
    { width: 1100, height: 760 },
  );
}

const wanted = process.argv.slice(2);
const want = (name: string) => wanted.length === 0 || wanted.includes(name);
const translator = await Translator.create("vi");
if (want("chart")) await renderChart(translator);
if (want("poster")) await renderPoster(translator);
if (want("sandbox")) await renderSandbox();
if (want("welcome")) await renderWelcome();
if (want("console")) await renderConsole();
