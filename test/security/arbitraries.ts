/**
 * fast-check arbitraries for the fuzz tests: odd Unicode (mixed scripts, controls, markup, astral
 * characters, lone surrogates) and a few helpers. The fuzzers draw their inputs once, with a fixed
 * seed (`draw`), so a failure replays; they do not shrink — they drive a live bot, not a function.
 */
import fc from "fast-check";

const MARKUP = [
  "<",
  ">",
  "&",
  '"',
  "'",
  "&amp;",
  "&lt;",
  "&#x3C;",
  "</b>",
  '<a href="tg://x">',
  "<pre>",
  "&#0;",
  "\\",
  "/",
  "@",
  "%s",
  "${x}",
];
const VIETNAMESE = ["ă", "â", "đ", "ê", "ô", "ơ", "ư", "ạ", "ả", "ã", "ế", "ệ", "ữ", "Đ", "Ỹ", "ỵ"];
const INVISIBLE = ["\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u00a0", "\u2028", "\u2029", "\ufffd"];

const fromRange = (min: number, max: number) => fc.integer({ min, max }).map((cp) => String.fromCodePoint(cp));

/** One "character" of each kind, equally likely; a kind is a pure function of the text, see `kinds`. */
export const CHARACTER_KINDS = {
  ascii: fromRange(0x20, 0x7e),
  markup: fc.constantFrom(...MARKUP),
  control: fromRange(0x00, 0x1f), // C0 controls, NUL included
  vietnamese: fc.constantFrom(...VIETNAMESE),
  combining: fromRange(0x0300, 0x036f),
  invisible: fc.constantFrom(...INVISIBLE), // invisible, bidi, separators
  emoji: fromRange(0x1f300, 0x1faff),
  cjk: fromRange(0x4e00, 0x9fff),
  arabic: fromRange(0x0600, 0x06ff), // right to left
  // A lone surrogate: JSON can carry it escaped ("\ud800"), UTF-8 cannot.
  loneSurrogate: fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
} as const satisfies Record<string, fc.Arbitrary<string>>;

const kindsOf = (wellFormed: boolean) =>
  fc.oneof(
    ...Object.entries(CHARACTER_KINDS).map(([kind, arbitrary]) =>
      wellFormed && kind === "loneSurrogate" ? fc.constant("\ufffd") : arbitrary,
    ),
  );
const ANY_CHARACTER = kindsOf(false);
const WELL_FORMED_CHARACTER = kindsOf(true);

/**
 * A string of `min` to `max` pieces drawn from the kinds above — and lone surrogates, unless
 * `wellFormed` (what a platform that speaks UTF-8 can carry, e.g. Telegram).
 */
export function unicode(min: number, max = min, wellFormed = false): fc.Arbitrary<string> {
  const character = wellFormed ? WELL_FORMED_CHARACTER : ANY_CHARACTER;
  return fc
    .integer({ min, max })
    .chain((length) => fc.array(character, { minLength: length, maxLength: length }).map((parts) => parts.join("")));
}

/** Text that Telegram could carry: `unicode(min, max, true)`. */
export const utf8 = (min: number, max = min) => unicode(min, max, true);

/** True with probability `p` (to two decimals). */
export function chance(p: number): fc.Arbitrary<boolean> {
  const yes = Math.round(p * 100);
  return fc.oneof({ arbitrary: fc.constant(true), weight: yes }, { arbitrary: fc.constant(false), weight: 100 - yes });
}

/** An integer in [min, max] (safe integers, beyond 32 bits too), uniform: no bias toward the bounds or zero. */
export function uniformInt(min: number, max: number): fc.Arbitrary<number> {
  const int32 = min >= -(2 ** 31) && max < 2 ** 31;
  return fc.noBias(int32 ? fc.integer({ min, max }) : fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number));
}

/** `arbitrary`'s value with probability `p`, else undefined. */
export function optional<T>(p: number, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  const yes = Math.round(p * 100);
  return fc.oneof({ arbitrary, weight: yes }, { arbitrary: fc.constant(undefined), weight: 100 - yes });
}

/** Each of the given arbitraries, equally likely. */
export const anyOf = <T>(...arbitraries: fc.Arbitrary<T>[]): fc.Arbitrary<T> => fc.oneof(...arbitraries);

/**
 * `count` values of `arbitrary`, the same ones on every run for the same seed. Unbiased: the mix
 * stays as the weights say (a biased run favours small sizes and bounds, which the odd-value lists
 * already cover).
 */
export function draw<T>(arbitrary: fc.Arbitrary<T>, seed: number, count: number): T[] {
  return fc.sample(fc.noBias(arbitrary), { seed, numRuns: count });
}

/** One value of each arbitrary (e.g. one per index, when a value must carry its index), drawn with one seed. */
export function drawEach<T>(arbitraries: readonly fc.Arbitrary<T>[], seed: number): T[] {
  return draw(fc.tuple(...arbitraries), seed, 1)[0] ?? [];
}
