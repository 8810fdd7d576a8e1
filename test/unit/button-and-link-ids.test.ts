/**
 * Ids in deep links and button data, at the edges the property tests (parsers-properties,
 * callback-data-properties) found: each id has one spelling, and every id a button or link can
 * carry is read back.
 */
import { describe, expect, it } from "vitest";
import { areaFromStartValue, areaStartPayload } from "../../src/modules/areas/area-code.js";
import { parseCampaignButton } from "../../src/modules/campaigns/campaign-callback-data.js";
import { parseQuizButton } from "../../src/modules/quizzes/callback-data.js";

describe("a deep link to an area by id", () => {
  // A code too long for Telegram's 64 characters is linked by id; the id has up to 10 digits.
  const longCode = "0aaaa0a0a00.000aa00.0aa0a0.00aa00a0a000.0aaaaaaa0a.0000a0aaa";

  it("is read back for a ten-digit id", () => {
    const payload = areaStartPayload("join", { id: 1_000_000_000, code: longCode });
    expect(payload).toBe("join__1000000000");
    expect(areaFromStartValue(payload.slice("join_".length))).toEqual({ id: 1_000_000_000 });
    expect(areaFromStartValue("_2147483647")).toEqual({ id: 2_147_483_647 });
  });

  it("names no area past Postgres' int", () => {
    expect(areaFromStartValue("_2147483648")).toBeUndefined();
    expect(areaFromStartValue("_99999999999")).toBeUndefined();
  });
});

describe("an id in button data", () => {
  it.each(["01:0", "00001:3", "0:0"])("of a quiz round has no leading zero: %j is refused", (payload) => {
    expect(parseQuizButton(payload)).toBeNull();
  });

  it.each(["a:01", "a:1e3", "a:0x1f", "a:0b1", "a:0o7", "a:2147483648"])(
    "of a campaign's area is plain decimal: %j is refused",
    (payload) => {
      expect(parseCampaignButton(payload)).toBeNull();
    },
  );

  it("is read in its one spelling", () => {
    expect(parseQuizButton("10:0")).toEqual({ roundId: 10, option: 0 });
    expect(parseCampaignButton("a:2147483647")).toEqual({ kind: "area", areaId: 2_147_483_647 });
    expect(parseCampaignButton("a:100")).toEqual({ kind: "area", areaId: 100 });
  });
});
