import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  SendRateLimiter,
  telegramLimits,
  zaloLimits,
  type ChatKind,
  type ReserveResult,
} from "../../src/queue/rate-limiter.js";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const redis = new Redis(redisUrl);
const intervalMs = telegramLimits.globalIntervalMs;
// Slots are integer µs in Redis; as float ms (~1.7e12) they carry ~0.0002 ms of rounding error.
const floatSlackMs = 0.001;

interface Send {
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
function fakeTelegram429s(sends: Send[]): string[] {
  const problems: string[] = [];
  if (windowViolation(sends.map((s) => s.atMs), 30, 1000) !== undefined) problems.push("global");
  const byChat = new Map<string, Send[]>();
  for (const s of sends) byChat.set(s.chatKey, [...(byChat.get(s.chatKey) ?? []), s]);
  for (const [chatKey, chatSends] of byChat) {
    const kind = chatSends[0]?.chatKind ?? "group";
    const [max, windowMs] = kind === "group" ? [20, 60_000] : [1, 1000];
    if (windowViolation(chatSends.map((s) => s.atMs), max, windowMs) !== undefined) problems.push(chatKey);
  }
  return problems;
}

function gapsBetween(times: number[]): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.slice(1).map((t, i) => t - (sorted[i] ?? t));
}

function expectOk(result: ReserveResult): { sendAtMs: number; nowMs: number } {
  if (!result.ok) throw new Error(`expected a slot, got ${JSON.stringify(result)}`);
  return result;
}

async function keysUnder(prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    found.push(...keys);
    cursor = next;
  } while (cursor !== "0");
  return found;
}

let prefix = "";
let limiter: SendRateLimiter;

function makeLimiter(client: Redis): SendRateLimiter {
  return new SendRateLimiter({ redis: client, prefix, platforms: { telegram: telegramLimits, zalo: zaloLimits } });
}

beforeEach(() => {
  prefix = `keng-test:rate-limiter:${randomUUID()}`;
  limiter = makeLimiter(redis);
});

afterEach(async () => {
  await limiter.reset();
  expect(await keysUnder(prefix)).toEqual([]);
});

afterAll(async () => {
  await redis.quit();
});

describe("SendRateLimiter", () => {
  it("lets one message per 1.3 s into a private chat", async () => {
    const chat = { platform: "telegram", chatKey: "p1", chatKind: "private" as const, maxAheadMs: 5000 };
    expectOk(await limiter.reserve(chat));
    const second = await limiter.reserve(chat);
    expect(second).toMatchObject({ ok: false, reason: "chat-window" });
    if (second.ok) return;
    expect(second.retryInMs).toBeGreaterThan(1250);
    expect(second.retryInMs).toBeLessThanOrEqual(1300);
  });

  it("lets 20 messages per 60.3 s into a group, spaced by the global interval", async () => {
    const chat = { platform: "telegram", chatKey: "g1", chatKind: "group" as const, maxAheadMs: 10_000 };
    const slots: number[] = [];
    for (let i = 0; i < 20; i++) slots.push(expectOk(await limiter.reserve(chat)).sendAtMs);
    for (const gap of gapsBetween(slots)) expect(gap).toBeGreaterThanOrEqual(intervalMs - floatSlackMs);

    const refused = await limiter.reserve(chat);
    expect(refused).toMatchObject({ ok: false, reason: "chat-window" });
    if (refused.ok) return;
    expect(refused.retryInMs).toBeGreaterThan(59_000);
    expect(refused.retryInMs).toBeLessThanOrEqual(60_300);
  });

  it("spaces the bot-wide sends and refuses beyond maxAheadMs without consuming", async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        limiter.reserve({ platform: "telegram", chatKey: `g${i}`, chatKind: "group", maxAheadMs: 1000 }),
      ),
    );
    const granted = results.flatMap((r, i) => (r.ok ? [{ chatKey: `g${i}`, chatKind: "group" as const, atMs: r.sendAtMs }] : []));
    expect(granted.length).toBeGreaterThanOrEqual(29);
    expect(granted.length).toBeLessThanOrEqual(31);
    for (const r of results) if (!r.ok) expect(r).toMatchObject({ reason: "global-rate" });

    for (const gap of gapsBetween(granted.map((s) => s.atMs))) expect(gap).toBeGreaterThanOrEqual(intervalMs - floatSlackMs);
    expect(fakeTelegram429s(granted)).toEqual([]);
    // Refusals consumed nothing: the next slot follows the last granted one directly.
    const last = Math.max(...granted.map((s) => s.atMs));
    const next = expectOk(await limiter.reserve({ platform: "telegram", chatKey: "late", chatKind: "group", maxAheadMs: 5000 }));
    expect(next.sendAtMs - last).toBeCloseTo(intervalMs, 1);
  });

  it("keeps 4 processes under every Telegram limit while sustaining ≥ 27 sends/s", async () => {
    // 120 sends: 94 groups once, one group 20 times, two private chats 3 times each.
    const jobs: Omit<Send, "atMs">[] = [];
    for (let i = 0; i < 20; i++) jobs.push({ chatKey: "busy-group", chatKind: "group" });
    for (let i = 0; i < 3; i++) jobs.push({ chatKey: "p1", chatKind: "private" }, { chatKey: "p2", chatKind: "private" });
    for (let i = 0; jobs.length < 120; i++) jobs.push({ chatKey: `g${i}`, chatKind: "group" });

    const clients = Array.from({ length: 4 }, () => new Redis(redisUrl));
    const sends: Send[] = [];
    const work = async (worker: SendRateLimiter): Promise<void> => {
      for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) {
        for (;;) {
          const result = await worker.reserve({ platform: "telegram", ...job, maxAheadMs: 200 });
          if (!result.ok) {
            await sleep(result.retryInMs);
            continue;
          }
          await sleep(result.sendAtMs - result.nowMs);
          sends.push({ ...job, atMs: result.sendAtMs });
          break;
        }
      }
    };
    try {
      // Each process runs 4 concurrent deliver jobs, like a BullMQ worker with concurrency 4.
      await Promise.all(clients.flatMap((c) => Array.from({ length: 4 }, () => work(makeLimiter(c)))));
    } finally {
      await Promise.all(clients.map((c) => c.quit()));
    }

    expect(sends).toHaveLength(120);
    const times = sends.map((s) => s.atMs);
    expect(new Set(times).size).toBe(120);
    for (const gap of gapsBetween(times)) expect(gap).toBeGreaterThanOrEqual(intervalMs - floatSlackMs);
    // Requests reach the fake a few ms after their slot: jitter them and check as it would.
    const arrivals = sends.map((s) => ({ ...s, atMs: s.atMs + Math.random() * 5 }));
    expect(fakeTelegram429s(arrivals)).toEqual([]);
    const spanS = (Math.max(...times) - Math.min(...times)) / 1000;
    expect((times.length - 1) / spanS).toBeGreaterThanOrEqual(27);
  }, 20_000);

  it("refuses a blocked chat until the block ends, without touching other chats", async () => {
    await limiter.blockChat({ platform: "telegram", chatKey: "g1", ms: 200 });
    const blocked = await limiter.reserve({ platform: "telegram", chatKey: "g1", chatKind: "group", maxAheadMs: 5000 });
    expect(blocked).toMatchObject({ ok: false, reason: "chat-blocked" });
    if (blocked.ok) return;
    expect(blocked.retryInMs).toBeGreaterThan(150);
    expect(blocked.retryInMs).toBeLessThanOrEqual(200);
    expectOk(await limiter.reserve({ platform: "telegram", chatKey: "g2", chatKind: "group", maxAheadMs: 5000 }));

    await sleep(blocked.retryInMs + 5);
    expectOk(await limiter.reserve({ platform: "telegram", chatKey: "g1", chatKind: "group", maxAheadMs: 5000 }));
  });

  it("grants no platform slot before a platform block ends", async () => {
    await limiter.blockPlatform({ platform: "telegram", ms: 500 });
    const refused = await limiter.reserve({ platform: "telegram", chatKey: "g1", chatKind: "group", maxAheadMs: 100 });
    expect(refused).toMatchObject({ ok: false, reason: "platform-blocked" });
    if (refused.ok) return;
    expect(refused.retryInMs).toBeGreaterThan(350);
    expect(refused.retryInMs).toBeLessThanOrEqual(400);

    const first = expectOk(await limiter.reserve({ platform: "telegram", chatKey: "g1", chatKind: "group", maxAheadMs: 1000 }));
    expect(first.sendAtMs - first.nowMs).toBeGreaterThan(450);
    expect(first.sendAtMs - first.nowMs).toBeLessThanOrEqual(500);
    const second = expectOk(await limiter.reserve({ platform: "telegram", chatKey: "g2", chatKind: "group", maxAheadMs: 1000 }));
    expect(second.sendAtMs - first.sendAtMs).toBeGreaterThanOrEqual(intervalMs - floatSlackMs);
    // Other platforms are not paused.
    const zalo = expectOk(await limiter.reserve({ platform: "zalo", chatKey: "g1", chatKind: "group", maxAheadMs: 0 }));
    expect(zalo.sendAtMs).toBe(zalo.nowMs);
  });

  it("keeps the documented key layout, with every key expiring once idle", async () => {
    await limiter.reserve({ platform: "telegram", chatKey: "-100:42", chatKind: "group", maxAheadMs: 0 });
    await limiter.blockChat({ platform: "telegram", chatKey: "-100:42", ms: 1000 });
    await limiter.blockPlatform({ platform: "telegram", ms: 1000 });
    const base = `${prefix}:rl:telegram`;
    const keys = await keysUnder(prefix);
    expect(keys.sort()).toEqual([`${base}:block`, `${base}:chatblock:-100:42`, `${base}:chatlog:-100:42`, `${base}:next`]);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it("rejects an unknown platform", async () => {
    await expect(
      limiter.reserve({ platform: "signal", chatKey: "x", chatKind: "group", maxAheadMs: 0 }),
    ).rejects.toThrow(/signal/);
  });
});
