/**
 * For the send limiter's contract suite: the fake Telegram server's rules, checked on a list of sends,
 * and one driver per store (a store on a shared connection, stores as other processes open them, and
 * what a prefix left behind).
 */
import { Redis } from "ioredis";
import { createPool } from "../../../src/db/sql.js";
import { PgSendSlotStore } from "../../../src/queue/pg-send-slot-store.js";
import type { ChatKind, ReserveResult } from "../../../src/queue/rate-limiter.js";
import { RedisSendSlotStore } from "../../../src/queue/redis-send-slot-store.js";
import type { SendSlotStore } from "../../../src/queue/send-slot-store.js";
import { testRedisUrl, type Backend } from "../../support/backends.js";
import { createTestDatabase } from "../../support/databases.js";

export interface Send {
  chatKey: string;
  chatKind: ChatKind;
  atMs: number;
}

/** The local fake Telegram's rule: at most `max` requests in any `windowMs` window. */
function windowViolation(times: number[], max: number, windowMs: number): number | undefined {
  const sorted = [...times].sort((a, b) => a - b);
  for (let i = 0; i + max < sorted.length; i++) {
    const first = sorted[i] ?? 0;
    const over = sorted[i + max] ?? Infinity;
    if (over - first < windowMs) return first;
  }
  return undefined;
}

/** Would the fake Telegram server have answered any of these sends with 429? */
export function fakeTelegram429s(sends: Send[]): string[] {
  const problems: string[] = [];
  if (
    windowViolation(
      sends.map((s) => s.atMs),
      30,
      1000,
    ) !== undefined
  )
    problems.push("global");
  const byChat = new Map<string, Send[]>();
  for (const s of sends) byChat.set(s.chatKey, [...(byChat.get(s.chatKey) ?? []), s]);
  for (const [chatKey, chatSends] of byChat) {
    const kind = chatSends[0]?.chatKind ?? "group";
    const [max, windowMs] = kind === "group" ? [20, 60_000] : [1, 1000];
    if (
      windowViolation(
        chatSends.map((s) => s.atMs),
        max,
        windowMs,
      ) !== undefined
    )
      problems.push(chatKey);
  }
  return problems;
}

export function gapsBetween(times: number[]): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.slice(1).map((t, i) => t - (sorted[i] ?? t));
}

export function expectOk(result: ReserveResult): Extract<ReserveResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a slot, got ${JSON.stringify(result)}`);
  return result;
}

/** One backend: a store on a shared connection, stores on connections of their own (other processes), what a prefix left behind. */
export interface StoreDriver {
  store(prefix: string): SendSlotStore;
  /** A store as another process would open it: its own connection. */
  openSeparate(prefix: string): { store: SendSlotStore; close(): Promise<void> };
  /** Keys or rows still under `prefix`. */
  leftovers(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

async function redisDriver(): Promise<StoreDriver> {
  const redis = new Redis(testRedisUrl);
  return {
    store: (prefix) => new RedisSendSlotStore({ redis, prefix }),
    openSeparate(prefix) {
      const own = new Redis(testRedisUrl);
      return { store: new RedisSendSlotStore({ redis: own, prefix }), close: async () => void (await own.quit()) };
    },
    async leftovers(prefix) {
      const found: string[] = [];
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
        found.push(...keys);
        cursor = next;
      } while (cursor !== "0");
      return found;
    },
    close: async () => void (await redis.quit()),
  };
}

async function postgresDriver(): Promise<StoreDriver> {
  const database = await createTestDatabase();
  const pool = createPool(database.url, 8);
  return {
    store: (prefix) => new PgSendSlotStore({ sql: pool, prefix }),
    openSeparate(prefix) {
      const own = createPool(database.url, 4);
      return { store: new PgSendSlotStore({ sql: own, prefix }), close: () => own.end() };
    },
    async leftovers(prefix) {
      const { rows } = await pool.query<{ row: string }>({
        text: `SELECT 'platform ' || "scope" AS row FROM "SendLimitPlatform" WHERE starts_with("scope", $1)
          UNION ALL SELECT 'slot ' || "scope" || ' ' || "slotUs" FROM "SendLimitSlot" WHERE starts_with("scope", $1)
          UNION ALL SELECT 'chat slot ' || "scope" || ' ' || "chatKey" FROM "SendLimitChatSlot" WHERE starts_with("scope", $1)
          UNION ALL SELECT 'chat block ' || "scope" || ' ' || "chatKey" FROM "SendLimitChatBlock" WHERE starts_with("scope", $1)`,
        values: [`${prefix}:`],
      });
      return rows.map((r) => r.row);
    },
    async close() {
      await pool.end();
      await database.drop();
    },
  };
}

export const drivers: Record<Backend, () => Promise<StoreDriver>> = { redis: redisDriver, postgres: postgresDriver };
