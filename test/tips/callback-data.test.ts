import { describe, expect, it } from "vitest";
import { parseTipButton, tipData } from "../../src/modules/tips/callback-data.js";

describe("tip callback data", () => {
  it("round-trips every button and stays within Telegram's 64 bytes", () => {
    const all = [
      tipData.category("tromcap"),
      tipData.mediaDone(),
      tipData.identity(true),
      tipData.identity(false),
      tipData.area(2_147_483_647),
      tipData.browse(null),
      tipData.browse(12),
      tipData.confirm(),
      tipData.cancel(),
      tipData.take(7),
      tipData.valuable(7),
      tipData.ask(7),
      tipData.close(7),
      tipData.show(7),
      tipData.outcome(2_147_483_647, "assets"),
    ];
    for (const data of all) {
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(parseTipButton(data.slice("tip:".length)), data).not.toBeNull();
    }
    expect(parseTipButton("c:tromcap")).toEqual({ kind: "category", category: "tromcap" });
    expect(parseTipButton("b:0")).toEqual({ kind: "browse", areaId: null });
    expect(parseTipButton("out:9:arrest")).toEqual({ kind: "outcome", tipId: 9, outcome: "arrest" });
    expect(parseTipButton("val:3")).toEqual({ kind: "valuable", tipId: 3 });
  });

  it("rejects hostile or malformed data", () => {
    for (const payload of [
      "",
      "c:heroin",
      "take:0",
      "take:-1",
      "take:1.5",
      "take:2147483648",
      "take:1e3",
      "take:01x",
      "a:1:2",
      "ok:now",
      "out:1:all",
      "x:y:z:w",
      "TAKE:1",
      "take:1 ",
      "b:",
      "constructor:1",
      "__proto__:1",
      "a".repeat(70),
    ]) {
      expect(parseTipButton(payload), payload).toBeNull();
    }
  });
});
