/**
 * Fixed-window attempt counters in PostgreSQL (`ExpiringKey`), for running without Redis: the same
 * meaning as INCR + PEXPIRE NX. The first attempt opens a window of `windowSeconds`; later ones in
 * it count up; once it lapses the next attempt opens a new one. One upsert: atomic under concurrency.
 */
import type { AttemptLimiter } from "../core/ports.js";
import { ExpiredKeySweeper, NOW_MS } from "./expiring-keys.js";
import type { Sql } from "./sql.js";

const HIT = `INSERT INTO "ExpiringKey" AS k ("key", "count", "expiresAtMs") VALUES ($1, 1, ${NOW_MS} + $2::bigint)
ON CONFLICT ("key") DO UPDATE SET
  "count" = CASE WHEN k."expiresAtMs" <= ${NOW_MS} THEN 1 ELSE k."count" + 1 END,
  "expiresAtMs" = CASE WHEN k."expiresAtMs" <= ${NOW_MS} THEN EXCLUDED."expiresAtMs" ELSE k."expiresAtMs" END
RETURNING "count", ("expiresAtMs" - ${NOW_MS})::text AS "ttlMs"`;

export class PgAttemptLimiter implements AttemptLimiter {
  private readonly sweeper: ExpiredKeySweeper;

  /** `prefix`: keys are `${prefix}:attempts:${key}`, as in Redis. */
  constructor(private readonly options: { sql: Sql; prefix: string }) {
    this.sweeper = new ExpiredKeySweeper(options.sql);
  }

  async hit(options: {
    key: string;
    max: number;
    windowSeconds: number;
  }): Promise<{ allowed: boolean; count: number; retryInSeconds: number }> {
    await this.sweeper.maybeSweep();
    const { rows } = await this.options.sql.query<{ count: number; ttlMs: string }>({
      name: "keng_attempt_hit",
      text: HIT,
      values: [`${this.options.prefix}:attempts:${options.key}`, options.windowSeconds * 1000],
    });
    const count = rows[0]?.count ?? 1;
    const ttlMs = Number(rows[0]?.ttlMs ?? options.windowSeconds * 1000);
    return { allowed: count <= options.max, count, retryInSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
  }
}
