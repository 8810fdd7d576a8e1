/**
 * Properties of the pure parsers, checked by fast-check on random input (a failure prints the
 * smallest counterexample and its seed): area codes and their deep-link form, tracking codes,
 * campaign schedules and their next run, and HTML escaping.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/core/i18n.js";
import {
  areaCodeFromLink,
  areaCodeToLink,
  areaFromStartValue,
  areaStartPayload,
  isValidAreaCode,
  isWithin,
  MAX_AREA_DEPTH,
  parentCode,
} from "../../src/modules/areas/area-code.js";
import {
  nextRun,
  parseRecurrence,
  scheduleToString,
  StoredScheduleSchema,
  type Recurrence,
} from "../../src/modules/campaigns/schedule.js";
import { newTrackingCode, normaliseTrackingCode } from "../../src/modules/tips/tracking-code.js";
import { unicode } from "../security/arbitraries.js";

/** Any text: random UTF-16 (lone surrogates included), random code points, and the fuzzers' odd mix. */
const anyText = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.string(), unicode(0, 30));

// ── area codes ──────────────────────────────────────────────────────────────────────────────

const segment = fc.stringMatching(/^[a-z0-9]{1,32}$/);
const areaCode = fc.array(segment, { minLength: 1, maxLength: MAX_AREA_DEPTH }).map((segments) => segments.join("."));

describe("area codes", () => {
  it("are valid as generated, and survive the trip through a deep link's dashes", () => {
    fc.assert(
      fc.property(areaCode, (code) => {
        expect(isValidAreaCode(code)).toBe(true);
        expect(areaCodeToLink(code)).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(areaCodeFromLink(areaCodeToLink(code))).toBe(code);
      }),
    );
  });

  it("lie within exactly their ancestors by whole segments (phuly.a is not within phul)", () => {
    fc.assert(
      fc.property(areaCode, areaCode, (code, other) => {
        const segments = code.split(".");
        const ancestors = segments.map((_, i) => segments.slice(0, i + 1).join("."));
        expect(isWithin(code, other)).toBe(ancestors.includes(other));
        const parent = parentCode(code);
        if (parent !== undefined) expect(isWithin(code, parent) && !isWithin(parent, code)).toBe(true);
        // A longer first segment is a different area, not a child.
        expect(isWithin(`${code}x`, code)).toBe(false);
      }),
    );
  });

  it("come back from a start payload as the same area, by code or by id, within Telegram's 64 characters", () => {
    const prefix = fc.constantFrom("join", "tip", "grp");
    fc.assert(
      fc.property(prefix, areaCode, fc.integer({ min: 1, max: 2_147_483_647 }), (p, code, id) => {
        const payload = areaStartPayload(p, { id, code });
        expect(payload.length).toBeLessThanOrEqual(64);
        expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
        const back = areaFromStartValue(payload.slice(p.length + 1));
        expect(back === undefined ? undefined : "code" in back ? back.code === code : back.id === id).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("read from any deep-link value is either undefined or a valid code or a positive id, never a throw", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.stringMatching(/^_?[A-Za-z0-9_-]{0,64}$/)), (value) => {
        const area = areaFromStartValue(value);
        if (area && "code" in area) expect(isValidAreaCode(area.code)).toBe(true);
        if (area && "id" in area) expect(Number.isInteger(area.id) && area.id >= 0).toBe(true);
      }),
    );
  });
});

// ── tracking codes ──────────────────────────────────────────────────────────────────────────

const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const trackingCode = fc
  .array(fc.constantFrom(...ALPHABET), { minLength: 6, maxLength: 6 })
  .map((chars) => `TG-${chars.join("")}`);

describe("tracking codes", () => {
  it("normalise idempotently: anything that reads as a code reads as itself", () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText, trackingCode, fc.stringMatching(/^\s*(tg|TG)?-?\s*[A-Za-z0-9 ]{0,8}\s*$/)),
        (input) => {
          const code = normaliseTrackingCode(input);
          if (code !== undefined) {
            expect(code).toMatch(/^TG-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
            expect(normaliseTrackingCode(code)).toBe(code);
          }
        },
      ),
    );
  });

  it("read a code however people type it: lower case, with or without TG and its dash, with spaces", () => {
    const typed = fc.record({
      code: trackingCode,
      prefix: fc.constantFrom("TG-", "tg-", "Tg-", "TG", "tg", "", "TG -", "tg "),
      lower: fc.boolean(),
      space: fc.nat(6),
      pad: fc.constantFrom("", " ", "\t", "\n "),
    });
    fc.assert(
      fc.property(typed, ({ code, prefix, lower, space, pad }) => {
        let body = code.slice(3);
        if (lower) body = body.toLowerCase();
        body = `${body.slice(0, space)} ${body.slice(space)}`;
        expect(normaliseTrackingCode(`${pad}${prefix}${body}${pad}`)).toBe(code);
      }),
    );
  });

  it("make new codes that read as themselves", () => {
    for (let i = 0; i < 200; i++) {
      const code = newTrackingCode();
      expect(normaliseTrackingCode(code)).toBe(code);
    }
  });
});

// ── campaign schedules ──────────────────────────────────────────────────────────────────────

const TZ = "Asia/Ho_Chi_Minh";
const recurrence: fc.Arbitrary<Recurrence> = fc.oneof(
  fc.record({
    kind: fc.constant("daily" as const),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
  }),
  fc.record({
    kind: fc.constant("weekly" as const),
    weekday: fc.integer({ min: 0, max: 6 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
  }),
);
const instant = fc.date({
  min: new Date("2000-01-01T00:00:00Z"),
  max: new Date("2100-01-01T00:00:00Z"),
  noInvalidDate: true,
});

/** Vietnam's wall clock, computed apart from the code under test: UTC+7, no daylight saving since 1975. */
function vietnamClock(at: Date): { weekday: number; hour: number; minute: number; second: number; ms: number } {
  const local = new Date(at.getTime() + 7 * 3_600_000);
  return {
    weekday: local.getUTCDay(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    ms: local.getUTCMilliseconds(),
  };
}

describe("campaign schedules", () => {
  it("are stored and read back as the same recurrence", () => {
    fc.assert(
      fc.property(recurrence, (r) => {
        const stored = scheduleToString(r);
        expect(parseRecurrence(stored)).toEqual(r);
        expect(parseRecurrence(stored.toUpperCase())).toEqual(r);
        expect(StoredScheduleSchema.parse(stored)).toEqual(r);
      }),
    );
    expect(StoredScheduleSchema.parse("once")).toEqual({ kind: "once" });
  });

  it("read any text as a valid recurrence or none, never a throw", () => {
    const shaped = fc
      .tuple(
        fc.constantFrom("daily", "weekly", "DAILY", ""),
        fc.constantFrom("mon", "t2", "cn", "xyz", "", "08:00"),
        fc.string({ maxLength: 6 }),
        fc.stringMatching(/^\d{0,3}:?\d{0,3}$/),
      )
      .map((parts) => parts.join("@"));
    fc.assert(
      fc.property(fc.oneof(anyText, shaped), (value) => {
        const r = parseRecurrence(value);
        if (r) {
          expect(r.hour >= 0 && r.hour <= 23 && r.minute >= 0 && r.minute <= 59).toBe(true);
          expect(parseRecurrence(scheduleToString(r))).toEqual(r);
        }
      }),
    );
  });

  it("next run strictly after `after`, within a day (daily) or a week (weekly), at the hour, minute and weekday asked, in Vietnam", () => {
    fc.assert(
      fc.property(recurrence, instant, (r, after) => {
        const next = nextRun(r, after, TZ);
        const period = r.kind === "daily" ? 86_400_000 : 7 * 86_400_000;
        expect(next.getTime()).toBeGreaterThan(after.getTime());
        expect(next.getTime()).toBeLessThanOrEqual(after.getTime() + period);
        const clock = vietnamClock(next);
        expect({ hour: clock.hour, minute: clock.minute, second: clock.second, ms: clock.ms }).toEqual({
          hour: r.hour,
          minute: r.minute,
          second: 0,
          ms: 0,
        });
        if (r.kind === "weekly") expect(clock.weekday).toBe(r.weekday);
      }),
    );
  });

  it("next run from a run itself is exactly one period later (no day or week skipped or repeated)", () => {
    fc.assert(
      fc.property(recurrence, instant, (r, after) => {
        const run = nextRun(r, after, TZ);
        const period = r.kind === "daily" ? 86_400_000 : 7 * 86_400_000;
        expect(nextRun(r, run, TZ).getTime()).toBe(run.getTime() + period);
        expect(nextRun(r, new Date(run.getTime() - 1), TZ).getTime()).toBe(run.getTime());
      }),
    );
  });
});

// ── HTML escaping ───────────────────────────────────────────────────────────────────────────

const ENTITIES: Readonly<Record<string, string>> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"' };
const unescapeHtml = (html: string) => html.replace(/&(?:amp|lt|gt|quot);/g, (entity) => ENTITIES[entity] ?? entity);
const markupHeavy = fc
  .array(
    fc.constantFrom(
      "<",
      ">",
      "&",
      '"',
      "'",
      "&amp;",
      "&lt;",
      "&#60;",
      "<b>",
      "</a>",
      '<a href="x">',
      "a",
      " ",
      "đ",
      "😀",
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(""));

describe("escapeHtml", () => {
  it('leaves no raw <, > or ", every & starting one of its own entities, and unescapes back to the text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, markupHeavy), (text) => {
        const html = escapeHtml(text);
        expect(html).not.toMatch(/[<>"]/);
        expect(html.replace(/&(?:amp|lt|gt|quot);/g, "")).not.toContain("&");
        expect(unescapeHtml(html)).toBe(text);
      }),
    );
  });

  it("changes nothing in text without markup characters", () => {
    fc.assert(
      fc.property(
        anyText.filter((t) => !/[<>&"]/.test(t)),
        (text) => {
          expect(escapeHtml(text)).toBe(text);
        },
      ),
    );
  });
});
