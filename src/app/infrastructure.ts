/**
 * Opens what every role of a Kẻng process shares: Redis and Postgres (migrated, question bank
 * seeded), the translator, the deliver queue and its outbox, and the stores that both the
 * dispatcher and the domain modules use.
 */
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { Translator } from "../core/i18n.js";
import { systemClock } from "../core/ports.js";
import { AesGcmSealer, type Sealer } from "../core/seal.js";
import { createDatabase, type Db } from "../db/client.js";
import { applyMigrations } from "../db/migrations.js";
import { openDatabaseServer, type DatabaseServer } from "../db/open-database-server.js";
import { PgUpdateLedger } from "../db/update-ledger.js";
import { Access } from "../modules/areas/access.js";
import { PrismaAreaStore } from "../modules/areas/repo.js";
import { PrismaAuditLog } from "../modules/audit/repo.js";
import { PrismaIdentityStore } from "../modules/identity/repo.js";
import { loadQuestionBank } from "../modules/quizzes/bank/load-bank.js";
import { PrismaQuestionBankStore } from "../modules/quizzes/bank-repo.js";
import { seedQuestionBank } from "../modules/quizzes/seed-question-bank.js";
import { createDeliverQueue, type DeliverJob } from "../queue/deliver-queue.js";
import { QueuedOutbox } from "../queue/outbox.js";
import { checkRedis, createRedis } from "../queue/redis.js";
import { ZaloQuota, type ZaloQuotaOptions as ZaloQuotaDeps } from "../queue/zalo-quota.js";
import type { ZaloPausePolicy } from "../core/zalo-quota.js";
import type { PlatformName } from "../core/messages.js";

/** Connections and shared stores; `startApp` closes the connections on stop. */
export interface Infrastructure {
  /** The PostgreSQL server: DATABASE_URL's, or the embedded one this process started (`stop` ends it). */
  readonly server: DatabaseServer;
  /** The Prisma client and the `pg` pool under it (`close` ends both). */
  readonly database: ReturnType<typeof createDatabase>;
  readonly db: Db;
  /** One connection for BullMQ (queues and workers) and the Redis-side limiters and claims. */
  readonly redis: Redis;
  readonly translator: Translator;
  /** QUEUE_PREFIX: starts every queue name and Redis key of this deployment. */
  readonly prefix: string;
  readonly queue: Queue<DeliverJob>;
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
}

/**
 * Checks Redis, starts the embedded PostgreSQL when DATABASE_URL is unset, applies migrations
 * (unless `skipMigrations`), opens the database, seeds the question bank and builds the shared
 * stores, in that order.
 */
export async function openInfrastructure(config: Config, options: { logger: Logger; skipMigrations?: boolean | undefined; zaloPause?: ZaloPausePolicy | undefined }): Promise<Infrastructure> {
  const { logger } = options;
  await checkRedis(config.REDIS_URL);
  const server = await openDatabaseServer({ databaseUrl: config.DATABASE_URL, dataDir: config.KENG_DATA_DIR, logger });
  if (!options.skipMigrations) {
    await applyMigrations(server.url).catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
  }

  // One pool for Prisma and the inbound hot path's plain statements.
  const database = createDatabase(server.url, {
    poolSize: 20,
    onIdleError: (error) => logger.warn({ event: "postgres_idle_connection_lost", err: { message: error.message } }, "PostgreSQL ended an idle connection; the pool opens a new one"),
  });
  const { db } = database;
  // After migrations, before anything serves a question (idempotent; concurrent starts are safe).
  const seeded = await seedQuestionBank({ store: new PrismaQuestionBankStore(db), bank: loadQuestionBank(), today: systemClock.now() });
  logger.debug({ ...seeded, event: "quiz_bank_seeded" }, "quiz bank seeded");
  const redis = createRedis(config.REDIS_URL, { forWorker: true });
  const translator = await Translator.create(config.DEFAULT_LOCALE);
  const prefix = config.QUEUE_PREFIX;
  const queue = createDeliverQueue(redis, prefix);
  const outbox = new QueuedOutbox({ queue, sql: database.pool });
  const identity = new PrismaIdentityStore(db, database.pool);
  const areas = new PrismaAreaStore(db);
  const audit = new PrismaAuditLog(db);
  const access = new Access({ areas, superadmins: config.SUPERADMINS });
  const ledger = new PgUpdateLedger(database.pool);
  const sealer = config.TIP_SEAL_KEY ? new AesGcmSealer(config.TIP_SEAL_KEY, config.TIP_SEAL_KEYS_OLD) : undefined;
  const zaloQuota = config.ZALO_BOT_TOKEN ? buildZaloQuota(config, { sql: database.pool, db, identity, outbox, logger, pause: options.zaloPause }) : undefined;
  return { server, database, db, redis, translator, prefix, queue, outbox, identity, areas, audit, access, ledger, sealer, zaloQuota };
}

function buildZaloQuota(config: Config, deps: { sql: ZaloQuotaDeps["sql"]; db: Db; identity: PrismaIdentityStore; outbox: QueuedOutbox; logger: Logger; pause: ZaloPausePolicy | undefined }): ZaloQuota {
  const platforms = new Set<PlatformName>(["zalo", ...(config.TELEGRAM_BOT_TOKEN ? (["telegram"] as const) : [])]);
  return new ZaloQuota({
    sql: deps.sql,
    timeZone: config.TZ,
    quota: config.ZALO_MONTHLY_QUOTA,
    ...(deps.pause ? { pause: deps.pause } : {}),
    notices: { db: deps.db, identity: deps.identity, outbox: deps.outbox, superadmins: config.SUPERADMINS, platforms, defaultLocale: config.DEFAULT_LOCALE, logger: deps.logger },
    logger: deps.logger,
  });
}
