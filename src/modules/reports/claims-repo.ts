/**
 * The scheduler's claims (ScheduledClaims) in PostgreSQL (`ExpiringKey`), for running without
 * Redis: the same meaning as `SET NX PX` (claim) and `SET PX` (hold), under the deployment's prefix.
 */
import { ExpiredKeySweeper, NOW_MS } from "../../db/expiring-keys.js";
import type { Sql } from "../../db/sql.js";
import type { ScheduledClaims } from "./types.js";

/** Inserts the claim, or takes over one that has lapsed; returns a row only to the one who got it. */
const CLAIM = `INSERT INTO "ExpiringKey" AS k ("key", "count", "expiresAtMs") VALUES ($1, 0, ${NOW_MS} + $2::bigint)
ON CONFLICT ("key") DO UPDATE SET "count" = 0, "expiresAtMs" = EXCLUDED."expiresAtMs" WHERE k."expiresAtMs" <= ${NOW_MS}
RETURNING 1`;
const HOLD = `INSERT INTO "ExpiringKey" ("key", "count", "expiresAtMs") VALUES ($1, 0, ${NOW_MS} + $2::bigint)
ON CONFLICT ("key") DO UPDATE SET "expiresAtMs" = EXCLUDED."expiresAtMs"`;

export class PgScheduledClaims implements ScheduledClaims {
  private readonly sweeper: ExpiredKeySweeper;

  constructor(private readonly options: { sql: Sql; prefix: string }) {
    this.sweeper = new ExpiredKeySweeper(options.sql);
  }

  private key(name: string): string {
    return `${this.options.prefix}:scheduled:${name}`;
  }

  async claim(name: string, ttlMs: number): Promise<boolean> {
    await this.sweeper.maybeSweep();
    const { rowCount } = await this.options.sql.query({
      name: "keng_claim_scheduled",
      text: CLAIM,
      values: [this.key(name), Math.max(1, Math.round(ttlMs))],
    });
    return rowCount === 1;
  }

  async hold(name: string, ttlMs: number): Promise<void> {
    await this.options.sql.query({
      name: "keng_hold_scheduled",
      text: HOLD,
      values: [this.key(name), Math.max(1, Math.round(ttlMs))],
    });
  }
}
