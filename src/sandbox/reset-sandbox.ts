/**
 * `npm run sandbox -- --reset`: forget everything the sandbox did. Drops the sandbox database (the
 * app recreates and migrates it on start; without Redis its queues and limits go with it) and, with
 * Redis, deletes every key under the sandbox prefix.
 */
import pg from "pg";
import { createRedis } from "../queue/redis.js";

/** Drops the database named in `databaseUrl`, connecting to the server's `postgres` database. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ""));
  // Never drop a real deployment's database by mistake: only sandbox (or test) databases.
  if (!/^keng_(sandbox|test)\w*$/.test(name))
    throw new Error(`refusing to drop database "${name}": not a sandbox database`);
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Deletes every key that starts with `${prefix}:` (BullMQ queues, rate limiter, counters). */
export async function clearRedisPrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = createRedis(redisUrl);
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    await redis.quit().catch(() => undefined);
  }
  return deleted;
}
