import { describe, expect, it } from "vitest";
import { afterQuietHours, parseQuietHours, quietUntil } from "../../src/core/quiet-hours.js";

const TZ = "Asia/Ho_Chi_Minh"; // UTC+7, no daylight saving
const local = (iso: string) => new Date(`${iso}+07:00`);

describe("QUIET_HOURS", () => {
  it("reads a window, `off`, and refuses nonsense", () => {
    expect(parseQuietHours("21:00-07:00")).toEqual({ from: 1260, to: 420 });
    expect(parseQuietHours("22:30 – 6:15")).toEqual({ from: 1350, to: 375 });
    expect(parseQuietHours("off")).toBeNull();
    for (const bad of ["", "21-07", "25:00-07:00", "07:00-07:00"]) expect(parseQuietHours(bad)).toBeUndefined();
  });

  it("gives the end of a window that wraps midnight, and nothing outside it", () => {
    const quiet = parseQuietHours("21:00-07:00") ?? null;
    expect(quietUntil(local("2026-12-07T23:10:30"), quiet, TZ)).toEqual(local("2026-12-08T07:00:00"));
    expect(quietUntil(local("2026-12-08T06:59:59"), quiet, TZ)).toEqual(local("2026-12-08T07:00:00"));
    expect(quietUntil(local("2026-12-08T07:00:00"), quiet, TZ)).toBeNull();
    expect(quietUntil(local("2026-12-08T20:59:00"), quiet, TZ)).toBeNull();
    expect(afterQuietHours(local("2026-12-08T12:00:00"), quiet, TZ)).toEqual(local("2026-12-08T12:00:00"));
    expect(quietUntil(local("2026-12-07T23:10:30"), null, TZ)).toBeNull();
  });

  it("handles a window within one day", () => {
    const quiet = parseQuietHours("12:00-13:30") ?? null;
    expect(quietUntil(local("2026-12-08T12:45:00"), quiet, TZ)).toEqual(local("2026-12-08T13:30:00"));
    expect(quietUntil(local("2026-12-08T13:30:00"), quiet, TZ)).toBeNull();
  });
});
