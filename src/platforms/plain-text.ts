/** Telegram-style HTML → plain text, for platforms that show text as typed (Zalo). */
import { splitHtml } from "../core/split-html.js";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

export function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith("#x")) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(Number(body.slice(1)));
    return ENTITIES[body] ?? whole;
  });
}

/** Strips tags (keeping their text) and decodes entities. */
export function htmlToPlain(html: string): string {
  return decodeEntities(html.replace(/<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^>]*)?>/g, ""));
}

/** Splits Telegram-HTML into plain-text chunks of at most `limit` characters (never mid-entity). */
export function splitToPlain(html: string, limit: number): string[] {
  return splitHtml(html, limit)
    .map(htmlToPlain)
    .filter((chunk) => chunk.trim().length > 0);
}
