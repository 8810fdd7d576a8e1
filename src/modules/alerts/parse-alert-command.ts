/**
 * `/keng [khan|cao|tb] [@areaCode] [--het 30m] <text>`: options come before the text, in any order.
 * Pure parsing; the use case checks permissions and areas.
 */
import { parseDuration } from "../../core/time.js";
import { normaliseAreaCode } from "../areas/area-code.js";
import type { AlertLevel } from "./types.js";

export const DEFAULT_ALERT_TTL_MS = 2 * 3600_000;
export const MIN_ALERT_TTL_MS = 5 * 60_000;
export const MAX_ALERT_TTL_MS = 72 * 3600_000;
export const MAX_ALERT_TEXT = 2000;

const LEVELS: Record<string, AlertLevel> = { khan: "khan", "khẩn": "khan", cao: "cao", tb: "tb" };

export type ParsedAlert =
  | { readonly ok: true; readonly level: AlertLevel; readonly areaCode: string | undefined; readonly ttlMs: number; readonly text: string }
  | { readonly ok: false; readonly error: "usage" | "duration" | "tooLong" };

export function parseAlertCommand(args: string): ParsedAlert {
  let rest = args.trim();
  let level: AlertLevel = "cao";
  let areaCode: string | undefined;
  let ttlMs = DEFAULT_ALERT_TTL_MS;
  let levelGiven = false;
  for (;;) {
    const match = /^(\S+)(?:\s+|$)/.exec(rest);
    const word = match?.[1];
    if (!match || word === undefined) break;
    const lower = word.toLowerCase();
    const asLevel = LEVELS[word]; // lower-case only: "Cao tốc…" is text, not a level
    if (asLevel && !levelGiven) {
      level = asLevel;
      levelGiven = true;
    } else if (word.startsWith("@") && word.length > 1) {
      areaCode = normaliseAreaCode(word);
    } else if (lower === "--het" || lower === "--hết" || lower === "--expires") {
      const value = /^\S+\s+(\S+)(?:\s+|$)/.exec(rest);
      const ms = value?.[1] ? parseDuration(value[1]) : undefined;
      if (ms === undefined || ms < MIN_ALERT_TTL_MS || ms > MAX_ALERT_TTL_MS) return { ok: false, error: "duration" };
      ttlMs = ms;
      rest = rest.slice(value?.[0].length ?? 0).trimStart();
      continue;
    } else {
      break;
    }
    rest = rest.slice(match[0].length);
  }
  const text = rest.trim();
  if (!text) return { ok: false, error: "usage" };
  if (text.length > MAX_ALERT_TEXT) return { ok: false, error: "tooLong" };
  return { ok: true, level, areaCode, ttlMs, text };
}
