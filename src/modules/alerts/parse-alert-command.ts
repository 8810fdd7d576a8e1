/**
 * `/keng [khan|cao|tb] [@areaCode] [--het 30m] <text>`. Options may come anywhere, typed as phones
 * autocorrect them (`—het 1h`, `–het 1h`), or as `het:1h` / `--het=1h`; a bare level word counts
 * only before the text ("Cao tốc…" is text). A word that looks like an option but is none is
 * refused rather than broadcast. Pure parsing; the use case checks permissions and areas.
 */
import { parseDuration } from "../../core/time.js";
import { isValidAreaCode, normaliseAreaCode } from "../areas/area-code.js";
import type { AlertLevel } from "./types.js";

export const DEFAULT_ALERT_TTL_MS = 2 * 3600_000;
export const MIN_ALERT_TTL_MS = 5 * 60_000;
export const MAX_ALERT_TTL_MS = 72 * 3600_000;
export const MAX_ALERT_TEXT = 2000;

const LEVELS: Record<string, AlertLevel> = { khan: "khan", khẩn: "khan", cao: "cao", tb: "tb" };
/** Option names as typed, lower-cased, with or without diacritics. */
const OPTION_NAMES: Record<string, "ttl" | "level" | "area"> = {
  het: "ttl",
  hết: "ttl",
  expires: "ttl",
  ttl: "ttl",
  muc: "level",
  mức: "level",
  level: "level",
  khu: "area",
  area: "area",
};

export type ParsedAlert =
  | {
      readonly ok: true;
      readonly level: AlertLevel;
      readonly areaCode: string | undefined;
      readonly ttlMs: number;
      readonly text: string;
    }
  | { readonly ok: false; readonly error: "usage" | "duration" | "tooLong" | "level" }
  | { readonly ok: false; readonly error: "unknownOption"; readonly option: string };

type Token = { readonly word: string; readonly start: number; readonly end: number };
type Option = { readonly name: string; readonly value: string | undefined } | { readonly unknown: string };

/** `--het`, `—het=1h`, `–khan`, `het:1h`: the option a word spells, if it spells one. */
function readOption(word: string): Option | undefined {
  const dashed = /^(?:--|—|–|-(?=\p{L}))(\p{L}[\p{L}\d]*)(?:[=:](.*))?$/u.exec(word);
  const colon = dashed ? null : /^(\p{L}+)[:=](\S+)$/u.exec(word);
  const match = dashed ?? colon;
  if (!match?.[1]) return undefined;
  const name = match[1].toLowerCase();
  if (OPTION_NAMES[name] || (dashed && LEVELS[name])) return { name, value: match[2] || undefined };
  // `Lưu ý:…` and `-Đông` are text; `--xyz` or `—xyz` can only be a mistyped option.
  return dashed && !/^-\p{L}/u.test(word) ? { unknown: word } : undefined;
}

export function parseAlertCommand(args: string): ParsedAlert {
  const source = args.trim();
  const tokens: Token[] = [...source.matchAll(/\S+/g)].map((m) => ({
    word: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
  let level: AlertLevel = "cao";
  let areaCode: string | undefined;
  let ttlMs = DEFAULT_ALERT_TTL_MS;
  const removed = new Set<number>();
  let leading = true; // still before the first word of text
  let levelGiven = false;
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]?.word ?? "";
    if (leading && LEVELS[word] && !levelGiven) {
      level = LEVELS[word] ?? level;
      levelGiven = true;
      removed.add(i);
      continue;
    }
    if (/^@[a-z0-9.]+$/i.test(word) && isValidAreaCode(normaliseAreaCode(word))) {
      areaCode = normaliseAreaCode(word);
      removed.add(i);
      continue;
    }
    const option = readOption(word);
    if (!option) {
      leading = false;
      continue;
    }
    if ("unknown" in option) return { ok: false, error: "unknownOption", option: option.unknown };
    removed.add(i);
    const kind = OPTION_NAMES[option.name] ?? "level";
    let value = kind === "level" && LEVELS[option.name] ? option.name : option.value;
    if (value === undefined && tokens[i + 1]) {
      value = tokens[i + 1]?.word;
      removed.add(++i);
    }
    if (kind === "ttl") {
      const ms = value ? parseDuration(value) : undefined;
      if (ms === undefined || ms < MIN_ALERT_TTL_MS || ms > MAX_ALERT_TTL_MS) return { ok: false, error: "duration" };
      ttlMs = ms;
    } else if (kind === "level") {
      const chosen = value ? LEVELS[value.toLowerCase()] : undefined;
      if (!chosen) return { ok: false, error: "level" };
      level = chosen;
      levelGiven = true;
    } else {
      const code = normaliseAreaCode(value ?? "");
      if (!isValidAreaCode(code)) return { ok: false, error: "usage" };
      areaCode = code;
    }
  }
  const text = withoutTokens(source, tokens, removed);
  if (!text) return { ok: false, error: "usage" };
  if (text.length > MAX_ALERT_TEXT) return { ok: false, error: "tooLong" };
  return { ok: true, level, areaCode, ttlMs, text };
}

/** The text with the option words cut out, its own line breaks and spacing kept. */
function withoutTokens(source: string, tokens: readonly Token[], removed: ReadonlySet<number>): string {
  let out = "";
  let from = 0;
  tokens.forEach((token, i) => {
    if (!removed.has(i)) return;
    out += source.slice(from, token.start);
    from = token.end;
    // Drop the space after a removed word so "a --het 1h b" reads "a b".
    const gap = /^[ \t]+/.exec(source.slice(from));
    if (gap) from += gap[0].length;
  });
  return (out + source.slice(from)).trim();
}
