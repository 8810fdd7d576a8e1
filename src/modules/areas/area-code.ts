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

/** Telegram's `start` / `startgroup` payload: 1–64 characters of `A-Za-z0-9_-`. */
export const START_PAYLOAD_MAX = 64;

/** Telegram deep links allow only `A-Za-z0-9_-`: dots are written as dashes. */
export function areaCodeToLink(code: string): string {
  return code.replace(/\./g, "-");
}

export function areaCodeFromLink(value: string): string {
  return value.replace(/-/g, ".");
}

/**
 * `<prefix>_<area>` for a deep link: the area's code with dashes, or `<prefix>__<id>` when the code
 * would make the payload longer than Telegram takes (a code may have 6 segments of 32 characters).
 * No code contains `_`, so the two forms cannot be confused.
 */
export function areaStartPayload(prefix: string, area: { readonly id: number; readonly code: string }): string {
  const byCode = `${prefix}_${areaCodeToLink(area.code)}`;
  return byCode.length <= START_PAYLOAD_MAX ? byCode : `${prefix}__${area.id}`;
}

/** The area a deep link's value (after `<prefix>_`) names: by code, or by id (`_<id>`). */
export function areaFromStartValue(value: string): { readonly code: string } | { readonly id: number } | undefined {
  // Up to 10 digits: an id may be as large as Postgres' int (areaStartPayload writes any of them).
  const byId = /^_(\d{1,10})$/.exec(value);
  if (byId?.[1]) return Number(byId[1]) <= 2_147_483_647 ? { id: Number(byId[1]) } : undefined;
  const code = areaCodeFromLink(value.toLowerCase());
  return isValidAreaCode(code) ? { code } : undefined;
}

/** Codes typed by people: tolerate case and a leading `@`. */
export function normaliseAreaCode(input: string): string {
  return input.trim().replace(/^@/, "").toLowerCase();
}
