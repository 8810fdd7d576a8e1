/**
 * What the processes of one deployment share besides the database's rows: the job queues, the send
 * limiter's slots, attempt counters and the scheduler's claims. With REDIS_URL they live in Redis;
 * without it, in PostgreSQL alone (BullMQ's PostgreSQL backend in the `bullmq` schema, our tables in
 * the app's schema). infrastructure.ts picks one at start-up; nothing else knows which.
 */
import type { Redis } from "ioredis";
import type { AttemptLimiter } from "../core/ports.js";
import { PgAttemptLimiter } from "../db/pg-attempt-limiter.js";
import type { Sql } from "../db/sql.js";
import { PgScheduledClaims } from "../modules/reports/claims-repo.js";
import { RedisScheduledClaims } from "../modules/reports/jobs.js";
import type { ScheduledClaims } from "../modules/reports/types.js";
import { RedisAttemptLimiter } from "../queue/attempt-limiter.js";
import type { JobQueues } from "../queue/job-queues.js";
import { createQueuePool, migrateQueueSchema, PgJobQueues } from "../queue/pg-job-queues.js";
import { PgSendSlotStore } from "../queue/pg-send-slot-store.js";
import { RedisJobQueues } from "../queue/redis-job-queues.js";
import { RedisSendSlotStore } from "../queue/redis-send-slot-store.js";
import { checkRedis, createRedis } from "../queue/redis.js";
import type { SendSlotStore } from "../queue/send-slot-store.js";

export interface Coordination {
  readonly backend: "redis" | "postgres";
  readonly queues: JobQueues;
  /** The send limiter's state (rate-limiter.ts). */
  readonly slots: SendSlotStore;
  readonly attempts: AttemptLimiter;
  readonly claims: ScheduledClaims;
  /** What GET /healthz asks besides PostgreSQL: Redis, when it is used. */
  readonly probes: Readonly<Record<string, () => Promise<unknown>>>;
  /** Closes the connections it opened (after the queues and workers made from it). */
  close(): Promise<void>;
}

/** Redis at `url` (checked first, with one clear line if it does not answer); every key under `${prefix}:`. */
export async function openRedisCoordination(options: { url: string; prefix: string }): Promise<Coordination> {
  const { url, prefix } = options;
  await checkRedis(url);
  // One connection for BullMQ (queues and workers) and the limiters and claims.
  const redis: Redis = createRedis(url, { forWorker: true });
  return {
    backend: "redis",
    queues: new RedisJobQueues({ connection: redis, prefix }),
    slots: new RedisSendSlotStore({ redis, prefix }),
    attempts: new RedisAttemptLimiter({ redis, prefix }),
    claims: new RedisScheduledClaims({ redis, prefix }),
    probes: { redis: () => redis.ping() },
    close: async () => void (await redis.quit().catch(() => undefined)),
  };
}

/**
 * PostgreSQL alone: BullMQ on a small pool of its own (its tables are migrated here, idempotently),
 * the limiter, counters and claims on the app's pool `sql`. No probe: GET /healthz asks PostgreSQL anyway.
 */
export async function openPostgresCoordination(options: {
  databaseUrl: string;
  sql: Sql;
  prefix: string;
  onIdleError: (error: Error) => void;
}): Promise<Coordination> {
  const { databaseUrl, sql, prefix } = options;
  // Enough for two workers' LISTEN connections and the queries of ~36 jobs in flight.
  const pool = createQueuePool(databaseUrl, { max: 10, onIdleError: options.onIdleError });
  try {
    await migrateQueueSchema(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    backend: "postgres",
    queues: new PgJobQueues(pool),
    slots: new PgSendSlotStore({ sql, prefix }),
    attempts: new PgAttemptLimiter({ sql, prefix }),
    claims: new PgScheduledClaims({ sql, prefix }),
    probes: {},
    close: () => pool.end(),
  };
}
