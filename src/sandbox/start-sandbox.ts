/**
 * The local sandbox (DESIGN.md §6): a Telegram-compatible Bot API server inside this process and
 * the real bot talking to it over HTTP. Its data lives apart from a real deployment: database
 * `keng_sandbox` on the same server and Redis prefix `<QUEUE_PREFIX>-sandbox`.
 */
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { startApp, type App } from "../app.js";
import type { Config } from "../config.js";
import { FakeTelegramServer } from "./fake-telegram/index.js";

export function sandboxDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = "/keng_sandbox";
  return url.toString();
}

export async function startSandbox(config: Config, options: { logger: Logger; reset?: boolean }): Promise<App> {
  const fake = new FakeTelegramServer({ botUsername: "KengSandboxBot", limits: {} });
  await fake.start();
  const sandboxConfig: Config = {
    ...config,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_MODE: "polling",
    ZALO_BOT_TOKEN: undefined,
    DATABASE_URL: sandboxDatabaseUrl(config.DATABASE_URL),
    QUEUE_PREFIX: `${config.QUEUE_PREFIX}-sandbox`,
    TIP_SEAL_KEY: config.TIP_SEAL_KEY ?? randomBytes(32).toString("base64"),
    ALERT_SIGNING_KEY: config.ALERT_SIGNING_KEY ?? randomBytes(32).toString("base64"),
  };
  const app = await startApp(sandboxConfig, { logger: options.logger });
  options.logger.info({ apiRoot: fake.apiRoot }, "sandbox: local Telegram Bot API server started");
  console.log(`Kẻng sandbox: the bot runs against a local Telegram-compatible server at ${fake.apiRoot} (no bot token needed).`);
  return {
    ...app,
    async stop() {
      await app.stop();
      await fake.stop();
    },
  };
}
