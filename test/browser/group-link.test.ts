/**
 * Issue 15 in a real browser: the officer asks for a group registration link in the private chat,
 * taps its button, picks "Tổ dân phố 2" as Telegram's apps ask, and the group answers that it is
 * linked. Skips itself, saying why, when /usr/bin/chromium is not installed.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OFFICER_ID } from "../../src/sandbox/personas.js";
import {
  BOT_REPLY_WAIT,
  browserInstalled,
  browserSuite,
  openSandboxBrowser,
  type SandboxBrowser,
} from "./sandbox-browser.js";

// Per test: several bot replies, each paced by Telegram's ~1 s per private chat (BOT_REPLY_WAIT), plus Chromium's start.
describe.skipIf(!browserInstalled)(browserSuite("a registration link in the browser"), { timeout: 60_000 }, () => {
  let browser: SandboxBrowser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    browser = await openSandboxBrowser();
    page = browser.page;
    // The group picker: the officer's groups, numbered; "2" is Tổ dân phố 2.
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept("2");
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("adds the bot to the group the officer picks and registers it", async () => {
    await page.goto(`${browser.sandbox.baseUrl}/`);
    await page.locator("#persona").selectOption(String(OFFICER_ID));
    await page
      .locator(".chat-item")
      .filter({ has: page.locator(".chat-item-title", { hasText: /^Kẻng/ }) })
      .click();
    await page.locator("#text").fill("/dangky ninhbinh.p5.to2");
    await page.locator("#text").press("Enter");
    await page.locator(".kb-btn.link", { hasText: "Chọn nhóm" }).click(BOT_REPLY_WAIT);
    await page.locator(".msg.bot", { hasText: "Nhóm đã được liên kết" }).waitFor(BOT_REPLY_WAIT);
    await expect.poll(() => page.locator("#chat-title").textContent()).toMatch(/^Tổ dân phố 2/);
    expect(dialogs[0]).toContain("1. Tổ dân phố 1\n2. Tổ dân phố 2");
    expect(browser.problems).toEqual([]);
  });
});
