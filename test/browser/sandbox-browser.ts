/**
 * What the browser tests share: the sandbox with its web chat in Debian's Chromium, the errors the
 * page reports, and the few gestures a person makes (pick a persona and a chat, type, wait for the
 * bot's answer).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import { PERSONAS } from "../../src/sandbox/personas.js";
import { createTestSandbox, type TestSandbox } from "../e2e/sandbox-support.js";
import { BOT_REPLY_WAIT, CHROMIUM_ARGS, CHROMIUM_PATH, chromiumInstalled } from "./chromium.js";

export { BOT_REPLY_WAIT };

export const browserInstalled = chromiumInstalled();

/** A suite's title, saying why it is skipped when Chromium is missing. */
export function browserSuite(title: string): string {
  return browserInstalled ? title : `${title} (skipped: ${CHROMIUM_PATH} is not installed)`;
}

export interface SandboxBrowser {
  readonly sandbox: TestSandbox;
  readonly page: Page;
  /** Page errors and console errors, which a test expects to stay empty. */
  readonly problems: string[];
  close(): Promise<void>;
}

/** Starts a fresh sandbox and opens a Chromium page (not yet on the sandbox's address). */
export async function openSandboxBrowser(): Promise<SandboxBrowser> {
  const sandbox = await createTestSandbox();
  await sandbox.start();
  const userDataDir = mkdtempSync(join(tmpdir(), "keng-browser-"));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      locale: "vi-VN",
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    await sandbox.destroy();
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  const opened = context;
  return {
    sandbox,
    page,
    problems,
    async close() {
      await opened.close();
      rmSync(userDataDir, { recursive: true, force: true });
      await sandbox.destroy();
    },
  };
}

/** The gestures of a person in the web chat. */
export function webChat(page: Page) {
  /** A chat in the list by the start of its title ("Kẻng" is the private chat with the bot). */
  const chatItem = (title: string) =>
    page.locator(".chat-item").filter({ has: page.locator(".chat-item-title", { hasText: new RegExp(`^${title}`) }) });
  return {
    chatItem,
    /** Picks a persona in the header and opens one of their chats from the list. */
    async playIn(persona: string, chat: string): Promise<void> {
      // By id: the option's label also counts the persona's unread messages, e.g. "Chị Mai (2)".
      await page.locator("#persona").selectOption(String(PERSONAS.find((p) => p.name === persona)?.id));
      await chatItem(chat).click();
      await expect.poll(() => page.locator("#chat-title").textContent()).toMatch(new RegExp(`^${chat}`));
    },
    async write(text: string): Promise<void> {
      await page.locator("#text").fill(text);
      await page.locator("#text").press("Enter");
    },
    /** The newest message of the bot that says `text`, once it is on screen. */
    async botSays(text: string | RegExp): Promise<Locator> {
      const message = page.locator(".msg.bot", { hasText: text }).last();
      await message.waitFor(BOT_REPLY_WAIT);
      return message;
    },
  };
}
