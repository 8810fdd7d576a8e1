/**
 * The send limiter's paid window (Telegram's `allow_paid_broadcast`, issue 20), one contract for
 * both stores: a second bot-wide window of 1,000/s apart from the regular 30/s, while the per-chat
 * windows and the bot-wide block stay shared by both.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SendRateLimiter, telegramLimits, zaloLimits } from "../../src/queue/rate-limiter.js";
import { backends } from "../support/backends.js";
import { drivers, expectOk, gapsBetween, type StoreDriver } from "./support/send-limits.js";

const paid = telegramLimits.paid ?? { max: 0, windowMs: 0, minSpacingMs: 0 };
// Slots are integer µs in the store; as float ms (~1.7e12) they carry ~0.0002 ms of rounding error.
const floatSlackMs = 0.001;

/** At most `max` times in any `windowMs` (the fake Telegram's rule). */
function fitsWindow(times: number[], max: number, windowMs: number): boolean {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.every((t, i) => i < max || t - (sorted[i - max] ?? 0) >= windowMs);
}

for (const { backend, title, skip } of backends) {
  describe.skipIf(skip)(`SendRateLimiter's paid window on ${title}`, () => {
    let driver: StoreDriver;
    let prefix = "";
    let limiter: SendRateLimiter;

    beforeAll(async () => {
      driver = await drivers[backend]();
    });

    beforeEach(() => {
      prefix = `keng-test:paid-window:${randomUUID()}`;
      limiter = new SendRateLimiter({
        store: driver.store(prefix),
        platforms: { telegram: telegramLimits, zalo: zaloLimits },
      });
    });

    afterEach(async () => {
      await limiter.reset();
      expect(await driver.leftovers(prefix)).toEqual([]);
    });

    afterAll(async () => {
      await driver?.close();
    });

    const group = (chatKey: string, window: "paid" | "regular") => ({
      platform: "telegram",
      chatKey,
      chatKind: "group" as const,
      maxAheadMs: 1000,
      window,
    });

    it("grants 300 groups paid slots at most a third of a second ahead, leaving the regular window free", async () => {
      const slots = (
        await Promise.all(Array.from({ length: 300 }, (_, i) => limiter.reserve(group(`g${i}`, "paid"))))
      ).map(expectOk);
      const times = slots.map((s) => s.sendAtMs);
      // However fast the calls reach the store, none waits behind more than the 300 paid slots' spacing.
      for (const s of slots) expect(s.sendAtMs - s.nowMs).toBeLessThan(300 * paid.minSpacingMs + floatSlackMs);
      for (const gap of gapsBetween(times)) expect(gap).toBeGreaterThanOrEqual(paid.minSpacingMs - floatSlackMs);
      expect(fitsWindow(times, paid.max, paid.windowMs)).toBe(true);
      // The regular window saw none of them: a regular send goes at once, and 30 fit in its second.
      const regular = await Promise.all(
        Array.from({ length: 40 }, (_, i) => limiter.reserve(group(`r${i}`, "regular"))),
      );
      const granted = regular.flatMap((r) => (r.ok ? [r] : []));
      // At once: the first regular slot waits less than the platform's own spacing between two sends.
      expect(Math.min(...granted.map((r) => r.sendAtMs - r.nowMs))).toBeLessThan(telegramLimits.platform.minSpacingMs);
      const regularTimes = granted.map((r) => r.sendAtMs);
      expect(fitsWindow(regularTimes, telegramLimits.platform.max, telegramLimits.platform.windowMs)).toBe(true);
      expect(regular.filter((r) => !r.ok)).not.toHaveLength(0);
    });

    it("counts paid and regular sends to one group in the same per-chat window", async () => {
      for (let i = 0; i < 10; i++) expectOk(await limiter.reserve(group("shared", "paid")));
      for (let i = 0; i < 10; i++) expectOk(await limiter.reserve(group("shared", "regular")));
      expect(await limiter.reserve(group("shared", "paid"))).toMatchObject({ ok: false, reason: "chat-window" });
      expect(await limiter.reserve(group("shared", "regular"))).toMatchObject({ ok: false, reason: "chat-window" });
    });

    it("gives back a paid slot to the paid window and the chat, and confirms it there", async () => {
      const a = expectOk(await limiter.reserve(group("a", "paid")));
      const b = expectOk(await limiter.reserve(group("b", "paid")));
      expect(b.slot.window).toBe("paid");
      await limiter.confirm(a.slot, { sentAtLocalMs: a.sendAtLocalMs, answeredAtLocalMs: a.sendAtLocalMs + 2 });
      await limiter.release(b.slot);
      // The newest paid slot was given back: the next one is spaced from `a` (or now), not from `b`.
      const c = expectOk(await limiter.reserve(group("b", "paid")));
      expect(c.sendAtMs).toBeCloseTo(Math.max(c.nowMs, a.sendAtMs + paid.minSpacingMs), 1);
      for (let i = 1; i < 20; i++) expectOk(await limiter.reserve(group("b", "regular")));
      expect(await limiter.reserve(group("b", "paid"))).toMatchObject({ ok: false, reason: "chat-window" });
    });

    it("holds paid sends too while the platform is blocked (a bot-wide 429)", async () => {
      await limiter.blockPlatform({ platform: "telegram", ms: 3000 });
      expect(await limiter.reserve(group("g", "paid"))).toMatchObject({ ok: false, reason: "platform-blocked" });
    });

    it("refuses a paid slot on a platform without a paid window", async () => {
      await expect(
        limiter.reserve({ platform: "zalo", chatKey: "z", chatKind: "group", maxAheadMs: 1000, window: "paid" }),
      ).rejects.toThrow(/no paid window/);
    });
  });
}
