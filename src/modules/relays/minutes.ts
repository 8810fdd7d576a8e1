/** RELAY_REMIND_MINUTES as people read it ("15", "0,05" in Vietnamese). */
import type { Locale } from "../../core/text.js";

export function formatMinutes(minutes: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-US", { maximumFractionDigits: 2 }).format(minutes);
}
