import { describe, expect, it } from "vitest";
import { parseAlertCommand } from "../../src/modules/alerts/parse-alert-command.js";

describe("parseAlertCommand", () => {
  it("defaults to level cao and 2 hours", () => {
    expect(parseAlertCommand("Trộm xe máy tại ngõ 5")).toEqual({
      ok: true,
      level: "cao",
      areaCode: undefined,
      ttlMs: 7_200_000,
      text: "Trộm xe máy tại ngõ 5",
    });
  });
  it("reads level, area and expiry in any order before the text", () => {
    expect(parseAlertCommand("@Phuly.MinhKhai khan --het 30m Cháy nhà số 12")).toEqual({
      ok: true,
      level: "khan",
      areaCode: "phuly.minhkhai",
      ttlMs: 1_800_000,
      text: "Cháy nhà số 12",
    });
    expect(parseAlertCommand("tb --het 1h30m @a.b Họp tổ")).toMatchObject({
      level: "tb",
      areaCode: "a.b",
      ttlMs: 5_400_000,
      text: "Họp tổ",
    });
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

describe("parseAlertCommand, options anywhere (issue 15)", () => {
  it("reads options after the text and in autocorrected or colon typing", () => {
    expect(parseAlertCommand("Cháy nhà số 12 —het 1h")).toMatchObject({
      ok: true,
      ttlMs: 3_600_000,
      text: "Cháy nhà số 12",
    });
    expect(parseAlertCommand("Cháy –het 45m nhà số 12")).toMatchObject({
      ok: true,
      ttlMs: 2_700_000,
      text: "Cháy nhà số 12",
    });
    expect(parseAlertCommand("het:30m Cháy @Phuly.MinhKhai")).toMatchObject({
      ok: true,
      ttlMs: 1_800_000,
      areaCode: "phuly.minhkhai",
      text: "Cháy",
    });
    expect(parseAlertCommand("Cháy --het=2h —khan")).toMatchObject({
      ok: true,
      level: "khan",
      ttlMs: 7_200_000,
      text: "Cháy",
    });
    expect(parseAlertCommand("Họp tổ muc:tb khu:a.b")).toMatchObject({
      ok: true,
      level: "tb",
      areaCode: "a.b",
      text: "Họp tổ",
    });
    expect(parseAlertCommand("Họp tổ --mức khẩn")).toMatchObject({ ok: true, level: "khan", text: "Họp tổ" });
  });
  it("keeps ordinary colons, single dashes and line breaks as text", () => {
    expect(parseAlertCommand("Lưu ý: khóa xe -Đông người\nngõ 5 — Trần Phú")).toMatchObject({
      ok: true,
      text: "Lưu ý: khóa xe -Đông người\nngõ 5 — Trần Phú",
    });
  });
  it("refuses an option-looking word it does not know instead of broadcasting it", () => {
    expect(parseAlertCommand("Cháy --hett 1h")).toEqual({ ok: false, error: "unknownOption", option: "--hett" });
    expect(parseAlertCommand("—abc Cháy")).toEqual({ ok: false, error: "unknownOption", option: "—abc" });
    expect(parseAlertCommand("Cháy muc:rat")).toEqual({ ok: false, error: "level" });
    expect(parseAlertCommand("Cháy —het")).toEqual({ ok: false, error: "duration" });
  });
});
