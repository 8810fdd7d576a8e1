/**
 * Message text as data: i18n keys with parameters, raw user text, or lines of either.
 * The domain builds `Text`; adapters render it per recipient locale, escaping every raw string.
 */

/** A parameter: plain values are escaped when rendered; a nested Text is rendered first. */
export type TextParam = string | number | Text;

export type Text =
  | { readonly key: string; readonly params?: Readonly<Record<string, TextParam>> }
  | { readonly raw: string }
  | { readonly lines: readonly Text[] };

/** An i18n key with parameters. */
export function t(key: string, params?: Record<string, TextParam>): Text {
  return params ? { key, params } : { key };
}

/** User-supplied text, shown as typed (escaped by the renderer). */
export function raw(value: string): Text {
  return { raw: value };
}

/** Several texts, one per line. */
export function lines(...items: readonly Text[]): Text {
  return { lines: items };
}

export type Locale = "vi" | "en";
export const LOCALES: readonly Locale[] = ["vi", "en"];

export function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

/**
 * The locale a platform's language code decides: only Vietnamese (`vi`, `vi-VN`). Telegram's apps have
 * no Vietnamese interface, so most Vietnamese people's clients say `en`: those hear DEFAULT_LOCALE
 * until they choose (the welcome offers them an English button).
 */
export function localeFromLanguageCode(code: string | undefined): Locale | undefined {
  return code?.toLowerCase().startsWith("vi") ? "vi" : undefined;
}
