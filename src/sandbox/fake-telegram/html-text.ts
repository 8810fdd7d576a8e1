import { badRequest } from "./api-error.js";
import type { MessageEntity } from "./types.js";

/** Text as the user sees it, with the formatting Telegram derived from the markup. */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

const ENTITY_OF_TAG: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  a: "text_link",
  code: "code",
  pre: "pre",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  blockquote: "blockquote",
};

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  start: number;
  attributes: Map<string, string>;
  language?: string;
}

/** Counts characters the way Telegram's length limits do (Unicode code points). */
export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * Applies `parse_mode`. HTML is parsed like Telegram does (same tags, same error texts);
 * other modes are not interpreted: the text is kept as sent, with any explicit `entities`.
 */
export function formatText(source: string, parseMode: string | undefined, entities: unknown): FormattedText {
  if (parseMode !== undefined && parseMode.toLowerCase() === "html") return parseHtml(source);
  return { text: source, entities: Array.isArray(entities) ? entities.filter(isEntity) : [] };
}

function isEntity(value: unknown): value is MessageEntity {
  if (typeof value !== "object" || value === null) return false;
  const entity = value as Record<string, unknown>;
  return (
    typeof entity["type"] === "string" && typeof entity["offset"] === "number" && typeof entity["length"] === "number"
  );
}

/** Parses Telegram-flavoured HTML; throws 400 `can't parse entities: …` on malformed markup. */
export function parseHtml(source: string): FormattedText {
  const parser = new HtmlParser(source);
  return parser.parse();
}

class HtmlParser {
  private out = "";
  private readonly entities: MessageEntity[] = [];
  private readonly stack: OpenTag[] = [];
  private index = 0;

  constructor(private readonly source: string) {}

  parse(): FormattedText {
    const s = this.source;
    while (this.index < s.length) {
      const c = s[this.index];
      if (c === "<") this.readTag();
      else if (c === "&") this.readEntity();
      else {
        this.out += c;
        this.index++;
      }
    }
    const unclosed = this.stack[this.stack.length - 1];
    if (unclosed !== undefined) fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
    this.entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
    return { text: this.out, entities: this.entities };
  }

  private byteOffset(at: number): number {
    return Buffer.byteLength(this.source.slice(0, at), "utf8");
  }

  private readEntity(): void {
    const match = /^&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,9})|([a-zA-Z]+));?/.exec(
      this.source.slice(this.index, this.index + 16),
    );
    const code =
      match?.[1] !== undefined ? parseInt(match[1], 16) : match?.[2] !== undefined ? parseInt(match[2], 10) : undefined;
    const named = match?.[3] === undefined ? undefined : NAMED_ENTITIES[match[3].toLowerCase()];
    if (match !== null && code !== undefined && code > 0 && code <= 0x10ffff) {
      this.out += String.fromCodePoint(code);
      this.index += match[0].length;
    } else if (match !== null && named !== undefined) {
      this.out += named;
      this.index += match[0].length;
    } else {
      // Telegram keeps an ampersand that starts no known entity as a literal character.
      this.out += "&";
      this.index++;
    }
  }

  private readTag(): void {
    const begin = this.index;
    const s = this.source;
    if (s[begin + 1] === "/") {
      this.readEndTag(begin);
      return;
    }
    this.index++;
    const name = this.readName().toLowerCase();
    if (name === "" || ENTITY_OF_TAG[name] === undefined)
      fail(`Unsupported start tag "${name}" at byte offset ${this.byteOffset(begin)}`);
    const attributes = this.readAttributes(name, begin);
    if (name === "span" && attributes.get("class") !== "tg-spoiler") {
      fail(`Tag "span" must have class "tg-spoiler" at byte offset ${this.byteOffset(begin)}`);
    }
    this.stack.push({ name, start: this.out.length, attributes });
  }

  private readName(): string {
    const match = /^[a-zA-Z0-9-]*/.exec(this.source.slice(this.index));
    const name = match?.[0] ?? "";
    this.index += name.length;
    return name;
  }

  private readAttributes(tag: string, begin: number): Map<string, string> {
    const attributes = new Map<string, string>();
    const s = this.source;
    for (;;) {
      while (this.index < s.length && /\s/.test(s[this.index] ?? "")) this.index++;
      if (this.index >= s.length) fail(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
      if (s[this.index] === ">") {
        this.index++;
        return attributes;
      }
      const attribute = /^[a-zA-Z0-9_-]+/.exec(s.slice(this.index))?.[0];
      if (attribute === undefined)
        fail(`Empty attribute name in the tag "${tag}" at byte offset ${this.byteOffset(begin)}`);
      this.index += attribute.length;
      while (this.index < s.length && /\s/.test(s[this.index] ?? "")) this.index++;
      if (s[this.index] !== "=") {
        attributes.set(attribute.toLowerCase(), "");
        continue;
      }
      this.index++;
      while (this.index < s.length && /\s/.test(s[this.index] ?? "")) this.index++;
      attributes.set(attribute.toLowerCase(), this.readAttributeValue(begin));
    }
  }

  private readAttributeValue(begin: number): string {
    const s = this.source;
    const quote = s[this.index];
    if (quote === '"' || quote === "'") {
      const end = s.indexOf(quote, this.index + 1);
      if (end === -1) fail(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
      const value = s.slice(this.index + 1, end);
      this.index = end + 1;
      return decodeEntities(value);
    }
    const value = /^[^\s>]*/.exec(s.slice(this.index))?.[0] ?? "";
    this.index += value.length;
    return decodeEntities(value);
  }

  private readEndTag(begin: number): void {
    const s = this.source;
    this.index = begin + 2;
    const name = this.readName().toLowerCase();
    while (this.index < s.length && /\s/.test(s[this.index] ?? "")) this.index++;
    if (s[this.index] !== ">") fail(`Unclosed end tag at byte offset ${this.byteOffset(begin)}`);
    this.index++;
    const open = this.stack.pop();
    if (open === undefined) fail(`Unexpected end tag at byte offset ${this.byteOffset(begin)}`);
    if (open.name !== name) {
      fail(
        `Unmatched end tag at byte offset ${this.byteOffset(begin)}, expected "</${open.name}>", found "</${name}>"`,
      );
    }
    this.closeEntity(open);
  }

  private closeEntity(open: OpenTag): void {
    const length = this.out.length - open.start;
    const parent = this.stack[this.stack.length - 1];
    if (open.name === "code" && parent?.name === "pre") {
      // <pre><code class="language-x"> is one pre entity with a language, as in Telegram.
      const language = /^language-(.+)$/.exec(open.attributes.get("class") ?? "")?.[1];
      if (language !== undefined) parent.language = language;
      return;
    }
    if (length === 0) return;
    const entity: MessageEntity = { type: ENTITY_OF_TAG[open.name] ?? "bold", offset: open.start, length };
    if (open.name === "a") {
      const href = open.attributes.get("href") ?? "";
      if (href === "") return;
      entity.url = href;
    }
    if (open.name === "pre" && open.language !== undefined) entity.language = open.language;
    if (open.name === "blockquote" && open.attributes.has("expandable")) entity.type = "expandable_blockquote";
    this.entities.push(entity);
  }
}

function decodeEntities(value: string): string {
  return value.replace(
    /&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,9})|([a-zA-Z]+));?/g,
    (whole, hex?: string, dec?: string, name?: string) => {
      const code = hex !== undefined ? parseInt(hex, 16) : dec !== undefined ? parseInt(dec, 10) : undefined;
      if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      return NAMED_ENTITIES[(name ?? "").toLowerCase()] ?? whole;
    },
  );
}

function fail(reason: string): never {
  throw badRequest(`can't parse entities: ${reason}`);
}
