import { describe, expect, it } from "vitest";
import { RedisClock } from "../../src/queue/redis-clock.js";

describe("RedisClock", () => {
  it("takes the offset from the reply that waited least, so a slow reply does not shift slots", () => {
    // Redis runs 500 ms ahead of this process; replies reach JavaScript 1, 40 and 3 ms late.
    const clock = new RedisClock();
    clock.observe(10_500, 10_001);
    clock.observe(11_500, 11_040);
    clock.observe(12_500, 12_003);
    expect(clock.toLocal(20_500)).toBe(20_001);
    expect(clock.toRedis(20_001)).toBe(20_500);
  });

  it("never plans a send before the true moment, and forgets old estimates to follow drift", () => {
    const clock = new RedisClock(1_000);
    clock.observe(10_500, 10_002);
    // The true offset is 500: a local plan is never earlier than the true moment.
    expect(clock.toLocal(11_500)).toBeGreaterThanOrEqual(11_000);
    // Two epochs later the Redis clock has moved 30 ms further ahead: the estimate follows.
    clock.observe(12_530, 12_001);
    clock.observe(13_530, 13_001);
    expect(clock.toLocal(14_530)).toBe(14_001);
  });

  it("reads Redis time as local time before any reply", () => {
    expect(new RedisClock().toLocal(1234)).toBe(1234);
  });
});
