import { describe, expect, it } from "vitest";
import { parseStatsArgs } from "../../src/modules/stats/stats-period.js";
import { formatRate } from "../../src/modules/stats/stats-report.js";

const TZ = "Asia/Ho_Chi_Minh";
/** 22:30 on 29/11/2026 in Hà Nội. */
const NOW = new Date("2026-11-29T15:30:00Z");

describe("parseStatsArgs", () => {
  it("defaults to the last 30 local days, today included", () => {
    const args = parseStatsArgs("", NOW, TZ);
    expect(args.ok && [args.areaCode, args.period.from.toISOString(), args.period.to.toISOString()]).toEqual([
      undefined,
      "2026-10-30T17:00:00.000Z",
      "2026-11-29T17:00:00.000Z",
    ]);
  });

  it("reads an area and days in either form, from the start of the first to the end of the last", () => {
    const args = parseStatsArgs("phuly.minhkhai 01/11/2026 2026-11-15", NOW, TZ);
    expect(args.ok && [args.areaCode, args.period.from.toISOString(), args.period.to.toISOString()]).toEqual([
      "phuly.minhkhai",
      "2026-10-31T17:00:00.000Z",
      "2026-11-15T17:00:00.000Z",
    ]);
    const one = parseStatsArgs("1/9/2026", NOW, TZ);
    expect(one.ok && [one.fromDay, one.toDay]).toEqual([
      { year: 2026, month: 9, day: 1 },
      { year: 2026, month: 11, day: 29 },
    ]);
  });

  it.each([
    ["31/02/2026", "date"],
    ["2026-13-01", "date"],
    ["2026-11-30 2026-11-01", "order"],
    ["01/11/2026 phuly", "usage"],
    ["phuly lamha", "usage"],
    ["2026-11-01 2026-11-02 2026-11-03", "usage"],
  ])("refuses %j (%s)", (input, error) => {
    expect(parseStatsArgs(input, NOW, TZ)).toEqual({ ok: false, error });
  });
});

describe("formatRate", () => {
  it("rounds to whole percent and shows a dash when there is nothing to divide by", () => {
    expect([formatRate(1, 3), formatRate(2, 3), formatRate(0, 0)]).toEqual(["33%", "67%", "—"]);
  });
});
