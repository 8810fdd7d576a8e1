/**
 * i18next set up once per process with every namespace of locales/{vi,en}/*.json.
 * Renders the domain's `Text` values for one locale and one escaping rule (HTML for Telegram, none
 * for plain-text platforms), so translations may use Telegram's HTML tags and user text never can.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import i18next, { type i18n as I18n, type Resource } from "i18next";
import { LOCALES, type Locale, type Text, type TextParam } from "./text.js";

const localesDir = fileURLToPath(new URL("../../locales/", import.meta.url));

/** Reads locales/<lng>/<namespace>.json for every locale. */
export function readLocaleResources(dir = localesDir): Resource {
  const resources: Resource = {};
  for (const locale of LOCALES) {
    const bundle: Record<string, Record<string, unknown>> = {};
    for (const file of readdirSync(`${dir}/${locale}`).filter((f) => f.endsWith(".json"))) {
      bundle[file.replace(/\.json$/, "")] = JSON.parse(readFileSync(`${dir}/${locale}/${file}`, "utf8")) as Record<
        string,
        unknown
      >;
    }
    resources[locale] = bundle;
  }
  return resources;
}

/** Escapes the three characters Telegram's HTML parse mode cares about (and quotes, for attributes). */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export type Escaper = (value: string) => string;
export const noEscape: Escaper = (value) => value;

/**
 * `{{groups, plural(one: group; other: groups)}}` → "1 group", "2 groups": English nouns after a
 * number, with the forms written in the translation itself. i18next's own plurals work only on a
 * `count` parameter, and our texts often carry two numbers. Vietnamese needs none of this.
 */
function addPluralFormatter(instance: I18n): void {
  instance.services.formatter?.add(
    "plural",
    (value: unknown, lng: string | undefined, options: Record<string, string | undefined>) => {
      const form = new Intl.PluralRules(lng ?? "en").select(Number(value));
      return `${String(value)} ${options[form] ?? options.other ?? ""}`.trimEnd();
    },
  );
}

export class Translator {
  private constructor(private readonly i18n: I18n) {}

  static async create(defaultLocale: Locale = "vi"): Promise<Translator> {
    const resources = readLocaleResources();
    const namespaces = Object.keys(resources.vi ?? {});
    const instance = i18next.createInstance();
    await instance.init({
      resources,
      lng: defaultLocale,
      fallbackLng: defaultLocale === "vi" ? "en" : "vi",
      ns: namespaces,
      defaultNS: "common",
      interpolation: { escapeValue: false }, // parameters are escaped by render() before interpolation
      returnNull: false,
      initAsync: false,
    });
    addPluralFormatter(instance);
    return new Translator(instance);
  }

  /** Whether a key exists in a locale (used by tests and by the locale check). */
  has(key: string, locale: Locale): boolean {
    return this.i18n.exists(key, { lng: locale, fallbackLng: false });
  }

  /** Renders a Text in a locale; every raw string and plain parameter goes through `escape`. */
  render(text: Text, locale: Locale, escape: Escaper): string {
    if ("raw" in text) return escape(text.raw);
    if ("lines" in text) return text.lines.map((line) => this.render(line, locale, escape)).join("\n");
    const params: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(text.params ?? {})) {
      params[name] = this.renderParam(value, locale, escape);
    }
    return this.i18n.t(text.key, { ...params, lng: locale });
  }

  private renderParam(value: TextParam, locale: Locale, escape: Escaper): string | number {
    if (typeof value === "number") return value;
    if (typeof value === "string") return escape(value);
    return this.render(value, locale, escape);
  }
}
