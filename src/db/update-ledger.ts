/** Postgres-backed UpdateLedger: survives a Redis wipe, so duplicates stay duplicates. */
import type { PlatformName } from "../core/messages.js";
import type { UpdateLedger } from "../core/ports.js";
import type { Db } from "./client.js";
import type { Sql } from "./sql.js";

const CLAIM = `INSERT INTO "InboundUpdate" ("platform", "updateKey", "claimedAt") VALUES ($1::"Platform", $2, now()) ON CONFLICT DO NOTHING`;
const DONE = `UPDATE "InboundUpdate" SET "doneAt" = now() AT TIME ZONE 'UTC' WHERE "platform" = $1::"Platform" AND "updateKey" = $2`;

/** An unfinished claim older than this belongs to a process that died: handle the update again. */
const STALE_CLAIM_MS = 60_000;

export class PrismaUpdateLedger implements UpdateLedger {
  /** With `sql` (the pool under `db`), claim and done, run for every update, skip Prisma's query engine. */
  constructor(
    private readonly db: Db,
    private readonly sql?: Sql,
  ) {}

  async claim(platform: PlatformName, updateKey: string, options: { resume?: boolean } = {}): Promise<boolean> {
    const inserted = this.sql
      ? ((await this.sql.query({ name: "keng_claim_update", text: CLAIM, values: [platform, updateKey] })).rowCount ?? 0)
      : await this.db.$executeRaw`
      INSERT INTO "InboundUpdate" ("platform", "updateKey", "claimedAt")
      VALUES (${platform}::"Platform", ${updateKey}, now())
      ON CONFLICT DO NOTHING`;
    if (inserted === 1) return true;
    // Resuming our own claim (written just before a connection dropped): any age will do.
    const staleSeconds = options.resume ? 0 : STALE_CLAIM_MS / 1000;
    const reclaimed = await this.db.$executeRaw`
      UPDATE "InboundUpdate" SET "claimedAt" = now()
      WHERE "platform" = ${platform}::"Platform" AND "updateKey" = ${updateKey}
        AND "doneAt" IS NULL AND "claimedAt" < now() - make_interval(secs => ${staleSeconds})`;
    return reclaimed === 1;
  }

  async done(platform: PlatformName, updateKey: string): Promise<void> {
    if (this.sql) {
      await this.sql.query({ name: "keng_update_done", text: DONE, values: [platform, updateKey] });
      return;
    }
    await this.db.inboundUpdate.update({ where: { platform_updateKey: { platform, updateKey } }, data: { doneAt: new Date() } });
  }

  /**
   * Makes every unfinished claim of a platform claimable at once (for a process that knows it is
   * the platform's only reader: the claims belong to a process that died). Returns how many.
   */
  async releaseUnfinished(platform: PlatformName): Promise<number> {
    return this.db.$executeRaw`
      UPDATE "InboundUpdate" SET "claimedAt" = to_timestamp(0)
      WHERE "platform" = ${platform}::"Platform" AND "doneAt" IS NULL AND "claimedAt" > to_timestamp(0)`;
  }

  /** Forgets updates older than `days` (platforms do not redeliver after a day). */
  async prune(days = 7): Promise<number> {
    return this.db.$executeRaw`DELETE FROM "InboundUpdate" WHERE "claimedAt" < now() - make_interval(days => ${days})`;
  }
}
