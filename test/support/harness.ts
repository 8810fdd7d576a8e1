/**
 * End-to-end harness: the real bot (telegraf, polling) against the fake Telegram Bot API server over
 * HTTP, with a fresh Postgres database and its own Redis key prefix — or, with `backend: "postgres"`,
 * no Redis at all (REDIS_URL unset: queues and limits in that database).
 */
import { randomBytes } from "node:crypto";
import { dropRedisPrefix } from "./redis-prefix.js";
import pino, { type Logger } from "pino";
import { startApp, type App } from "../../src/app.js";
import type { ZaloPausePolicy } from "../../src/core/zalo-quota.js";
import { loadConfig, type Config } from "../../src/config.js";
import { FakeTelegramServer, type StoredMessage } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeTelegramOptions, FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { FakeZaloServer, type FakeZaloOptions } from "../../src/sandbox/fake-zalo/index.js";
import { redisDown, testRedisUrl, type Backend } from "./backends.js";
import { createTestDatabase } from "./databases.js";
import { ThreadedFakeTelegram } from "./fake-telegram-thread.js";

export const SUPERADMIN: FakeUserInput = { id: 1001, first_name: "Quản trị", language_code: "vi" };

/** What the harness needs of a fake Bot API: the in-process one, or the one on a worker thread. */
type HarnessFake = Pick<
  FakeTelegramServer,
  "token" | "apiRoot" | "lastMessage" | "sendText" | "waitForMessage" | "stop"
>;

export interface Harness<Fake extends HarnessFake = FakeTelegramServer> {
  readonly fake: Fake;
  /** The fake Zalo Bot API server, when started with `zalo`. */
  readonly zalo: FakeZaloServer | undefined;
  readonly app: App;
  readonly config: Config;
  readonly databaseUrl: string;
  /** A private-chat message from a user; resolves with the bot's next message in that chat. */
  dm(user: FakeUserInput, text: string): Promise<StoredMessage>;
  /** A group message; resolves with the bot's next message in the group. */
  inGroup(groupId: number, user: FakeUserInput, text: string): Promise<StoredMessage>;
  /** Starts the app again (same database and prefix), e.g. after stopping it. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  fake?: FakeTelegramOptions;
  zalo?: boolean;
  /** Options of the fake Zalo server (with `zalo`), e.g. `canJoinGroups: false`. */
  zaloOptions?: FakeZaloOptions;
  /** The app's logger (e.g. one that captures lines); default silent, or TEST_LOG_LEVEL. */
  logger?: Logger;
  /** How long Zalo sends pause after a 429 (default one minute doubling up to fifteen). */
  zaloPause?: ZaloPausePolicy;
  /**
   * Where jobs and limits live: `redis`, or `postgres` to run with REDIS_URL unset. Default:
   * TEST_BACKEND, else Redis when it answers, else PostgreSQL alone (a machine with only Node still
   * runs the harness's tests).
   */
  backend?: Backend;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = new FakeTelegramServer({ botUsername: "KengTestBot", ...options.fake });
  await fake.start();
  return openHarness(fake, options);
}

/**
 * The same with the fake on a worker thread (test/support/fake-telegram-thread.ts), for tests that
 * count the 429s the bot provokes: the bot runs in this process, and a pause of its thread must not
 * change when the fake sees requests arrive.
 */
export async function startHarnessWithThreadedFake(
  options: HarnessOptions = {},
): Promise<Harness<ThreadedFakeTelegram>> {
  return openHarness(await ThreadedFakeTelegram.start({ botUsername: "KengTestBot", ...options.fake }), options);
}

async function openHarness<Fake extends HarnessFake>(fake: Fake, options: HarnessOptions): Promise<Harness<Fake>> {
  // The bot's webhook is a local http:// port here: the fake's local switch lets it through.
  const zalo = options.zalo ? new FakeZaloServer({ allowPlainHttpWebhook: true, ...options.zaloOptions }) : undefined;
  await zalo?.start();
  const database = await createTestDatabase();
  const prefix = `keng-test-${randomBytes(5).toString("hex")}`;
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    DATABASE_URL: database.url,
    ...((options.backend ?? process.env.TEST_BACKEND ?? (redisDown ? "postgres" : "redis")) === "postgres"
      ? {}
      : { REDIS_URL: testRedisUrl }),
    QUEUE_PREFIX: prefix,
    PORT: "0",
    SUPERADMINS: `telegram:${SUPERADMIN.id}`,
    TIP_SEAL_KEY: randomBytes(32).toString("base64"),
    ALERT_SIGNING_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "silent",
    // Tests run at any hour: campaigns go at once unless a test sets QUIET_HOURS (issue 15).
    QUIET_HOURS: "off",
    // The scheduler sends a due weekly report at start: on a Monday it would land amid a test's messages.
    COVERAGE_REPORT_AT: "off",
    ...(zalo ? { ZALO_BOT_TOKEN: zalo.token, ZALO_API_ROOT: zalo.apiRoot } : {}),
    ...options.env,
  });
  const logger = options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const startOptions = { logger, skipMigrations: true, ...(options.zaloPause ? { zaloPause: options.zaloPause } : {}) };
  let app = await startApp(config, startOptions);

  async function nextMessage(chatId: number, send: () => void): Promise<StoredMessage> {
    const lastId = fake.lastMessage(chatId)?.messageId ?? 0;
    send();
    return fake.waitForMessage(chatId, (m) => m.messageId > lastId);
  }

  return {
    fake,
    zalo,
    get app() {
      return app;
    },
    config,
    databaseUrl: database.url,
    dm: (user, text) => nextMessage(user.id, () => fake.sendText({ chatId: user.id, from: user, text })),
    inGroup: (groupId, user, text) => nextMessage(groupId, () => fake.sendText({ chatId: groupId, from: user, text })),
    async restart() {
      app = await startApp(config, startOptions);
    },
    async stop() {
      await app.stop().catch(() => undefined);
      await fake.stop();
      await zalo?.stop();
      await database.drop();
      // Without Redis, the queues and limits went with the database.
      if (config.REDIS_URL) await dropRedisPrefix(config.REDIS_URL, prefix);
    },
  };
}
