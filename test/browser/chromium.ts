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
