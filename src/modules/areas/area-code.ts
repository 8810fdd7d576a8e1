/** Area codes: dotted lower-case segments, `ninhbinh.p5.to5` (DESIGN.md §3). */

const SEGMENT = /^[a-z0-9]{1,32}$/;
export const MAX_AREA_DEPTH = 6;

export function isValidAreaCode(code: string): boolean {
  const segments = code.split(".");
  return segments.length <= MAX_AREA_DEPTH && segments.every((s) => SEGMENT.test(s));
}

/** `ninhbinh.p5` → `ninhbinh`; a top-level code has no parent. */
export function parentCode(code: string): string | undefined {
  const i = code.lastIndexOf(".");
  return i === -1 ? undefined : code.slice(0, i);
}

/** Whether `code` is `ancestor` itself or lies below it. */
export function isWithin(code: string, ancestor: string): boolean {
  return code === ancestor || code.startsWith(`${ancestor}.`);
}

/** Telegram deep links allow only `A-Za-z0-9_-`: dots are written as dashes. */
export function areaCodeToLink(code: string): string {
  return code.replace(/\./g, "-");
}

export function areaCodeFromLink(value: string): string {
  return value.replace(/-/g, ".");
}

/** Codes typed by people: tolerate case and a leading `@`. */
export function normaliseAreaCode(input: string): string {
  return input.trim().replace(/^@/, "").toLowerCase();
}
