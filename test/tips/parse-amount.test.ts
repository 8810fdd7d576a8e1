import { describe, expect, it } from "vitest";
import { parseCount, parseDong } from "../../src/modules/tips/parse-amount.js";
import { formatDong } from "../../src/modules/tips/close-tip.js";

describe("amounts typed by officers", () => {
  it("reads đồng as Vietnamese write them", () => {
    expect(parseDong("5000000")).toBe(5_000_000n);
    expect(parseDong("5.000.000")).toBe(5_000_000n);
    expect(parseDong("5,000,000 đ")).toBe(5_000_000n);
    expect(parseDong("5 triệu")).toBe(5_000_000n);
    expect(parseDong("2,5tr")).toBe(2_500_000n);
    expect(parseDong("500k")).toBe(500_000n);
    expect(parseDong("1,2 tỷ")).toBe(1_200_000_000n);
    expect(parseDong("0")).toBe(0n);
  });

  it("refuses what is not an amount", () => {
    for (const input of ["", "nhiều", "5.00.000", "-5", "5 đô", "1e9", "99999999999999999"])
      expect(parseDong(input), input).toBeUndefined();
  });

  it("reads counts of people and formats đồng with dots", () => {
    expect(parseCount(" 3 ")).toBe(3);
    expect(parseCount("ba")).toBeUndefined();
    expect(parseCount("-1")).toBeUndefined();
    expect(formatDong(12_500_000n)).toBe("12.500.000");
    expect(formatDong(999n)).toBe("999");
  });
});
