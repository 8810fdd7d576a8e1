import { describe, expect, it } from "vitest";
import { localParts, localToInstant } from "../../src/modules/campaigns/local-time.js";
import { parseCampaignCommand } from "../../src/modules/campaigns/parse-campaign-command.js";
import { nextRun, parseWhen, scheduleToString, StoredScheduleSchema } from "../../src/modules/campaigns/schedule.js";

const TZ = "Asia/Ho_Chi_Minh";
/** 22:30 on Sunday 29/11/2026 in Hà Nội. */
const NOW = new Date("2026-11-29T15:30:00Z");

describe("local time", () => {
  it("converts Hà Nội wall-clock time to instants and back", () => {
    expect(localToInstant({ year: 2026, month: 12, day: 1, hour: 8, minute: 0 }, TZ).toISOString()).toBe(
      "2026-12-01T01:00:00.000Z",
    );
    expect(localToInstant({ year: 2026, month: 12, day: 1, hour: 8, minute: 0 }, "Europe/Berlin").toISOString()).toBe(
      "2026-12-01T07:00:00.000Z",
    );
    // Across a daylight-saving change, for deployments elsewhere.
    expect(localToInstant({ year: 2026, month: 7, day: 1, hour: 8, minute: 0 }, "Europe/Berlin").toISOString()).toBe(
      "2026-07-01T06:00:00.000Z",
    );
    expect(localParts(NOW, TZ)).toMatchObject({ year: 2026, month: 11, day: 29, hour: 22, minute: 30, weekday: 0 });
  });
});

describe("parseWhen", () => {
  it.each([
    ["now", "2026-11-29T15:30:00.000Z"],
    ["ngay", "2026-11-29T15:30:00.000Z"],
    ["+30s", "2026-11-29T15:30:30.000Z"],
    ["+30m", "2026-11-29T16:00:00.000Z"],
    ["+2h", "2026-11-29T17:30:00.000Z"],
    ["2026-12-01T08:00", "2026-12-01T01:00:00.000Z"],
  ])("reads %s as once, at %s", (input, iso) => {
    const parsed = parseWhen(input, NOW, TZ);
    expect(parsed).toMatchObject({ ok: true, schedule: { kind: "once" } });
    expect(parsed.ok && parsed.firstRunAt.toISOString()).toBe(iso);
  });

  it("reads daily and weekly recurrences in local time, first run the next occurrence", () => {
    const daily = parseWhen("daily@08:00", NOW, TZ);
    expect(daily.ok && scheduleToString(daily.schedule)).toBe("daily@08:00");
    expect(daily.ok && daily.firstRunAt.toISOString()).toBe("2026-11-30T01:00:00.000Z");
    const evening = parseWhen("daily@23:15", NOW, TZ);
    expect(evening.ok && evening.firstRunAt.toISOString()).toBe("2026-11-29T16:15:00.000Z");
    const weekly = parseWhen("weekly@mon@08:00", NOW, TZ);
    expect(weekly.ok && scheduleToString(weekly.schedule)).toBe("weekly@mon@08:00");
    expect(weekly.ok && weekly.firstRunAt.toISOString()).toBe("2026-11-30T01:00:00.000Z");
    const sunday = parseWhen("weekly@cn@20:00", NOW, TZ); // today 20:00 has passed: next Sunday
    expect(sunday.ok && sunday.firstRunAt.toISOString()).toBe("2026-12-06T13:00:00.000Z");
  });

  it.each([
    ["tomorrow", "unreadable"],
    ["+5x", "unreadable"],
    ["daily@25:00", "unreadable"],
    ["weekly@xyz@08:00", "unreadable"],
    ["weekly@constructor@08:00", "unreadable"],
    ["2026-02-30T08:00", "unreadable"],
    ["2026-11-29T08:00", "past"],
    ["+400d", "tooFar"],
  ])("refuses %s (%s)", (input, error) => {
    expect(parseWhen(input, NOW, TZ)).toEqual({ ok: false, error });
  });
});

describe("nextRun", () => {
  it("moves a daily run to the next day and a weekly run by a week", () => {
    expect(nextRun({ kind: "daily", hour: 8, minute: 0 }, new Date("2026-11-30T01:00:00Z"), TZ).toISOString()).toBe(
      "2026-12-01T01:00:00.000Z",
    );
    expect(
      nextRun({ kind: "weekly", weekday: 1, hour: 8, minute: 0 }, new Date("2026-11-30T01:00:00Z"), TZ).toISOString(),
    ).toBe("2026-12-07T01:00:00.000Z");
    // Month and year ends.
    expect(nextRun({ kind: "daily", hour: 0, minute: 5 }, new Date("2026-12-31T17:10:00Z"), TZ).toISOString()).toBe(
      "2027-01-01T17:05:00.000Z",
    );
  });
});

describe("StoredScheduleSchema", () => {
  it("reads the stored forms and refuses anything else", () => {
    expect(StoredScheduleSchema.parse("once")).toEqual({ kind: "once" });
    expect(StoredScheduleSchema.parse("weekly@fri@18:30")).toEqual({
      kind: "weekly",
      weekday: 5,
      hour: 18,
      minute: 30,
    });
    expect(StoredScheduleSchema.safeParse("every@1m").success).toBe(false);
  });
});

describe("parseCampaignCommand", () => {
  it("reads area, when, an optional quiz topic and the text", () => {
    expect(
      parseCampaignCommand("@PhuLy.MinhKhai +30m --cauhoi ma-túy Nói không với ma túy!\nDòng hai", NOW, TZ),
    ).toMatchObject({
      ok: true,
      areaCode: "phuly.minhkhai",
      quizTopic: "matuy",
      text: "Nói không với ma túy!\nDòng hai",
    });
    expect(parseCampaignCommand("phuly now --quiz scams Cảnh giác", NOW, TZ)).toMatchObject({
      ok: true,
      quizTopic: "luadao",
      text: "Cảnh giác",
    });
  });

  it.each([
    ["", "usage"],
    ["phuly now", "usage"],
    ["phuly now --cauhoi matuy", "usage"],
    ["phu_ly now Xin chào", "area"],
    ["phuly later Xin chào", "unreadable"],
    ["phuly now --cauhoi weather Xin chào", "topic"],
    [`phuly now ${"x".repeat(3501)}`, "tooLong"],
  ])("refuses %j (%s)", (args, error) => {
    expect(parseCampaignCommand(args, NOW, TZ)).toEqual({ ok: false, error });
  });
});
