/**
 * The fake's flood control with the limits left out (`limits: {}`, as the benchmarks and the
 * many-process test run it) is Telegram's: 30 sends in any second bot-wide, 20 per group in any
 * minute, 1 per private chat per second — measured on arrival, a refused send not counted.
 */
import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/sandbox/fake-telegram/rate-limiter.js";

const GROUP = -100;
const T0 = 1_000_000;

describe("Telegram's limits by default", () => {
  it("refuses the 31st send in a second, the 21st to a group in a minute, a 2nd to a private chat in a second", () => {
    const limiter = new RateLimiter({});
    for (let i = 0; i < 20; i++) expect(limiter.admit(GROUP, T0 + i)).toEqual({ ok: true });
    expect(limiter.admit(GROUP, T0 + 20)).toEqual({ ok: false, retryAfter: 60 });
    for (let chat = 1; chat <= 10; chat++) expect(limiter.admit(chat, T0 + 30 + chat)).toEqual({ ok: true });
    // 30 sends in this second: the next one, to anyone, waits.
    expect(limiter.admit(11, T0 + 50)).toEqual({ ok: false, retryAfter: 1 });
    // A second later the bot-wide window has room; the private chat takes one again, the group not yet.
    expect(limiter.admit(1, T0 + 1_031)).toEqual({ ok: true });
    expect(limiter.admit(1, T0 + 1_500)).toEqual({ ok: false, retryAfter: 1 });
    expect(limiter.admit(GROUP, T0 + 30_000).ok).toBe(false);
    expect(limiter.admit(GROUP, T0 + 60_000)).toEqual({ ok: true });
  });
});
