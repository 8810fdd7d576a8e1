/** COVERAGE_REPORT_AT and the week a weekly coverage report belongs to (Asia/Ho_Chi_Minh, UTC+7). */
import { describe, expect, it } from "vitest";
import { dueReportWeek, parseReportSchedule } from "../../src/modules/reports/report-schedule.js";

const TZ = "Asia/Ho_Chi_Minh";
const MONDAY_8 = { kind: "weekly", weekday: 1, hour: 8, minute: 0 } as const;
const DAY = 24 * 3_600_000;

describe("parseReportSchedule", () => {
  it("reads a weekday and a local time, in English or Vietnamese, or off", () => {
    expect(parseReportSchedule("mon 08:00")).toEqual(MONDAY_8);
    expect(parseReportSchedule("  Mon   8:00 ")).toEqual(MONDAY_8);
    expect(parseReportSchedule("t2 08:00")).toEqual(MONDAY_8);
    expect(parseReportSchedule("weekly@mon@08:00")).toEqual(MONDAY_8);
    expect(parseReportSchedule("cn 20:30")).toEqual({ kind: "weekly", weekday: 0, hour: 20, minute: 30 });
    expect(parseReportSchedule("off")).toEqual({ kind: "off" });
    for (const bad of ["", "monday", "mon 25:00", "daily@08:00", "mon", "08:00"])
      expect(parseReportSchedule(bad), bad).toBeUndefined();
  });
});

describe("dueReportWeek", () => {
  // Monday 30/11/2026 08:00 in Hà Nội is 01:00 UTC.
  const at = new Date("2026-11-30T01:00:00Z");
  const due = (now: Date) => dueReportWeek({ schedule: MONDAY_8, now, timeZone: TZ, lateMs: DAY });

  it("is due from the scheduled minute for a day, keyed by the local day", () => {
    expect(due(new Date(at.getTime() - 1000))).toBeUndefined();
    expect(due(at)).toEqual({ at, week: "2026-11-30" });
    expect(due(new Date(at.getTime() + DAY - 1000))?.week).toBe("2026-11-30");
    expect(due(new Date(at.getTime() + DAY + 1000))).toBeUndefined();
    expect(due(new Date(at.getTime() + 7 * DAY + 60_000))).toEqual({
      at: new Date(at.getTime() + 7 * DAY),
      week: "2026-12-07",
    });
  });

  it("never, when off", () => {
    expect(dueReportWeek({ schedule: { kind: "off" }, now: at, timeZone: TZ, lateMs: DAY })).toBeUndefined();
  });
});
