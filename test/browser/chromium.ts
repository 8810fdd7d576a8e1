/** Debian's Chromium, as the browser tests launch it (CI installs it with apt). */
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Headless, no sandbox (we run as root in CI), and nothing that reaches the network on its own. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Whether the browser is installed; the browser tests skip themselves without it. */
export const chromiumInstalled = (): boolean => existsSync(CHROMIUM_PATH);

/**
 * A wait, not a tolerance: the bot writes to a private chat about once per 1.3 s (Telegram's per-chat
 * limit), so a flow of several replies can take ~10 s; 20 s fails a message that never comes.
 */
export const BOT_REPLY_WAIT = { timeout: 20_000 };
