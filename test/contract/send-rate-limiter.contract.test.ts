/**
 * One contract for the send limiter's store (SendSlotStore): the same cases, through the same
 * SendRateLimiter, against Redis (Lua scripts) and PostgreSQL alone (functions under an advisory
 * lock). Each checks what the fake Telegram server would have answered: no 429, at Telegram's rate.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  IN_FLIGHT_MS,
  SendRateLimiter,
  WINDOW_MARGIN_MS,
  telegramLimits,
  zaloLimits,
  type ChatKind,
  type ReserveResult,
} from "../../src/queue/rate-limiter.js";
import type { SendSlotStore } from "../../src/queue/send-slot-store.js";
import { backends, testRedisUrl } from "../support/backends.js";
import {
  drivers,
  expectOk,
  fakeTelegram429s,
  gapsBetween,
  type Send,
  type StoreDriver,
} from "./support/send-limits.js";

const spacingMs = telegramLimits.platform.minSpacingMs;
const { max: platformMax, windowMs: platformWindowMs } = telegramLimits.platform;
/** How long after the platformMax-th latest send (still in flight) the next slot comes. */
const inFlightWindowMs = platformWindowMs + WINDOW_MARGIN_MS + IN_FLIGHT_MS;
// Slots are integer µs in the store; as float ms (~1.7e12) they carry ~0.0002 ms of rounding error.
const floatSlackMs = 0.001;

for (const { backend, title, skip } of backends) {
  describe.skipIf(skip)(`SendRateLimiter on ${title}`, () => {
    let driver: StoreDriver;
    let prefix = "";
    let limiter: SendRateLimiter;

    function makeLimiter(store: SendSlotStore): SendRateLimiter {
      return new SendRateLimiter({ store, platforms: { telegram: telegramLimits, zalo: zaloLimits } });
    }

    beforeAll(async () => {
      driver = await drivers[backend]();
    });

    beforeEach(() => {
      prefix = `keng-test:rate-limiter:${randomUUID()}`;
      limiter = makeLimiter(driver.store(prefix));
    });

    afterEach(async () => {
      await limiter.reset();
      expect(await driver.leftovers(prefix)).toEqual([]);
    });

    afterAll(async () => {
      await driver?.close();
    });

    it("lets one message per 1.3 s into a private chat", async () => {
      const chat = { platform: "telegram", chatKey: "p1", chatKind: "private" as const, maxAheadMs: 5000 };
      // performance.now(): Date.now() counts whole milliseconds and can miss most of one that the store saw pass.
      const startedAt = performance.now();
      expectOk(await limiter.reserve(chat));
      const second = await limiter.reserve(chat);
      // The wait is the window less what passed between the two calls (a busy machine lets more pass).
      const elapsedMs = performance.now() - startedAt;
      expect(second).toMatchObject({ ok: false, reason: "chat-window" });
      if (second.ok) return;
      expect(second.retryInMs).toBeGreaterThanOrEqual(1300 - elapsedMs - floatSlackMs);
      expect(second.retryInMs).toBeLessThanOrEqual(1300);
    });

    it("lets 20 messages per 60.3 s into a group, spaced by the minimum spacing", async () => {
      const chat = { platform: "telegram", chatKey: "g1", chatKind: "group" as const, maxAheadMs: 10_000 };
      const slots: number[] = [];
      const startedAt = performance.now();
      for (let i = 0; i < 20; i++) slots.push(expectOk(await limiter.reserve(chat)).sendAtMs);
      for (const gap of gapsBetween(slots)) expect(gap).toBeGreaterThanOrEqual(spacingMs - floatSlackMs);

      const refused = await limiter.reserve(chat);
      expect(refused).toMatchObject({ ok: false, reason: "chat-window" });
      if (refused.ok) return;
      // The first slot leaves the window 60.3 s after it was granted, less what passed since.
      expect(refused.retryInMs).toBeGreaterThanOrEqual(60_300 - (performance.now() - startedAt) - floatSlackMs);
      expect(refused.retryInMs).toBeLessThanOrEqual(60_300);
    });

    it("spaces the bot-wide sends and refuses beyond maxAheadMs without consuming", async () => {
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          limiter.reserve({ platform: "telegram", chatKey: `g${i}`, chatKind: "group", maxAheadMs: 1000 }),
        ),
      );
      const granted = results.flatMap((r, i) =>
        r.ok ? [{ chatKey: `g${i}`, chatKind: "group" as const, atMs: r.sendAtMs }] : [],
      );
      // 30 slots fit in the first second, never a 31st: the next waits for the first to have arrived
      // a second ago (its slot plus the in-flight allowance), and only a call that reached the store
      // late enough to see that slot within maxAheadMs gets it.
      const slots = granted.map((s) => s.atMs).sort((a, b) => a - b);
      const firstSlot = slots[0] ?? 0;
      expect(granted.length).toBeGreaterThanOrEqual(platformMax);
      expect(slots.filter((at) => at < firstSlot + platformWindowMs)).toHaveLength(platformMax);
      expect(
        slots.filter((at) => at >= firstSlot + platformWindowMs && at < firstSlot + inFlightWindowMs - floatSlackMs),
      ).toEqual([]);
      for (const r of results) if (r.ok) expect(r.sendAtMs - r.nowMs).toBeLessThanOrEqual(1000);
      for (const r of results) if (!r.ok) expect(r).toMatchObject({ reason: "global-rate" });

      for (const gap of gapsBetween(granted.map((s) => s.atMs)))
        expect(gap).toBeGreaterThanOrEqual(spacingMs - floatSlackMs);
      expect(fakeTelegram429s(granted)).toEqual([]);
      // Refusals consumed nothing: the next slot comes a window after the 30th latest send may have
      // arrived (its slot plus the in-flight allowance), or the spacing after the newest if later...
      const inTimeOrder = results
        .filter((r): r is Extract<ReserveResult, { ok: true }> => r.ok)
        .sort((a, b) => a.sendAtMs - b.sendAtMs);
      const first = inTimeOrder[inTimeOrder.length - platformMax];
      const newest = inTimeOrder[inTimeOrder.length - 1];
      if (!first || !newest) throw new Error("no slot granted");
      const afterNewest = newest.sendAtMs + spacingMs;
      const next = expectOk(
        await limiter.reserve({ platform: "telegram", chatKey: "late", chatKind: "group", maxAheadMs: 5000 }),
      );
      expect(next.sendAtMs).toBeCloseTo(Math.max(first.sendAtMs + inFlightWindowMs, afterNewest), 1);
      await limiter.release(next.slot);
      // ...or, once its answer is back, a window after the answer (less half the round trip, 3 ms).
      await limiter.confirm(first.slot, {
        sentAtLocalMs: first.sendAtLocalMs,
        answeredAtLocalMs: first.sendAtLocalMs + 3,
      });
      const anchored = expectOk(
        await limiter.reserve({ platform: "telegram", chatKey: "late", chatKind: "group", maxAheadMs: 5000 }),
      );
      expect(anchored.sendAtMs).toBeGreaterThan(
        Math.max(first.sendAtMs + platformWindowMs + 3, afterNewest - floatSlackMs),
      );
      // (The store's clock is read through replies that may wait in a busy event loop: the estimate of its
      // offset can improve between the two calls by a few ms, hence the slack.)
      expect(anchored.sendAtMs).toBeLessThan(
        Math.max(first.sendAtMs + platformWindowMs + 3 + WINDOW_MARGIN_MS + 20, afterNewest + floatSlackMs),
      );
    });

    it("keeps 4 processes under every Telegram limit while sustaining ≥ 27 sends/s", async () => {
      // 120 sends: 94 groups once, one group 20 times, two private chats 3 times each.
      const jobs: Omit<Send, "atMs">[] = [];
      for (let i = 0; i < 20; i++) jobs.push({ chatKey: "busy-group", chatKind: "group" });
      for (let i = 0; i < 3; i++)
        jobs.push({ chatKey: "p1", chatKind: "private" }, { chatKey: "p2", chatKind: "private" });
      for (let i = 0; jobs.length < 120; i++) jobs.push({ chatKey: `g${i}`, chatKind: "group" });

      const processes = Array.from({ length: 4 }, () => driver.openSeparate(prefix));
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
        await Promise.all(processes.flatMap((p) => Array.from({ length: 4 }, () => work(makeLimiter(p.store)))));
      } finally {
        await Promise.all(processes.map((p) => p.close()));
      }

      expect(sends).toHaveLength(120);
      const times = sends.map((s) => s.atMs);
      expect(new Set(times).size).toBe(120);
      for (const gap of gapsBetween(times)) expect(gap).toBeGreaterThanOrEqual(spacingMs - floatSlackMs);
      // Requests reach the fake a few ms after their slot: jitter them and check as it would.
      const arrivals = sends.map((s) => ({ ...s, atMs: s.atMs + Math.random() * 5 }));
      expect(fakeTelegram429s(arrivals)).toEqual([]);
      const spanS = (Math.max(...times) - Math.min(...times)) / 1000;
      expect((times.length - 1) / spanS).toBeGreaterThanOrEqual(27);
    }, 20_000);

    it("anchors on answers over a slow link: the way back does not count, a delay on the way does", async () => {
      // Round trips of 200 ms (100 ms each way): the window counts from 100 ms after each slot.
      const reserveWindow = async (tag: string) => {
        const slots = [];
        for (let i = 0; i < platformMax; i++)
          slots.push(
            expectOk(
              await limiter.reserve({
                platform: "telegram",
                chatKey: `${tag}${i}`,
                chatKind: "group",
                maxAheadMs: 5000,
              }),
            ),
          );
        return slots;
      };
      const answer = (s: Extract<ReserveResult, { ok: true }>, afterMs: number) =>
        limiter.confirm(s.slot, { sentAtLocalMs: s.sendAtLocalMs, answeredAtLocalMs: s.sendAtLocalMs + afterMs });
      const first = await reserveWindow("a");
      for (const s of first) await answer(s, 200);
      const next = await reserveWindow("b");
      const gap = (next[0]?.sendAtMs ?? 0) - (first[0]?.sendAtMs ?? 0);
      expect(gap).toBeGreaterThan(platformWindowMs + 100);
      expect(gap).toBeLessThan(platformWindowMs + 100 + WINDOW_MARGIN_MS + 20);
      // A hiccup holds this second's sends up on the way (answered after 700 ms): they may all have
      // arrived 600 ms late, so the next second waits for them.
      for (const s of next) await answer(s, 700);
      const after = expectOk(
        await limiter.reserve({ platform: "telegram", chatKey: "c0", chatKind: "group", maxAheadMs: 5000 }),
      );
      expect(after.sendAtMs - (next[0]?.sendAtMs ?? 0)).toBeGreaterThan(platformWindowMs + 600);
    });

    it("forgets a released slot: the platform window and the chat's window have room again", async () => {
      const chat = { platform: "telegram", chatKey: "p1", chatKind: "private" as const, maxAheadMs: 5000 };
      const slots = [];
      slots.push(expectOk(await limiter.reserve(chat)));
      for (let i = 1; i < platformMax; i++)
        slots.push(expectOk(await limiter.reserve({ ...chat, chatKey: `g${i}`, chatKind: "group" })));
      // The window is full: the next slot would wait for the first one to leave it.
      const full = expectOk(await limiter.reserve({ ...chat, chatKey: "probe", chatKind: "group" }));
      expect(full.sendAtMs - (slots[0]?.sendAtMs ?? 0)).toBeCloseTo(inFlightWindowMs, 1);
      await limiter.release(full.slot);
      // The private chat's slot is given back: the chat takes a message again, and the platform's
      // window counts one send fewer, so the next slot only waits for the minimum spacing.
      await limiter.release((slots[0] ?? full).slot);
      const again = expectOk(await limiter.reserve(chat));
      const newest = Math.max(...slots.slice(1).map((s) => s.sendAtMs));
      expect(again.sendAtMs - newest).toBeCloseTo(spacingMs, 1);
    });

    it("catches up the slots of a stalled second without a burst or a crowded window", async () => {
      // A second's worth of slots; ten jobs slept through a stall and gave theirs back.
      const reserve = (chatKey: string) =>
        limiter.reserve({ platform: "telegram", chatKey, chatKind: "group", maxAheadMs: 5000 });
      const first = [];
      for (let i = 0; i < platformMax; i++) first.push(expectOk(await reserve(`a${i}`)));
      for (const s of first.slice(5, 15)) await limiter.release(s.slot);
      const kept = [...first.slice(0, 5), ...first.slice(15)];
      const newestKept = Math.max(...kept.map((s) => s.sendAtMs));
      const more = [];
      for (let i = 0; i < 40; i++) more.push(expectOk(await reserve(`b${i}`)));
      // The ten freed places are taken at once, at the minimum spacing: had the slots stayed taken,
      // the first new one would have waited for the window (a second after the first send arrived).
      more.slice(0, 10).forEach((s, i) => expect(s.sendAtMs - newestKept).toBeCloseTo((i + 1) * spacingMs, 1));
      expect((more[0]?.sendAtMs ?? 0) - (first[0]?.sendAtMs ?? 0)).toBeLessThan(inFlightWindowMs - 100);
      const sends = [...kept, ...more].map((s, i) => ({
        chatKey: `s${i}`,
        chatKind: "group" as const,
        atMs: s.sendAtMs,
      }));
      expect(fakeTelegram429s(sends)).toEqual([]);
      for (const gap of gapsBetween(sends.map((s) => s.atMs)))
        expect(gap).toBeGreaterThanOrEqual(spacingMs - floatSlackMs);
    });

    it("refuses a blocked chat until the block ends, without touching other chats", async () => {
      const startedAt = performance.now();
      await limiter.blockChat({ platform: "telegram", chatKey: "g1", ms: 200 });
      const blocked = await limiter.reserve({
        platform: "telegram",
        chatKey: "g1",
        chatKind: "group",
        maxAheadMs: 5000,
      });
      expect(blocked).toMatchObject({ ok: false, reason: "chat-blocked" });
      if (blocked.ok) return;
      // The block's rest: 200 ms less what passed since it was set.
      expect(blocked.retryInMs).toBeGreaterThanOrEqual(200 - (performance.now() - startedAt) - floatSlackMs);
      expect(blocked.retryInMs).toBeLessThanOrEqual(200);
      expectOk(await limiter.reserve({ platform: "telegram", chatKey: "g2", chatKind: "group", maxAheadMs: 5000 }));

      await sleep(blocked.retryInMs + 5);
      expectOk(await limiter.reserve({ platform: "telegram", chatKey: "g1", chatKind: "group", maxAheadMs: 5000 }));
    });

    it("grants no platform slot before a platform block ends", async () => {
      const startedAt = performance.now();
      await limiter.blockPlatform({ platform: "telegram", ms: 500 });
      const refused = await limiter.reserve({
        platform: "telegram",
        chatKey: "g1",
        chatKind: "group",
        maxAheadMs: 100,
      });
      expect(refused).toMatchObject({ ok: false, reason: "platform-blocked" });
      if (refused.ok) return;
      // The block's rest less maxAheadMs; the block's rest is 500 ms less what passed since it was set.
      expect(refused.retryInMs).toBeGreaterThanOrEqual(400 - (performance.now() - startedAt) - floatSlackMs);
      expect(refused.retryInMs).toBeLessThanOrEqual(400);

      const first = expectOk(
        await limiter.reserve({ platform: "telegram", chatKey: "g1", chatKind: "group", maxAheadMs: 1000 }),
      );
      expect(first.sendAtMs - first.nowMs).toBeGreaterThanOrEqual(500 - (performance.now() - startedAt) - floatSlackMs);
      expect(first.sendAtMs - first.nowMs).toBeLessThanOrEqual(500);
      const second = expectOk(
        await limiter.reserve({ platform: "telegram", chatKey: "g2", chatKind: "group", maxAheadMs: 1000 }),
      );
      expect(second.sendAtMs - first.sendAtMs).toBeGreaterThanOrEqual(spacingMs - floatSlackMs);
      // Other platforms are not paused.
      const zalo = expectOk(
        await limiter.reserve({ platform: "zalo", chatKey: "g1", chatKind: "group", maxAheadMs: 0 }),
      );
      expect(zalo.sendAtMs).toBe(zalo.nowMs);
    });

    it.runIf(backend === "redis")("keeps the documented key layout, with every key expiring once idle", async () => {
      await limiter.reserve({ platform: "telegram", chatKey: "-100:42", chatKind: "group", maxAheadMs: 0 });
      await limiter.blockChat({ platform: "telegram", chatKey: "-100:42", ms: 1000 });
      await limiter.blockPlatform({ platform: "telegram", ms: 1000 });
      const base = `${prefix}:rl:telegram`;
      const keys = await driver.leftovers(prefix);
      expect(keys.sort()).toEqual([
        `${base}:block`,
        `${base}:chatblock:-100:42`,
        `${base}:chatlog:-100:42`,
        `${base}:newest`,
        `${base}:sent`,
      ]);
      const redis = new Redis(testRedisUrl);
      try {
        for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
      } finally {
        await redis.quit();
      }
    });

    it.runIf(backend === "postgres")(
      "keeps the documented tables, deleting a chat's rows once they leave its window",
      async () => {
        const reserve = (chatKey: string, chatKind: ChatKind) =>
          limiter.reserve({ platform: "telegram", chatKey, chatKind, maxAheadMs: 5000 });
        expectOk(await reserve("p1", "private"));
        expectOk(await reserve("-100:42", "group"));
        await limiter.blockChat({ platform: "telegram", chatKey: "p1", ms: 200 });
        await limiter.blockPlatform({ platform: "telegram", ms: 1 });
        const scope = `${prefix}:telegram`;
        const rows = await driver.leftovers(prefix);
        expect(rows.filter((r) => !r.startsWith("slot ")).sort()).toEqual([
          `chat block ${scope} p1`,
          `chat slot ${scope} -100:42`,
          `chat slot ${scope} p1`,
          `platform ${scope}`,
        ]);
        expect(rows.filter((r) => r.startsWith("slot "))).toHaveLength(2);
        // The private chat's window (1.3 s) and its block pass: the next reservation deletes their rows.
        await sleep(telegramLimits.chatWindows.private.windowMs + 50);
        expectOk(await reserve("g-other", "group"));
        const left = await driver.leftovers(prefix);
        expect(left).not.toContain(`chat slot ${scope} p1`);
        expect(left).not.toContain(`chat block ${scope} p1`);
        expect(left).toContain(`chat slot ${scope} -100:42`);
      },
    );

    it("rejects an unknown platform", async () => {
      await expect(
        limiter.reserve({ platform: "signal", chatKey: "x", chatKind: "group", maxAheadMs: 0 }),
      ).rejects.toThrow(/signal/);
    });
  });
}
