/**
 * Postgres-backed UpdateLedger: survives a Redis wipe, so duplicates stay duplicates. Plain SQL on
 * the shared pool (sql.ts): claim and done run for every inbound update. Claims are group-committed
 * (group-commit.ts): the updates in hand (a polling batch, concurrent webhook requests) are claimed
 * by one statement. Each update's done mark stays its own statement, written the moment it is
 * handled (a batch's marks written together would leave every update of it unfinished until the
 * slowest is handled, and a process killed meanwhile would leave them all to be handled again).
 */
import type { PlatformName } from "../core/messages.js";
import type { UpdateLedger } from "../core/ports.js";
import { GroupCommit } from "./group-commit.js";
import type { Sql } from "./sql.js";

// Keys sorted: two batches that share a key (a redelivery) take their row locks in the same order.
const CLAIM_MANY = `INSERT INTO "InboundUpdate" ("platform", "updateKey", "claimedAt")
SELECT p, k, now() FROM unnest($1::"Platform"[], $2::text[]) AS u(p, k) ORDER BY p, k
ON CONFLICT DO NOTHING RETURNING "platform"::text AS "platform", "updateKey"`;
const RECLAIM = `UPDATE "InboundUpdate" SET "claimedAt" = now()
WHERE "platform" = $1::"Platform" AND "updateKey" = $2 AND "doneAt" IS NULL AND "claimedAt" < now() - make_interval(secs => $3)`;
const DONE = `UPDATE "InboundUpdate" SET "doneAt" = now() AT TIME ZONE 'UTC' WHERE "platform" = $1::"Platform" AND "updateKey" = $2`;
const RELEASE_UNFINISHED = `UPDATE "InboundUpdate" SET "claimedAt" = to_timestamp(0)
WHERE "platform" = $1::"Platform" AND "doneAt" IS NULL AND "claimedAt" > to_timestamp(0)`;
const PRUNE = `DELETE FROM "InboundUpdate" WHERE "claimedAt" < now() - make_interval(days => $1)`;

/** An unfinished claim older than this belongs to a process that died: handle the update again. */
const STALE_CLAIM_MS = 60_000;

interface Key {
  readonly platform: PlatformName;
  readonly updateKey: string;
}

const id = (key: { platform: string; updateKey: string }) => `${key.platform}:${key.updateKey}`;
const columns = (keys: readonly Key[]) => [keys.map((k) => k.platform), keys.map((k) => k.updateKey)];

export class PgUpdateLedger implements UpdateLedger {
  private readonly claims: GroupCommit<Key, boolean>;

  constructor(private readonly sql: Sql) {
    this.claims = new GroupCommit(async (keys) => {
      const inserted = await this.sql.query<{ platform: string; updateKey: string }>({
        name: "keng_claim_updates",
        text: CLAIM_MANY,
        values: columns(keys),
      });
      const fresh = new Set(inserted.rows.map(id));
      // The same update twice in one batch (a redelivery racing the first): only one of them holds it.
      return keys.map((key) => fresh.delete(id(key)));
    });
  }

  async claim(platform: PlatformName, updateKey: string, options: { resume?: boolean } = {}): Promise<boolean> {
    if (await this.claims.submit({ platform, updateKey })) return true;
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
