/**
 * Issue 7, in a real browser: Debian's Chromium driven by playwright-core opens the sandbox's web
 * chat, plays the officer who strikes the gong, then a resident who sees it in "Tổ dân phố 1",
 * presses "Đã nhận" and sends a tip in the private chat, and saves screenshots (desktop and phone)
 * under test/artifacts/. Skips itself, saying why, when /usr/bin/chromium is not installed.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERSONAS } from "../../src/sandbox/personas.js";
import { createTestSandbox, type TestSandbox } from "../e2e/sandbox-support.js";
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumInstalled } from "./chromium.js";

const ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));
const TIP_CODE = /TG-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}/;
const WAIT = { timeout: 20_000 };
const installed = chromiumInstalled();

if (!installed) console.warn(`Skipping the sandbox browser test: ${CHROMIUM_PATH} is not installed (Debian: apt-get install chromium).`);

describe.skipIf(!installed)(`the sandbox in a browser${installed ? "" : ` (skipped: ${CHROMIUM_PATH} is not installed)`}`, { timeout: 60_000 }, () => {
  let sandbox: TestSandbox;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    sandbox = await createTestSandbox();
    await sandbox.start();
    userDataDir = mkdtempSync(join(tmpdir(), "keng-browser-"));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 }, locale: "vi-VN" });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await sandbox?.destroy();
  });

  /** A chat in the list by the start of its title ("Kẻng" is the private chat with the bot). */
  const chatItem = (title: string) => page.locator(".chat-item").filter({ has: page.locator(".chat-item-title", { hasText: new RegExp(`^${title}`) }) });

  /** Picks a persona in the header and opens one of their chats from the list. */
  async function playIn(persona: string, chat: string): Promise<void> {
    // By id: the option's label also counts the persona's unread messages, e.g. "Chị Mai (2)".
    await page.locator("#persona").selectOption(String(PERSONAS.find((p) => p.name === persona)?.id));
    await chatItem(chat).click();
    await expect.poll(() => page.locator("#chat-title").textContent()).toMatch(new RegExp(`^${chat}`));
  }

  async function write(text: string): Promise<void> {
    await page.locator("#text").fill(text);
    await page.locator("#text").press("Enter");
  }

  it("opens the web chat with the personas, their chats and a live connection", async () => {
    await page.goto(`${sandbox.baseUrl}/`);
    await expect.poll(() => page.locator("#persona option").allTextContents()).toEqual(["Cán bộ Lan", "Đoàn viên Hùng", "Chú Bảy bảo vệ", "Chị Mai", "Anh Tuấn", "Bác Hòa"]);
    await page.locator(".live-dot.on").waitFor(WAIT);
  });

  it("lets the officer strike the gong from the private chat with the bot", async () => {
    await playIn("Cán bộ Lan", "Kẻng");
    await write("/keng cao Phát hiện đối tượng trộm xe máy ở ngõ 12, bà con khóa xe cẩn thận");
    await page.locator(".msg.out", { hasText: "/keng cao" }).waitFor(WAIT);
    await page.locator(".msg.bot", { hasText: /Tiếng kẻng K\d+/ }).first().waitFor(WAIT);
  });

  it("shows the alert to a resident in Tổ dân phố 1, who acknowledges it", async () => {
    await playIn("Chị Mai", "Tổ dân phố 1");
    const alert = page.locator(".msg.bot", { hasText: "TIẾNG KẺNG AN NINH" }).last();
    await alert.waitFor(WAIT);
    expect(await alert.textContent()).toContain("trộm xe máy ở ngõ 12");
    await alert.getByRole("button", { name: /Đã nhận/ }).click();
    await expect.poll(() => page.locator(".toast").allTextContents(), WAIT).toContainEqual(expect.stringContaining("Cảm ơn bạn đã xác nhận"));
  });

  it("takes the resident's tip in the private chat and answers with a tracking code", async () => {
    await playIn("Chị Mai", "Kẻng");
    await write("/togiac Có người lạ hay tụ tập ở cuối ngõ 12 vào ban đêm");
    // Her first tip: she reads the privacy notice and taps "📮 Gửi tin".
    const notice = page.locator(".msg.bot", { hasText: "Trước khi gửi" }).first();
    await notice.waitFor(WAIT);
    await page.screenshot({ path: join(ARTIFACTS, "sandbox-privacy-notice.png") });
    await notice.getByRole("button", { name: /Gửi tin/ }).click();
    const receipt = page.locator(".msg.bot", { hasText: TIP_CODE }).first();
    await receipt.waitFor(WAIT);
    expect(await receipt.textContent()).toMatch(TIP_CODE);
    await page.screenshot({ path: join(ARTIFACTS, "sandbox-tip.png") });
  });

  it("sends a /command tapped in a bot's message at once, as Telegram does", async () => {
    await playIn("Bác Hòa", "Kẻng");
    await write("/trogiup");
    const help = page.locator(".msg.bot", { hasText: "Kẻng giúp bạn" }).last();
    await help.waitFor(WAIT);
    await help.locator("a.cmd", { hasText: "/cauhoi" }).click();
    // Sent as the person's message, and answered; the text box stays empty.
    await page.locator(".msg.out", { hasText: /^\/cauhoi/ }).last().waitFor(WAIT);
    await page.locator(".msg.bot", { hasText: "Câu hỏi pháp luật" }).last().waitFor(WAIT);
    expect(await page.locator("#text").inputValue()).toBe("");
  });

  it("shows the queues, the last deliveries and the CAP feed in the admin panel", async () => {
    await playIn("Chị Mai", "Tổ dân phố 1");
    const admin = page.locator("#admin");
    await expect.poll(() => admin.locator("tr[data-queue='deliver'] td").first().isVisible(), WAIT).toBe(true);
    await expect.poll(() => admin.locator(".delivery").count(), WAIT).toBeGreaterThan(3);
    expect(await admin.locator("#cap-link").getAttribute("href")).toBe("/cap/alerts.xml");
    await page.screenshot({ path: join(ARTIFACTS, "sandbox-desktop.png") });
  });

  it("fits a phone-sized screen (375 px) in English", async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.locator(".back").click();
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await expect.poll(() => page.locator(".section-title").textContent()).toBe("Chats");
    await page.screenshot({ path: join(ARTIFACTS, "sandbox-phone-list.png") });
    await chatItem("Tổ dân phố 1").click();
    await page.locator(".msg.bot", { hasText: "TIẾNG KẺNG AN NINH" }).last().waitFor(WAIT);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, "sandbox-phone.png") });
    expect(problems).toEqual([]);
  });
});
