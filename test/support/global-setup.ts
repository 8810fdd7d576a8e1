/**
 * Once per test run: create a template database and apply the migrations to it, Prisma's and
 * BullMQ's own PostgreSQL tables (the Prisma CLI is slow to exit, so it runs once); each test file
 * then copies the template (CREATE DATABASE … TEMPLATE). With no PostgreSQL at 127.0.0.1:5432 (and
 * no TEST_POSTGRES_URL), the run starts an embedded one of its own in a temporary directory, as
 * `npm start` does without DATABASE_URL. Also asks Redis once whether it answers: the harness then
 * runs on PostgreSQL alone, and tests that need Redis itself skip, saying why.
 */
import type { TestProject } from "vitest/node";
import pg from "pg";
import { applyMigrations } from "../../src/db/migrations.js";
import { createQueuePool, migrateQueueSchema } from "../../src/queue/pg-job-queues.js";
import { checkRedis } from "../../src/queue/redis.js";
import { startThrowawayPostgres } from "./throwaway-postgres.js";

const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
const testRedisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    postgresAdminUrl: string;
    /** Why Redis cannot be used in this run, or "" when it answers. */
    redisDown: string;
  }
}

/** Whether a server listens at this URL (one that refuses the login still counts: its error is the one to see). */
async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return !(code === "ECONNREFUSED" || code === "EADDRNOTAVAIL" || /timeout/i.test((error as Error).message));
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject) {
  const configured = process.env.TEST_POSTGRES_URL;
  const embedded =
    configured === undefined && !(await answers(DEFAULT_ADMIN_URL)) ? await startThrowawayPostgres() : undefined;
  if (embedded)
    console.log(`No PostgreSQL at 127.0.0.1:5432: the tests run on an embedded PostgreSQL (${embedded.dir}).`);
  const adminUrl = embedded?.url("postgres") ?? configured ?? DEFAULT_ADMIN_URL;
  // The name carries its birth time so leftovers of killed runs can be told from concurrent runs.
  const template = `keng_test_tpl_${Math.floor(Date.now() / 1000)}_${process.pid}`;
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Leftovers of runs that were killed more than two hours ago.
  const stale = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname ~ '^keng_test_(tpl_)?[0-9]+_'",
  );
  for (const row of stale.rows) {
    const born = Number(/^keng_test_(?:tpl_)?(\d+)_/.exec(row.datname)?.[1] ?? 0);
    if (born < Date.now() / 1000 - 7200)
      await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`).catch(() => undefined);
  }
  await admin.end();
  await applyMigrations(url.toString());
  const queuePool = createQueuePool(url.toString(), { max: 1, onIdleError: () => undefined });
  await migrateQueueSchema(queuePool).finally(() => queuePool.end());
  project.provide("templateDatabase", template);
  project.provide("postgresAdminUrl", adminUrl);
  const redisDown = await checkRedis(testRedisUrl).then(
    () => "",
    (error: Error) => error.message,
  );
  // One line: the suites over both backends skip their Redis half (the other end-to-end tests still need Redis).
  if (redisDown)
    console.warn(`Redis does not answer, so the Redis half of the suites over both backends is skipped: ${redisDown}`);
  project.provide("redisDown", redisDown);
  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await client.end();
    await embedded?.stop();
  };
}
