/**
 * Issue 15 in a real browser: the officer asks for a group registration link in the private chat,
 * taps its button, picks "Tổ dân phố 2" as Telegram's apps ask, and the group answers that it is
 * linked. Skips itself, saying why, when /usr/bin/chromium is not installed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OFFICER_ID } from "../../src/sandbox/personas.js";
import { createTestSandbox, type TestSandbox } from "../e2e/sandbox-support.js";
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumInstalled } from "./chromium.js";

// A wait, not a tolerance: the bot writes to a private chat about once per 1.3 s (Telegram's per-chat
// limit), so a flow of several replies can take ~10 s; 20 s fails a message that never comes.
const WAIT = { timeout: 20_000 };
const installed = chromiumInstalled();

describe.skipIf(!installed)(`a registration link in the browser${installed ? "" : ` (skipped: ${CHROMIUM_PATH} is not installed)`}`, { timeout: 60_000 }, () => {
  let sandbox: TestSandbox;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const problems: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    sandbox = await createTestSandbox();
    await sandbox.start();
    userDataDir = mkdtempSync(join(tmpdir(), "keng-browser-"));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 }, locale: "vi-VN" });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    // The group picker: the officer's groups, numbered; "2" is Tổ dân phố 2.
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept("2");
    });
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await sandbox?.destroy();
  });

  it("adds the bot to the group the officer picks and registers it", async () => {
    await page.goto(`${sandbox.baseUrl}/`);
    await page.locator("#persona").selectOption(String(OFFICER_ID));
    await page.locator(".chat-item").filter({ has: page.locator(".chat-item-title", { hasText: /^Kẻng/ }) }).click();
    await page.locator("#text").fill("/dangky ninhbinh.p5.to2");
    await page.locator("#text").press("Enter");
    await page.locator(".kb-btn.link", { hasText: "Chọn nhóm" }).click(WAIT);
    await page.locator(".msg.bot", { hasText: "Nhóm đã được liên kết" }).waitFor(WAIT);
    await expect.poll(() => page.locator("#chat-title").textContent()).toMatch(/^Tổ dân phố 2/);
    expect(dialogs[0]).toContain("1. Tổ dân phố 1\n2. Tổ dân phố 2");
    expect(problems).toEqual([]);
  });
});
