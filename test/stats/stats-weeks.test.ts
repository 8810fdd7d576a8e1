import { describe, expect, it } from "vitest";
import { MAX_COLUMNS, statsWeeks, weekFigures } from "../../src/modules/stats/stats-weeks.js";

const TZ = "Asia/Ho_Chi_Minh";

describe("statsWeeks", () => {
  it("cuts a month into weeks from its first local day, the last one short", () => {
    const weeks = statsWeeks({
      fromDay: { year: 2026, month: 10, day: 1 },
      toDay: { year: 2026, month: 10, day: 31 },
      timeZone: TZ,
    });
    expect(weeks.daysPerColumn).toBe(7);
    expect(weeks.starts.map((d) => d.day)).toEqual([1, 8, 15, 22, 29]);
    expect(weeks.edges.map((d) => d.toISOString())).toEqual([
      "2026-09-30T17:00:00.000Z",
      "2026-10-07T17:00:00.000Z",
      "2026-10-14T17:00:00.000Z",
      "2026-10-21T17:00:00.000Z",
      "2026-10-28T17:00:00.000Z",
      "2026-10-31T17:00:00.000Z",
    ]);
  });

  it(`gives a long period at most ${MAX_COLUMNS} columns of whole weeks`, () => {
    const weeks = statsWeeks({
      fromDay: { year: 2025, month: 1, day: 1 },
      toDay: { year: 2026, month: 12, day: 31 },
      timeZone: TZ,
    });
    expect(weeks.starts.length).toBeLessThanOrEqual(MAX_COLUMNS);
    expect(weeks.daysPerColumn % 7).toBe(0);
    expect(weeks.edges).toHaveLength(weeks.starts.length + 1);
    const one = statsWeeks({
      fromDay: { year: 2026, month: 11, day: 3 },
      toDay: { year: 2026, month: 11, day: 3 },
      timeZone: TZ,
    });
    expect([one.starts.length, one.edges[1]?.toISOString()]).toEqual([1, "2026-11-03T17:00:00.000Z"]);
  });
});

describe("weekFigures", () => {
  it("counts the store's rows into their columns, with day/month labels", () => {
    const weeks = statsWeeks({
      fromDay: { year: 2026, month: 10, day: 1 },
      toDay: { year: 2026, month: 10, day: 14 },
      timeZone: TZ,
    });
    const figures = weekFigures(weeks, {
      tips: [
        { bucket: 0, category: "matuy", count: 2 },
        { bucket: 1, category: "khac", count: 1 },
        { bucket: 1, category: "unknown", count: 9 },
      ],
      alerts: [{ bucket: 1, alerts: 2, reached: 6, acked: 3 }],
    });
    expect(figures).toEqual([
      { label: "01/10", tips: { matuy: 2 }, alerts: 0, groupsReached: 0, groupsAcked: 0 },
      { label: "08/10", tips: { khac: 1 }, alerts: 2, groupsReached: 6, groupsAcked: 3 },
    ]);
  });
});
