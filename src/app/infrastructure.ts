/**
 * Opens what every role of a Kẻng process shares: Postgres (migrated, question bank seeded), the
 * coordination store (Redis, or PostgreSQL alone when REDIS_URL is unset: chosen here and nowhere
 * else), the translator, the deliver queue and its outbox, and the stores that both the dispatcher
 * and the domain modules use.
 */
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { Translator } from "../core/i18n.js";
import { systemClock } from "../core/ports.js";
import { AesGcmSealer, type Sealer } from "../core/seal.js";
import { createDatabase, type Db } from "../db/client.js";
import { applyMigrations } from "../db/migrations.js";
import { openDatabaseServer, type DatabaseServer } from "../db/open-database-server.js";
import type { Sql } from "../db/sql.js";
import { PgUpdateLedger } from "../db/update-ledger.js";
import { Access } from "../modules/areas/access.js";
import { PrismaAreaStore } from "../modules/areas/repo.js";
import { PrismaAuditLog } from "../modules/audit/repo.js";
import { PrismaIdentityStore } from "../modules/identity/repo.js";
import { loadQuestionBank } from "../modules/quizzes/bank/load-bank.js";
import { PrismaQuestionBankStore } from "../modules/quizzes/bank-repo.js";
import { seedQuestionBank } from "../modules/quizzes/seed-question-bank.js";
import { createDeliverQueue, type DeliverJob } from "../queue/deliver-queue.js";
import type { JobQueue } from "../queue/job-queues.js";
import { QueuedOutbox } from "../queue/outbox.js";
import { checkRedis } from "../queue/redis.js";
import { ZaloQuota, type ZaloQuotaOptions as ZaloQuotaDeps } from "../queue/zalo-quota.js";
import { PaidBroadcast } from "../queue/paid-broadcast.js";
import type { ZaloPausePolicy } from "../core/zalo-quota.js";
import type { PlatformName } from "../core/messages.js";
import { openPostgresCoordination, openRedisCoordination, type Coordination } from "./coordination.js";

/** Connections and shared stores; `startApp` closes the connections on stop. */
export interface Infrastructure {
  /** The PostgreSQL server: DATABASE_URL's, or the embedded one this process started (`stop` ends it). */
  readonly server: DatabaseServer;
  /** The Prisma client and the `pg` pool under it (`close` ends both). */
  readonly database: ReturnType<typeof createDatabase>;
  readonly db: Db;
  /** Job queues, send slots, attempt counters and claims: in Redis, or in PostgreSQL alone. */
  readonly coordination: Coordination;
  readonly translator: Translator;
  readonly queue: JobQueue<DeliverJob>;
  readonly outbox: QueuedOutbox;
  readonly identity: PrismaIdentityStore;
  readonly areas: PrismaAreaStore;
  readonly audit: PrismaAuditLog;
  readonly access: Access;
  /** Inbound updates already claimed, so that a redelivered update is handled once. */
  readonly ledger: PgUpdateLedger;
  /** Seals tipster identities; undefined without TIP_SEAL_KEY (then tips are off). */
  readonly sealer: Sealer | undefined;
  /** Zalo's monthly count and the pause after a 429 (issue 17); undefined without ZALO_BOT_TOKEN. */
  readonly zaloQuota: ZaloQuota | undefined;
  /** TELEGRAM_PAID_BROADCAST=khan (with a Telegram bot): khẩn alerts go as paid broadcasts. */
  readonly paidBroadcast: PaidBroadcast | undefined;
}

/**
 * The coordination store this configuration asks for: Redis when REDIS_URL is set, otherwise
 * PostgreSQL alone (the database Kẻng runs on, `databaseUrl`, through `sql`, the app's pool on it).
 */
export function openCoordination(
  config: Config,
  options: { databaseUrl: string; sql: Sql; logger: Logger },
): Promise<Coordination> {
  if (config.REDIS_URL) return openRedisCoordination({ url: config.REDIS_URL, prefix: config.QUEUE_PREFIX });
  return openPostgresCoordination({
    databaseUrl: options.databaseUrl,
    sql: options.sql,
    prefix: config.QUEUE_PREFIX,
    onIdleError: (error) => idleConnectionLost(options.logger, error),
  });
}

function idleConnectionLost(logger: Logger, error: Error): void {
  logger.warn(
    { event: "postgres_idle_connection_lost", err: { message: error.message } },
    "PostgreSQL ended an idle connection; the pool opens a new one",
  );
}

/**
 * Checks Redis (if configured), starts the embedded PostgreSQL when DATABASE_URL is unset, applies migrations (unless `skipMigrations`), opens the database,
 * seeds the question bank, opens the coordination store and builds the shared stores, in that order.
 */
export async function openInfrastructure(
  config: Config,
  options: { logger: Logger; skipMigrations?: boolean | undefined; zaloPause?: ZaloPausePolicy | undefined },
): Promise<Infrastructure> {
  const { logger } = options;
  // Before the slow migrations: a missing Redis stops start-up at once, with one line.
  if (config.REDIS_URL) await checkRedis(config.REDIS_URL);
  const server = await openDatabaseServer({ databaseUrl: config.DATABASE_URL, dataDir: config.KENG_DATA_DIR, logger });
  if (!options.skipMigrations) {
    await applyMigrations(server.url).catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
  }

  // One pool for Prisma and the inbound hot path's plain statements.
  const database = createDatabase(server.url, {
    poolSize: config.DATABASE_POOL_SIZE,
    onIdleError: (error) => idleConnectionLost(logger, error),
  });
  const { db } = database;
  // After migrations, before anything serves a question (idempotent; concurrent starts are safe).
  const seeded = await seedQuestionBank({
    store: new PrismaQuestionBankStore(db),
    bank: loadQuestionBank(),
    today: systemClock.now(),
  });
  logger.debug({ ...seeded, event: "quiz_bank_seeded" }, "quiz bank seeded");
  const coordination = await openCoordination(config, { databaseUrl: server.url, sql: database.pool, logger });
  logger.debug(
    { event: "coordination_opened", backend: coordination.backend },
    `jobs and limits kept in ${coordination.backend}`,
  );
  const translator = await Translator.create(config.DEFAULT_LOCALE);
  const queue = createDeliverQueue(coordination.queues);
  const outbox = new QueuedOutbox({ queue, sql: database.pool });
  const identity = new PrismaIdentityStore(db, database.pool);
  const areas = new PrismaAreaStore(db);
  const audit = new PrismaAuditLog(db);
  const access = new Access({ areas, superadmins: config.SUPERADMINS });
  const ledger = new PgUpdateLedger(database.pool);
  const sealer = config.TIP_SEAL_KEY ? new AesGcmSealer(config.TIP_SEAL_KEY, config.TIP_SEAL_KEYS_OLD) : undefined;
  const zaloQuota = config.ZALO_BOT_TOKEN
    ? buildZaloQuota(config, { sql: database.pool, db, identity, outbox, logger, pause: options.zaloPause })
    : undefined;
  const paidBroadcast =
    config.TELEGRAM_PAID_BROADCAST === "khan" && config.TELEGRAM_BOT_TOKEN
      ? new PaidBroadcast({ notices: adminNotices(config, { db, identity, outbox, logger }), logger })
      : undefined;
  return {
    server,
    database,
    db,
    coordination,
    translator,
    queue,
    outbox,
    identity,
    areas,
    audit,
    access,
    ledger,
    sealer,
    zaloQuota,
    paidBroadcast,
  };
}

/** How the superadmins are told of a platform's refusal (Zalo's quota, Telegram's paid broadcasts). */
function adminNotices(
  config: Config,
  deps: { db: Db; identity: PrismaIdentityStore; outbox: QueuedOutbox; logger: Logger },
): ZaloQuotaDeps["notices"] {
  const platforms = new Set<PlatformName>([
    ...(config.TELEGRAM_BOT_TOKEN ? (["telegram"] as const) : []),
    ...(config.ZALO_BOT_TOKEN ? (["zalo"] as const) : []),
  ]);
  return {
    db: deps.db,
    identity: deps.identity,
    outbox: deps.outbox,
    superadmins: config.SUPERADMINS,
    platforms,
    defaultLocale: config.DEFAULT_LOCALE,
    logger: deps.logger,
  };
}

function buildZaloQuota(
  config: Config,
  deps: {
    sql: ZaloQuotaDeps["sql"];
    db: Db;
    identity: PrismaIdentityStore;
    outbox: QueuedOutbox;
    logger: Logger;
    pause: ZaloPausePolicy | undefined;
  },
): ZaloQuota {
  // Built only with a Zalo token, so the notices reach Zalo's superadmins, and Telegram's where it runs too.
  return new ZaloQuota({
    sql: deps.sql,
    timeZone: config.TZ,
    quota: config.ZALO_MONTHLY_QUOTA,
    ...(deps.pause ? { pause: deps.pause } : {}),
    notices: adminNotices(config, deps),
    logger: deps.logger,
  });
}
