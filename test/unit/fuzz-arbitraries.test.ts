/**
 * The fuzzers' odd text (test/security/arbitraries.ts) still holds every kind of character the
 * hand-written generator made: if an arbitrary lost one, the fuzz tests would quietly stop sending it.
 */
import { describe, expect, it } from "vitest";
import { draw, unicode, utf8 } from "../security/arbitraries.js";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const KINDS: Record<string, RegExp> = {
  "printable ASCII": /[a-zA-Z0-9]/,
  "HTML markup and entities": /<\/b>|<a href=|&amp;|&lt;|&#x3C;/,
  "a C0 control": /[\u0001-\u001f]/,
  NUL: /\u0000/,
  "Vietnamese letters": /[ăâđêôơưạảãếệữĐỸỵ]/,
  "a combining mark": /[\u0300-\u036f]/,
  "invisible and bidi characters": /[\u200b\u200d\u202e\u2066\ufeff\u2028\u2029]/,
  "an emoji (astral)": /[\u{1f300}-\u{1faff}]/u,
  CJK: /[\u4e00-\u9fff]/,
  "Arabic (right to left)": /[\u0600-\u06ff]/,
  "a lone surrogate": LONE_SURROGATE,
};

describe("the fuzzers' unicode arbitrary", () => {
  const samples = draw(unicode(1, 40), 0x6b696e64, 200);

  it.each(Object.entries(KINDS))("produces %s", (_, pattern) => {
    expect(samples.some((s) => pattern.test(s))).toBe(true);
  });

  it("draws the same strings for the same seed (a failing fuzz run replays)", () => {
    expect(draw(unicode(1, 40), 0x6b696e64, 200)).toEqual(samples);
  });

  it("never has a lone surrogate in well-formed text (what Telegram can carry), but keeps the rest", () => {
    const wellFormed = draw(utf8(1, 40), 0x75746638, 200);
    expect(wellFormed.filter((s) => LONE_SURROGATE.test(s))).toEqual([]);
    for (const [kind, pattern] of Object.entries(KINDS)) {
      if (kind !== "a lone surrogate")
        expect(
          wellFormed.some((s) => pattern.test(s)),
          kind,
        ).toBe(true);
    }
  });
});
