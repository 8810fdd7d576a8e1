/**
 * The send limiter's state in PostgreSQL, for running without Redis. The same rules as the Lua
 * scripts, in the functions of migrations `20261210090000_postgres_only_shared_state` and
 * `20261212030000_paid_broadcast` (a bot-wide window's rows are under `<prefix>:<platform>:<window>`
 * for the paid one; chat rows and the block stay under `<prefix>:<platform>`):
 * `send_slot_reserve` and `send_slot_release` take one transaction-scoped advisory lock per
 * `<prefix>:<platform>` and read the server's clock once they hold it, so reservations from every
 * process are serialised as Redis serialises scripts, in one round trip each. Confirmations and
 * blocks are single statements (a row's own lock is enough).
 *
 * Tables (UNLOGGED: no WAL, and a crash forgets only what a Redis restart would): `SendLimitPlatform`
 * (newest slot, bot-wide block), `SendLimitSlot` (the platform's send log), `SendLimitChatSlot` (each
 * chat's slots until they leave its window), `SendLimitChatBlock`. Every reservation deletes the rows
 * that have expired, so idle chats leave nothing behind.
 */
import type { Sql } from "../db/sql.js";
import { refusalReasons, reserveLimits } from "./send-slot-store.js";
import type { SendSlotStore, SendWindow, SlotReply, SlotRequest } from "./send-slot-store.js";

const RESERVE = `SELECT granted, value_us::text AS value, now_us::text AS now, reason
FROM send_slot_reserve($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;
const CONFIRM = `UPDATE "SendLimitSlot" SET "arrivedByUs" = greatest("slotUs", $3::bigint) WHERE "scope" = $1 AND "slotUs" = $2::bigint`;
const RELEASE = `SELECT send_slot_release($1, $2, $3, $4::bigint)`;
const BLOCK_CHAT = `INSERT INTO "SendLimitChatBlock" ("scope", "chatKey", "untilUs") VALUES ($1, $2, send_limit_now_us() + $3::bigint * 1000)
ON CONFLICT ("scope", "chatKey") DO UPDATE SET "untilUs" = greatest("SendLimitChatBlock"."untilUs", EXCLUDED."untilUs")`;
const BLOCK_PLATFORM = `INSERT INTO "SendLimitPlatform" ("scope", "blockedUntilUs") VALUES ($1, send_limit_now_us() + $2::bigint * 1000)
ON CONFLICT ("scope") DO UPDATE SET "blockedUntilUs" = greatest("SendLimitPlatform"."blockedUntilUs", EXCLUDED."blockedUntilUs")`;
const TABLES = ["SendLimitPlatform", "SendLimitSlot", "SendLimitChatSlot", "SendLimitChatBlock"] as const;

interface ReserveRow {
  granted: boolean;
  value: string;
  now: string;
  reason: string | null;
}

export class PgSendSlotStore implements SendSlotStore {
  /** `prefix`: every row's scope is `${prefix}:${platform}`. */
  constructor(private readonly options: { sql: Sql; prefix: string }) {}

  async reserve(request: SlotRequest): Promise<SlotReply> {
    const { rows } = await this.options.sql.query<ReserveRow>({
      name: "keng_slot_reserve",
      text: RESERVE,
      values: [
        this.scope(request.platform),
        this.windowScope(request.platform, request.window),
        request.chatKey,
        ...reserveLimits(request),
      ],
    });
    const row = rows[0];
    if (row?.granted === true) return { granted: true, slotUs: row.value, nowUs: row.now };
    const known = refusalReasons.find((r) => r === row?.reason);
    if (row && known) return { granted: false, retryUs: row.value, nowUs: row.now, reason: known };
    throw new Error(`SendRateLimiter: unexpected row from send_slot_reserve: ${JSON.stringify(row)}`);
  }

  async confirm(input: { platform: string; window: SendWindow; slotUs: string; arrivedByUs: number }): Promise<void> {
    await this.options.sql.query({
      name: "keng_slot_confirm",
      text: CONFIRM,
      values: [this.windowScope(input.platform, input.window), input.slotUs, input.arrivedByUs],
    });
  }

  async release(input: { platform: string; window: SendWindow; chatKey: string; slotUs: string }): Promise<void> {
    await this.options.sql.query({
      name: "keng_slot_release",
      text: RELEASE,
      values: [this.scope(input.platform), this.windowScope(input.platform, input.window), input.chatKey, input.slotUs],
    });
  }

  async block(input: { platform: string; chatKey?: string; ms: number }): Promise<void> {
    const ms = Math.max(1, Math.ceil(input.ms));
    const scope = this.scope(input.platform);
    if (input.chatKey === undefined)
      await this.options.sql.query({ name: "keng_slot_block_platform", text: BLOCK_PLATFORM, values: [scope, ms] });
    else
      await this.options.sql.query({
        name: "keng_slot_block_chat",
        text: BLOCK_CHAT,
        values: [scope, input.chatKey, ms],
      });
  }

  async reset(): Promise<void> {
    for (const table of TABLES)
      await this.options.sql.query({
        text: `DELETE FROM "${table}" WHERE starts_with("scope", $1)`,
        values: [`${this.options.prefix}:`],
      });
  }

  private scope(platform: string): string {
    return `${this.options.prefix}:${platform}`;
  }

  /** The rows of a bot-wide window: the regular one keeps the platform's scope. */
  private windowScope(platform: string, window: SendWindow): string {
    return window === "regular" ? this.scope(platform) : `${this.scope(platform)}:${window}`;
  }
}

/**
 * Deletes the limiter's chat rows whose window has passed, in every scope. A reservation deletes
 * them only in its own scope, so a chat key (a keyed hash of a chat) would otherwise stay after the
 * last send, where Redis lets the key expire; `admin rotate` and the scheduler call this.
 */
export async function purgeExpiredSendLimits(sql: Sql): Promise<void> {
  await sql.query({ text: `DELETE FROM "SendLimitChatSlot" WHERE "expiresUs" <= send_limit_now_us()` });
  await sql.query({ text: `DELETE FROM "SendLimitChatBlock" WHERE "untilUs" <= send_limit_now_us()` });
}
