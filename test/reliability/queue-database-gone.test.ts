/**
 * Fault: the database under BullMQ's PostgreSQL backend goes away (dropped, or every connection
 * ended by the server) while a worker waits for jobs. BullMQ retries a lost Redis connection after
 * a pause but any other error at once, and PostgreSQL's errors are not Redis's: a worker looped on
 * the failing claim, burning a core and writing an error line per turn. It must wait between tries,
 * and take jobs again once the database is back.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobWorker } from "../../src/queue/job-queues.js";
import { createQueuePool, migrateQueueSchema, PgJobQueues } from "../../src/queue/pg-job-queues.js";
import { createTestDatabase } from "../support/databases.js";
import { TcpProxy } from "./support/tcp-proxy.js";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: pg.Pool;
let proxy: TcpProxy;
let worker: JobWorker | undefined;
const errors: Error[] = [];
const processed: number[] = [];

/** Runs `sql` on the server's `postgres` database (the test's own may be gone). */
async function asAdmin(sql: string): Promise<void> {
  const url = new URL(database.url);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function until(what: string, predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  database = await createTestDatabase();
  // The worker reaches PostgreSQL through a proxy that counts its connections.
  const server = new URL(database.url);
  proxy = new TcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  await proxy.start();
  pool = createQueuePool(proxy.rewrite(database.url), { max: 4, onIdleError: () => undefined });
  await migrateQueueSchema(pool);
});

afterAll(async () => {
  await worker?.close();
  await pool?.end();
  await database?.drop();
  await proxy?.stop();
});

describe("BullMQ on PostgreSQL when the database goes away", () => {
  it("waits between tries instead of looping, and takes jobs again once the database is back", async () => {
    const queues = new PgJobQueues(pool);
    const name = `gone-${Date.now()}`;
    const queue = queues.queue<{ n: number }>(name);
    // Busy when the database goes: a worker with jobs to take claims in a loop, not on LISTEN.
    worker = queues.worker<{ n: number }>(
      name,
      async (job) => {
        await sleep(100);
        processed.push(job.data.n);
      },
      { concurrency: 2, lockDuration: 15_000, stalledInterval: 5_000, onError: (error) => errors.push(error) },
    );
    for (let n = 1; n <= 40; n++) await queue.add("job", { n }, { removeOnComplete: true });
    await until("the first jobs", () => processed.length >= 4, 20_000);
    await queue.close();

    const dbName = new URL(database.url).pathname.slice(1);
    await asAdmin(`DROP DATABASE "${dbName}" WITH (FORCE)`);
    errors.length = 0;
    const before = proxy.connections;
    await sleep(3_000);
    // A few tries a second (claims, the stalled-job check, the LISTEN connection), not a loop: each
    // try opens a connection, refused with "database does not exist".
    const tries = proxy.connections - before;
    expect(tries, `${tries} connections and ${errors.length} errors in 3 s`).toBeLessThanOrEqual(20);
    // Nor an error line per try.
    expect(errors.length).toBeLessThanOrEqual(20);

    await asAdmin(`CREATE DATABASE "${dbName}"`);
    await migrateQueueSchema(pool);
    const again = queues.queue<{ n: number }>(name);
    await again.add("job", { n: 100 }, { removeOnComplete: true });
    await until("a job after the database came back", () => processed.includes(100), 30_000);
    await again.close();
  }, 60_000);
});
