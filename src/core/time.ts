/** Dates as residents read them: local time of the deployment (Asia/Ho_Chi_Minh by default). */
import type { Locale } from "./text.js";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string, kind: "datetime" | "time"): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
      ...(kind === "datetime" ? { day: "2-digit", month: "2-digit", year: "numeric" } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/** `14:35 29/11/2026` */
export function formatDateTime(date: Date, locale: Locale, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter(locale, timeZone, "datetime")
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}/${parts.year}`;
}

/** `14:35` */
export function formatTime(date: Date, locale: Locale, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter(locale, timeZone, "time")
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute}`;
}

/** `30m`, `2h`, `1h30m`, `45p` (phút), `90` (minutes) → milliseconds; undefined if unreadable. */
export function parseDuration(input: string): number | undefined {
  const text = input.trim().toLowerCase();
  if (/^\d+$/.test(text)) return Number(text) * 60_000;
  const match = /^(?:(\d+)\s*(?:h|g|giờ))?\s*(?:(\d+)\s*(?:m|p|phút|ph))?$/.exec(text);
  if (!match || (!match[1] && !match[2])) return undefined;
  return (Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)) * 60_000;
}
