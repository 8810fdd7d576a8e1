/**
 * The fake's flood control with the limits left out (`limits: {}`, as the benchmarks and the
 * many-process test run it) is Telegram's: 30 sends in any second bot-wide, 20 per group in any
 * minute, 1 per private chat per second — measured on arrival, a refused send not counted. Sends
 * flagged `allow_paid_broadcast`: 1,000 a second, 0.1 Star each beyond the regular 30.
 */
import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/sandbox/fake-telegram/rate-limiter.js";

const GROUP = -100;
const T0 = 1_000_000;

describe("Telegram's limits by default", () => {
  it("refuses the 31st send in a second, the 21st to a group in a minute, a 2nd to a private chat in a second", () => {
    const limiter = new RateLimiter({});
    for (let i = 0; i < 20; i++) expect(limiter.admit(GROUP, T0 + i)).toEqual({ ok: true, billed: false });
    expect(limiter.admit(GROUP, T0 + 20)).toEqual({ ok: false, retryAfter: 60 });
    for (let chat = 1; chat <= 10; chat++)
      expect(limiter.admit(chat, T0 + 30 + chat)).toEqual({ ok: true, billed: false });
    // 30 sends in this second: the next one, to anyone, waits.
    expect(limiter.admit(11, T0 + 50)).toEqual({ ok: false, retryAfter: 1 });
    // A second later the bot-wide window has room; the private chat takes one again, the group not yet.
    expect(limiter.admit(1, T0 + 1_031)).toEqual({ ok: true, billed: false });
    expect(limiter.admit(1, T0 + 1_500)).toEqual({ ok: false, retryAfter: 1 });
    expect(limiter.admit(GROUP, T0 + 30_000).ok).toBe(false);
    expect(limiter.admit(GROUP, T0 + 60_000)).toEqual({ ok: true, billed: false });
  });
});

describe("paid broadcasts (allow_paid_broadcast)", () => {
  it("takes 1,000 flagged sends a second, billing those beyond 30, apart from the unflagged 30/s", () => {
    const limiter = new RateLimiter({});
    limiter.setStars(100);
    const results = Array.from({ length: 1000 }, (_, i) => limiter.admit(-(1000 + i), T0 + i / 2, true));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.billed)).toHaveLength(970);
    expect(limiter.stars).toBeCloseTo(100 - 97, 5);
    expect(limiter.admit(-5000, T0 + 600, true)).toEqual({ ok: false, retryAfter: 1 });
    // Unflagged sends have their own 30 a second.
    for (let i = 0; i < 30; i++) expect(limiter.admit(-(6000 + i), T0 + 700 + i, false).ok).toBe(true);
    expect(limiter.admit(-7000, T0 + 800, false)).toEqual({ ok: false, retryAfter: 1 });
    // The per-group window counts both: 20 in a minute, flagged or not.
    for (let i = 0; i < 10; i++) expect(limiter.admit(GROUP, T0 + 2000 + i * 40, i % 2 === 0).ok).toBe(true);
  });

  it("refuses a flagged send the Stars balance cannot pay, and only that one", () => {
    const limiter = new RateLimiter({});
    limiter.setStars(0);
    for (let i = 0; i < 30; i++) expect(limiter.admit(-(1000 + i), T0 + i, true)).toEqual({ ok: true, billed: false });
    expect(limiter.admit(-2000, T0 + 40, true)).toEqual({ ok: false, starsShort: true });
    limiter.setStars(5, 4.9);
    expect(limiter.admit(-2000, T0 + 41, true)).toEqual({ ok: true, billed: true });
    expect(limiter.admit(-2001, T0 + 42, true)).toEqual({ ok: false, starsShort: true });
  });
});
