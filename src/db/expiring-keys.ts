/**
 * The `ExpiringKey` table: counters and claims that lapse at `expiresAtMs` (epoch ms, the server's
 * clock), standing in for Redis keys with a TTL when there is no Redis. A lapsed row counts as
 * absent at once; it is deleted by the next sweep (at most one a minute per process).
 */
import type { Sql } from "./sql.js";

/** The server's clock in epoch ms, for SQL: one reading per statement, so every mention in it agrees. */
export const NOW_MS = `(extract(epoch FROM statement_timestamp()) * 1000)::bigint`;

const SWEEP = `DELETE FROM "ExpiringKey" WHERE "expiresAtMs" <= ${NOW_MS}`;
const SWEEP_EVERY_MS = 60_000;

/** Deletes lapsed rows now and then, from whichever store of this process writes to the table. */
export class ExpiredKeySweeper {
  private lastSweepAt = 0;

  constructor(private readonly sql: Sql) {}

  /** Sweeps if the last sweep is a minute old; never lets a failed sweep fail the caller's work. */
  async maybeSweep(now = Date.now()): Promise<void> {
    if (now - this.lastSweepAt < SWEEP_EVERY_MS) return;
    this.lastSweepAt = now;
    await this.sql.query({ name: "keng_expiring_sweep", text: SWEEP }).catch(() => undefined);
  }
}
