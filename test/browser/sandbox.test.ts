/**
 * Issue 7, in a real browser: Debian's Chromium driven by playwright-core opens the sandbox's web
 * chat, plays the officer who strikes the gong, then a resident who sees it in "Tổ dân phố 1",
 * presses "Đã nhận" and sends a tip in the private chat, and saves screenshots (desktop and phone)
 * under test/artifacts/. Skips itself, saying why, when /usr/bin/chromium is not installed.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH } from "./chromium.js";
import {
  BOT_REPLY_WAIT,
  browserInstalled,
  browserSuite,
  openSandboxBrowser,
  webChat,
  type SandboxBrowser,
} from "./sandbox-browser.js";

const ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));
const TIP_CODE = /TG-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}/;

if (!browserInstalled)
  console.warn(
    `Skipping the sandbox browser test: ${CHROMIUM_PATH} is not installed (Debian: apt-get install chromium).`,
  );

// Per test: several bot replies, each paced by Telegram's ~1 s per private chat (BOT_REPLY_WAIT), plus Chromium's start.
describe.skipIf(!browserInstalled)(browserSuite("the sandbox in a browser"), { timeout: 60_000 }, () => {
  let browser: SandboxBrowser;
  let page: Page;
  let chat: ReturnType<typeof webChat>;

  beforeAll(async () => {
    browser = await openSandboxBrowser();
    page = browser.page;
    chat = webChat(page);
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("opens the web chat with the personas, their chats and a live connection", async () => {
    await page.goto(`${browser.sandbox.baseUrl}/`);
    await expect
      .poll(() => page.locator("#persona option").allTextContents())
      .toEqual([
        "Cán bộ Lan",
        "Đoàn viên Hùng",
        "Chú Bảy bảo vệ",
        "Cô Sáu tổ trưởng",
        "Cô Hạnh tư vấn",
        "Chị Mai",
        "Anh Tuấn",
        "Bác Hòa",
        "Em Nam (học sinh)",
      ]);
    await page.locator(".live-dot.on").waitFor(BOT_REPLY_WAIT);
  });

  it("lets the officer strike the gong from the private chat with the bot", async () => {
    await chat.playIn("Cán bộ Lan", "Kẻng");
    await chat.write("/keng cao Phát hiện đối tượng trộm xe máy ở ngõ 12, bà con khóa xe cẩn thận");
    await page.locator(".msg.out", { hasText: "/keng cao" }).waitFor(BOT_REPLY_WAIT);
    await page
      .locator(".msg.bot", { hasText: /Tiếng kẻng K\d+/ })
      .first()
      .waitFor(BOT_REPLY_WAIT);
  });

  it("shows the alert to a resident in Tổ dân phố 1, who acknowledges it", async () => {
    await chat.playIn("Chị Mai", "Tổ dân phố 1");
    const alert = page.locator(".msg.bot", { hasText: "TIẾNG KẺNG AN NINH" }).last();
    await alert.waitFor(BOT_REPLY_WAIT);
    expect(await alert.textContent()).toContain("trộm xe máy ở ngõ 12");
    await alert.getByRole("button", { name: /Đã nhận/ }).click();
    await expect
      .poll(() => page.locator(".toast").allTextContents(), BOT_REPLY_WAIT)
      .toContainEqual(expect.stringContaining("Cảm ơn bạn đã xác nhận"));
  });

  it("takes the resident's tip in the private chat and answers with a tracking code", async () => {
    await chat.playIn("Chị Mai", "Kẻng");
    await chat.write("/togiac Có người lạ hay tụ tập ở cuối ngõ 12 vào ban đêm");
    // Her first tip: she reads the privacy notice and taps "📮 Gửi tin".
    const notice = page.locator(".msg.bot", { hasText: "Trước khi gửi" }).first();
    await notice.waitFor(BOT_REPLY_WAIT);
    await page.screenshot({ path: join(ARTIFACTS, "sandbox-privacy-notice.png") });
    await notice.getByRole("button", { name: /Gửi tin/ }).click();
    const receipt = page.locator(".msg.bot", { hasText: TIP_CODE }).first();
    await receipt.waitFor(BOT_REPLY_WAIT);
    expect(await receipt.textContent()).toMatch(TIP_CODE);
    await page.screenshot({ path: join(ARTIFACTS, "sandbox-tip.png") });
  });

  it("sends a /command tapped in a bot's message at once, as Telegram does", async () => {
    await chat.playIn("Bác Hòa", "Kẻng");
    await chat.write("/trogiup");
    const help = page.locator(".msg.bot", { hasText: "Kẻng giúp bạn" }).last();
    await help.waitFor(BOT_REPLY_WAIT);
    await help.locator("a.cmd", { hasText: "/cauhoi" }).click();
    // Sent as the person's message, and answered; the text box stays empty.
    await page
      .locator(".msg.out", { hasText: /^\/cauhoi/ })
      .last()
      .waitFor(BOT_REPLY_WAIT);
    await page.locator(".msg.bot", { hasText: "Câu hỏi pháp luật" }).last().waitFor(BOT_REPLY_WAIT);
    expect(await page.locator("#text").inputValue()).toBe("");
  });

  it("shows the queues, the last deliveries and the CAP feed in the admin panel", async () => {
    await chat.playIn("Chị Mai", "Tổ dân phố 1");
    const admin = page.locator("#admin");
    await expect
      .poll(() => admin.locator("tr[data-queue='deliver'] td").first().isVisible(), BOT_REPLY_WAIT)
      .toBe(true);
    await expect.poll(() => admin.locator(".delivery").count(), BOT_REPLY_WAIT).toBeGreaterThan(3);
    expect(await admin.locator("#cap-link").getAttribute("href")).toBe("/cap/alerts.xml");
    await page.screenshot({ path: join(ARTIFACTS, "sandbox-desktop.png") });
  });

  it("fits a phone-sized screen (375 px) in English", async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.locator(".back").click();
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await expect.poll(() => page.locator(".section-title").textContent()).toBe("Chats");
    await page.screenshot({ path: join(ARTIFACTS, "sandbox-phone-list.png") });
    await chat.chatItem("Tổ dân phố 1").click();
    await page.locator(".msg.bot", { hasText: "TIẾNG KẺNG AN NINH" }).last().waitFor(BOT_REPLY_WAIT);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, "sandbox-phone.png") });
    expect(browser.problems).toEqual([]);
  });
});
