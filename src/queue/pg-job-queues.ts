/**
 * BullMQ on PostgreSQL (its own backend, bullmq ≥ 6.7): jobs are rows in the `bullmq` schema of
 * the app's database, claimed with `FOR UPDATE SKIP LOCKED`; idle workers wait on LISTEN/NOTIFY.
 * Every queue and worker shares one pool of ours: its connections search the `bullmq` schema (a
 * pool passed to BullMQ always uses that schema), and each worker holds one of them for LISTEN.
 * The database is the namespace, so QUEUE_PREFIX plays no part here.
 */
import {
  createPostgresBackend,
  DEFAULT_SCHEMA,
  Queue,
  runMigrations,
  Worker,
  type JobProgress,
  type PostgresConnectionOptions,
  type PostgresQueueBackend,
} from "bullmq";
import pg from "pg";
import { QueuePoolClient } from "./queue-pool-client.js";
import type { JobProcessor, JobQueue, JobQueues, JobWorker, JobWorkerOptions } from "./job-queues.js";

/** The pool BullMQ runs on: `search_path` is its schema; keep-alive lets a worker's LISTEN notice a dropped connection. */
export function createQueuePool(
  databaseUrl: string,
  options: { max: number; onIdleError: (error: Error) => void },
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max,
    keepAlive: true,
    options: `-c search_path=${DEFAULT_SCHEMA}`,
    // PostgreSQL's "unavailable" in BullMQ's words: a worker then waits between tries.
    Client: QueuePoolClient,
  });
  pool.on("error", options.onIdleError);
  // Every BullMQ queue and worker on the pool listens for its errors: more than Node's default ten.
  pool.setMaxListeners(100);
  return pool;
}

/** Creates or upgrades BullMQ's tables (idempotent; concurrent starts wait on BullMQ's advisory lock). */
export async function migrateQueueSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await runMigrations(client, DEFAULT_SCHEMA);
  } finally {
    client.release();
  }
}

export class PgJobQueues implements JobQueues {
  readonly backend = "postgres" as const;

  /** `pool`: from {@link createQueuePool}, migrated; owned by the caller. */
  constructor(private readonly pool: pg.Pool) {}

  queue<T>(name: string): JobQueue<T> {
    return new Queue<T, unknown, string, T, unknown, string, PostgresQueueBackend, PostgresConnectionOptions>(
      name,
      { connection: this.pool },
      createPostgresBackend,
    );
  }

  worker<T>(name: string, processor: JobProcessor<T>, options: JobWorkerOptions<T>): JobWorker {
    const { concurrency, lockDuration, stalledInterval } = options;
    const worker = new Worker<T, unknown, string, PostgresQueueBackend, JobProgress, PostgresConnectionOptions>(
      name,
      (job, token) => processor(job, token),
      // After the database was unavailable, a worker tries again within a second (BullMQ's default: 15 s).
      { connection: this.pool, concurrency, lockDuration, stalledInterval, runRetryDelay: 1_000 },
      createPostgresBackend,
    );
    worker.on("error", options.onError);
    if (options.onFailed) worker.on("failed", options.onFailed);
    return worker;
  }

  async queueNames(): Promise<string[]> {
    const { rows } = await this.pool.query<{ queue: string }>(
      "SELECT queue FROM meta UNION SELECT DISTINCT queue FROM job",
    );
    return rows.map((row) => row.queue);
  }
}
