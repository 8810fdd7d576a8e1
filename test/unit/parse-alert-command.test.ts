import { describe, expect, it } from "vitest";
import { parseAlertCommand } from "../../src/modules/alerts/parse-alert-command.js";

describe("parseAlertCommand", () => {
  it("defaults to level cao and 2 hours", () => {
    expect(parseAlertCommand("Trộm xe máy tại ngõ 5")).toEqual({ ok: true, level: "cao", areaCode: undefined, ttlMs: 7_200_000, text: "Trộm xe máy tại ngõ 5" });
  });
  it("reads level, area and expiry in any order before the text", () => {
    expect(parseAlertCommand("@Phuly.MinhKhai khan --het 30m Cháy nhà số 12")).toEqual({ ok: true, level: "khan", areaCode: "phuly.minhkhai", ttlMs: 1_800_000, text: "Cháy nhà số 12" });
    expect(parseAlertCommand("tb --het 1h30m @a.b Họp tổ")).toMatchObject({ level: "tb", areaCode: "a.b", ttlMs: 5_400_000, text: "Họp tổ" });
  });
  it("keeps capitalised words as text", () => {
    expect(parseAlertCommand("Cao tốc có tai nạn")).toMatchObject({ level: "cao", text: "Cao tốc có tai nạn" });
  });
  it("refuses missing text and unreadable durations", () => {
    expect(parseAlertCommand("")).toEqual({ ok: false, error: "usage" });
    expect(parseAlertCommand("khan @a")).toEqual({ ok: false, error: "usage" });
    expect(parseAlertCommand("--het soon Cháy")).toEqual({ ok: false, error: "duration" });
    expect(parseAlertCommand("--het 1m Cháy")).toEqual({ ok: false, error: "duration" });
  });
});
