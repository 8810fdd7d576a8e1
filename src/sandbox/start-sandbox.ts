/**
 * The local sandbox (DESIGN.md §6): a Telegram-compatible Bot API server inside this process, the
 * real bot talking to it over HTTP, and a web chat on the app's HTTP port where a person plays an
 * officer, a propagandist, a guard, a school counsellor or a resident in two pre-made groups. Its data lives apart from a real
 * deployment: database `keng_sandbox` on the same server and (with Redis) prefix `<QUEUE_PREFIX>-sandbox`.
 */
import { createHash } from "node:crypto";
import type { Logger } from "pino";
import { startApp, type App } from "../app.js";
import type { Config } from "../config.js";
import { DependencyUnavailableError } from "../core/errors.js";
import { Translator } from "../core/i18n.js";
import { openDatabaseServer } from "../db/open-database-server.js";
import { checkRedis } from "../queue/redis.js";
import { AdminPanel } from "./admin-panel.js";
import { FakeTelegramServer } from "./fake-telegram/index.js";
import { LiveEvents } from "./live-events.js";
import { clearRedisPrefix, dropDatabase } from "./reset-sandbox.js";
import { seedDatabase, seedFakeTelegram } from "./seed-sandbox.js";
import { webApiRoutes, type SandboxBackend } from "./web-api.js";
import { webAssetRoutes } from "./web-assets.js";

/** The sandbox's database: `keng_sandbox` on the server of DATABASE_URL (or the embedded one). */
export function sandboxDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = "/keng_sandbox";
  return url.toString();
}

export interface SandboxOptions {
  readonly logger: Logger;
  /** Start afresh: drop the sandbox database and (with Redis) every key under the sandbox prefix first. */
  readonly reset?: boolean;
  /** The sandbox database; default `keng_sandbox` on the configured server (tests pass their own). */
  readonly databaseUrl?: string;
  /** Where the "open this URL" lines go; default the console. */
  readonly print?: (line: string) => void;
}

/**
 * Fixed, published keys: the sandbox holds only play data, and stable keys let a restarted sandbox
 * still unseal its tipsters and find their guided flows. A configured key wins.
 */
const SANDBOX_TIP_SEAL_KEY = createHash("sha256").update("keng sandbox tip seal key").digest("base64");
const SANDBOX_ALERT_SIGNING_KEY = createHash("sha256").update("keng sandbox alert signing key").digest("base64");
/** The signing key of earlier sandboxes (before keys had to be 32 bytes): their alerts still verify. */
const SANDBOX_ALERT_SIGNING_KEY_BEFORE = "keng-sandbox-alert-signing-key";

/**
 * The local server forgets everything on restart while the database remembers ids: update ids the
 * bot handled (a repeated id is dropped as a redelivery), message ids of alerts to reply to and of
 * progress to edit. Numbering each run from the clock keeps new ids above the old ones: tenths of
 * a second since October 2025 leave room for ten updates (or messages in a chat) a second and stay
 * within 32 bits until 2032.
 */
const firstIdNow = (): number => Math.max(1, Math.floor(Date.now() / 100) - 17_592_768_000);

/** Starts the local Bot API server, the real bot against it, and the web chat; prints the URL. */
export async function startSandbox(config: Config, options: SandboxOptions): Promise<App> {
  const { logger } = options;
  const print = options.print ?? ((line: string) => console.log(line));
  const prefix = `${config.QUEUE_PREFIX}-sandbox`;
  // Redis first (when set): without it nothing runs, and an embedded PostgreSQL would start for nothing.
  if (config.REDIS_URL) await checkRedis(config.REDIS_URL);
  const server = options.databaseUrl
    ? { url: options.databaseUrl, where: "", stop: async () => undefined }
    : await openDatabaseServer({ databaseUrl: config.DATABASE_URL, dataDir: config.KENG_DATA_DIR, logger });
  const databaseUrl = options.databaseUrl ?? sandboxDatabaseUrl(server.url);
  if (options.reset)
    await resetSandbox({ databaseUrl, redisUrl: config.REDIS_URL, prefix, logger }).catch(stopServerAndThrow(server));

  const firstId = firstIdNow();
  // Telegram's rate limits are enforced, as on the real platform: the bot's own limiter keeps under them.
  const fake = new FakeTelegramServer({
    botUsername: "KengSandboxBot",
    limits: {},
    firstMessageId: firstId,
    firstUpdateId: firstId,
  });
  await fake.start();
  seedFakeTelegram(fake);
  const live = new LiveEvents(fake);
  const ready = deferred<SandboxBackend>();

  const sandboxConfig: Config = {
    ...config,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_MODE: "polling",
    ZALO_BOT_TOKEN: undefined,
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: prefix,
    // The local server lives in this process, so the sandbox is always one process with every role.
    KENG_ROLES: ["inbound", "worker", "scheduler", "http"],
    TIP_SEAL_KEY: config.TIP_SEAL_KEY ?? SANDBOX_TIP_SEAL_KEY,
    ALERT_SIGNING_KEY: config.ALERT_SIGNING_KEY ?? SANDBOX_ALERT_SIGNING_KEY,
    ALERT_SIGNING_KEYS_OLD: config.ALERT_SIGNING_KEY
      ? config.ALERT_SIGNING_KEYS_OLD
      : [...config.ALERT_SIGNING_KEYS_OLD, SANDBOX_ALERT_SIGNING_KEY_BEFORE],
  };
  const routes = [...webAssetRoutes(), ...webApiRoutes({ fake, live, ready: ready.promise }), live.route()];
  let app: App;
  try {
    // Play data, published keys, no passwords: this machine only, unless SANDBOX_HOST says otherwise.
    app = await startApp(sandboxConfig, { logger, routes, host: config.SANDBOX_HOST });
  } catch (error) {
    ready.reject(error);
    live.close();
    await fake.stop();
    await server.stop();
    throw error;
  }
  const translator = await Translator.create(config.DEFAULT_LOCALE);
  const admin = new AdminPanel({ db: app.db, queues: app.queues, translator });
  const stop = async () => {
    live.close(); // first: open event streams would keep the HTTP server from closing
    await admin.close(); // its queues run on the app's connections
    await app.stop();
    await fake.stop();
    await server.stop();
  };
  try {
    await seedDatabase(app.db);
  } catch (error) {
    ready.reject(error);
    await stop();
    throw error;
  }
  ready.resolve({ admin, commands: app.commandNames });

  logger.info({ apiRoot: fake.apiRoot, database: new URL(databaseUrl).pathname.slice(1), prefix }, "sandbox started");
  print(
    `Kẻng sandbox: ${sandboxUrl(config.SANDBOX_HOST, app.httpPort ?? config.PORT)} (${listeningOn(config.SANDBOX_HOST)})`,
  );
  print(
    "  Open it in a browser to play an officer, a propagandist, a guard, a group leader, a counsellor or a resident. The real bot runs against a local",
  );
  print("  Telegram-compatible server (no bot token needed). Start afresh with `npm run sandbox -- --reset`.");
  if (!config.DATABASE_URL && !options.databaseUrl)
    print(`  Data: ${server.where}; set DATABASE_URL to use your own PostgreSQL.`);
  return { ...app, dataLocation: server.where || app.dataLocation, stop };
}

/** Stops the server this start opened, then rethrows. */
function stopServerAndThrow(server: { stop(): Promise<void> }): (error: unknown) => Promise<never> {
  return async (error) => {
    await server.stop();
    throw error;
  };
}

/** The address to open in a browser on this machine. */
function sandboxUrl(host: string, port: number): string {
  const local = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${local.includes(":") ? `[${local}]` : local}:${port}/`;
}

/** Says who can reach it: only this machine, or the network too. */
function listeningOn(host: string): string {
  if (host === "127.0.0.1" || host === "localhost" || host === "::1")
    return `listening on ${host} only; SANDBOX_HOST=0.0.0.0 opens it to the network`;
  return `listening on ${host} (SANDBOX_HOST): anyone on the network can reach it, with no password`;
}

/** A promise settled from outside; a rejection nobody awaits is not reported as unhandled. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

async function resetSandbox(options: {
  databaseUrl: string;
  redisUrl: string | undefined;
  prefix: string;
  logger: Logger;
}): Promise<void> {
  if (options.redisUrl) await checkRedis(options.redisUrl);
  try {
    await dropDatabase(options.databaseUrl);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || code === "EAI_AGAIN") {
      const url = new URL(options.databaseUrl);
      throw new DependencyUnavailableError(
        `PostgreSQL is not reachable at ${url.hostname}:${url.port || 5432} (${(error as Error).message}). Start it, e.g. \`docker compose up -d postgres redis\`, or set DATABASE_URL.`,
        { cause: error },
      );
    }
    throw error;
  }
  if (!options.redisUrl) return options.logger.info("sandbox reset: database dropped (with its queues)");
  const keys = await clearRedisPrefix(options.redisUrl, options.prefix);
  options.logger.info({ keys, prefix: options.prefix }, "sandbox reset: database dropped, Redis keys deleted");
}
