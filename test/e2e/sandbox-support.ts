/**
 * Starts the sandbox in-process for tests, as `npm run sandbox` does, but on a free port, with a
 * database copied from the migrated template and a Redis prefix of its own — or, when Redis does
 * not answer (or TEST_BACKEND=postgres), with REDIS_URL unset as on a bare machine: queues and limits
 * in that database.
 */
import { randomBytes } from "node:crypto";
import pino from "pino";
import type { App } from "../../src/app.js";
import { loadConfig, type Config } from "../../src/config.js";
import { clearRedisPrefix } from "../../src/sandbox/reset-sandbox.js";
import { startSandbox } from "../../src/sandbox/start-sandbox.js";
import { redisDown, testRedisUrl } from "../support/backends.js";
import { createTestDatabase } from "../support/databases.js";

export interface TestSandbox {
  readonly config: Config;
  readonly databaseUrl: string;
  /** The Redis prefix the sandbox writes under (`<QUEUE_PREFIX>-sandbox`). */
  readonly redisPrefix: string;
  /** The running app, after `start`. */
  readonly app: App;
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly baseUrl: string;
  /** What the sandbox printed for people. */
  readonly printed: string[];
  /** Starts (or starts again) the sandbox on the same database and prefix. */
  start(options?: { reset?: boolean }): Promise<void>;
  /** Stops the running sandbox. */
  stop(): Promise<void>;
  /** Stops it and deletes its database and Redis keys. */
  destroy(): Promise<void>;
}

export async function createTestSandbox(): Promise<TestSandbox> {
  const database = await createTestDatabase();
  const config = loadConfig(
    {
      DATABASE_URL: database.url,
      ...((process.env.TEST_BACKEND ?? (redisDown ? "postgres" : "redis")) === "postgres"
        ? {}
        : { REDIS_URL: testRedisUrl }),
      QUEUE_PREFIX: `keng-test-${randomBytes(5).toString("hex")}`,
      PORT: "0",
      LOG_LEVEL: "silent",
    },
    { forceSandbox: true },
  );
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const printed: string[] = [];
  let app: App | undefined;
  const sandbox: TestSandbox = {
    config,
    databaseUrl: database.url,
    redisPrefix: `${config.QUEUE_PREFIX}-sandbox`,
    printed,
    get app() {
      if (app === undefined) throw new Error("sandbox not started");
      return app;
    },
    get baseUrl() {
      return `http://127.0.0.1:${sandbox.app.httpPort ?? 0}`;
    },
    async start(options = {}) {
      app = await startSandbox(config, {
        logger,
        databaseUrl: database.url,
        reset: options.reset ?? false,
        print: (line) => printed.push(line),
      });
    },
    async stop() {
      const running = app;
      app = undefined;
      await running?.stop();
    },
    async destroy() {
      await sandbox.stop().catch(() => undefined);
      await database.drop();
      if (config.REDIS_URL) await clearRedisPrefix(config.REDIS_URL, sandbox.redisPrefix);
    },
  };
  return sandbox;
}
