/**
 * A small escaping template for the console's pages: `html\`<p>${value}</p>\`` escapes every value
 * (text, attribute) unless it is already `SafeHtml` (another template, or a rendered translation,
 * whose parameters the translator escaped). Arrays are joined.
 */
import { escapeHtml } from "../../core/i18n.js";

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[];

function piece(value: Value): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly Value[]).map(piece).join("");
  return escapeHtml(String(value)).replace(/'/g, "&#39;");
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += piece(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Trusted markup as is (only for strings this code wrote). */
export const trusted = (value: string): SafeHtml => new SafeHtml(value);
