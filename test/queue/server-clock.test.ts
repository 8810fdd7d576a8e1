import { describe, expect, it } from "vitest";
import { ServerClock } from "../../src/queue/server-clock.js";

describe("ServerClock", () => {
  it("takes the offset from the reply that waited least, so a slow reply does not shift slots", () => {
    // The server runs 500 ms ahead of this process; replies reach JavaScript 1, 40 and 3 ms late.
    const clock = new ServerClock();
    clock.observe(10_500, 10_001);
    clock.observe(11_500, 11_040);
    clock.observe(12_500, 12_003);
    expect(clock.toLocal(20_500)).toBe(20_001);
    expect(clock.toServer(20_001)).toBe(20_500);
  });

  it("never plans a send before the true moment, and forgets old estimates to follow drift", () => {
    const clock = new ServerClock(1_000);
    clock.observe(10_500, 10_002);
    // The true offset is 500: a local plan is never earlier than the true moment.
    expect(clock.toLocal(11_500)).toBeGreaterThanOrEqual(11_000);
    // Two epochs later the server's clock has moved 30 ms further ahead: the estimate follows.
    clock.observe(12_530, 12_001);
    clock.observe(13_530, 13_001);
    expect(clock.toLocal(14_530)).toBe(14_001);
  });

  it("reads server time as local time before any reply", () => {
    expect(new ServerClock().toLocal(1234)).toBe(1234);
  });
});
