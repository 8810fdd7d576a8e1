/**
 * Postgres-backed UpdateLedger: survives a Redis wipe, so duplicates stay duplicates. Plain SQL on
 * the shared pool (sql.ts): claim and done run for every inbound update.
 */
import type { PlatformName } from "../core/messages.js";
import type { UpdateLedger } from "../core/ports.js";
import type { Sql } from "./sql.js";

const CLAIM = `INSERT INTO "InboundUpdate" ("platform", "updateKey", "claimedAt") VALUES ($1::"Platform", $2, now()) ON CONFLICT DO NOTHING`;
const RECLAIM = `UPDATE "InboundUpdate" SET "claimedAt" = now()
WHERE "platform" = $1::"Platform" AND "updateKey" = $2 AND "doneAt" IS NULL AND "claimedAt" < now() - make_interval(secs => $3)`;
const DONE = `UPDATE "InboundUpdate" SET "doneAt" = now() AT TIME ZONE 'UTC' WHERE "platform" = $1::"Platform" AND "updateKey" = $2`;
const RELEASE_UNFINISHED = `UPDATE "InboundUpdate" SET "claimedAt" = to_timestamp(0)
WHERE "platform" = $1::"Platform" AND "doneAt" IS NULL AND "claimedAt" > to_timestamp(0)`;
const PRUNE = `DELETE FROM "InboundUpdate" WHERE "claimedAt" < now() - make_interval(days => $1)`;

/** An unfinished claim older than this belongs to a process that died: handle the update again. */
const STALE_CLAIM_MS = 60_000;

export class PgUpdateLedger implements UpdateLedger {
  constructor(private readonly sql: Sql) {}

  async claim(platform: PlatformName, updateKey: string, options: { resume?: boolean } = {}): Promise<boolean> {
    const inserted = await this.sql.query({ name: "keng_claim_update", text: CLAIM, values: [platform, updateKey] });
    if (inserted.rowCount === 1) return true;
    // Resuming our own claim (written just before a connection dropped): any age will do.
    const staleSeconds = options.resume ? 0 : STALE_CLAIM_MS / 1000;
    const reclaimed = await this.sql.query({
      name: "keng_reclaim_update",
      text: RECLAIM,
      values: [platform, updateKey, staleSeconds],
    });
    return reclaimed.rowCount === 1;
  }

  async done(platform: PlatformName, updateKey: string): Promise<void> {
    await this.sql.query({ name: "keng_update_done", text: DONE, values: [platform, updateKey] });
  }

  /**
   * Makes every unfinished claim of a platform claimable at once (for a process that knows it is
   * the platform's only reader: the claims belong to a process that died). Returns how many.
   */
  async releaseUnfinished(platform: PlatformName): Promise<number> {
    return (await this.sql.query({ text: RELEASE_UNFINISHED, values: [platform] })).rowCount ?? 0;
  }

  /** Forgets updates older than `days` (platforms do not redeliver after a day). */
  async prune(days = 7): Promise<number> {
    return (await this.sql.query({ text: PRUNE, values: [days] })).rowCount ?? 0;
  }
}
