/**
 * Splits Telegram-HTML text into chunks whose visible length (tags removed, each entity one
 * character) is within a limit, never cutting a tag or an entity, closing tags still open at the
 * end of a chunk and reopening them at the start of the next. Prefers line breaks, then spaces.
 */

type OpenTag = { kind: "open"; name: string; raw: string };
type Token = OpenTag | { kind: "close"; name: string; raw: string } | { kind: "char"; raw: string };

function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /<\/?([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^>]*)?>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[\s\S]/gu;
  for (const match of html.matchAll(pattern)) {
    const raw = match[0];
    if (raw.startsWith("</") && match[1]) tokens.push({ kind: "close", name: match[1].toLowerCase(), raw });
    else if (raw.startsWith("<") && raw.length > 1 && match[1])
      tokens.push({ kind: "open", name: match[1].toLowerCase(), raw });
    else tokens.push({ kind: "char", raw });
  }
  return tokens;
}

/** Visible length as Telegram counts it (UTF-16 code units of the text without tags). */
export function visibleLength(html: string): number {
  let length = 0;
  for (const token of tokenize(html))
    if (token.kind === "char") length += token.raw.startsWith("&") && token.raw.length > 1 ? 1 : token.raw.length;
  return length;
}

export function splitHtml(html: string, limit: number): string[] {
  if (visibleLength(html) <= limit) return [html];
  const tokens = tokenize(html);
  const chunks: string[] = [];
  let start = 0;
  let reopen: OpenTag[] = [];
  while (start < tokens.length) {
    const stack: OpenTag[] = [...reopen];
    let visible = 0;
    let end = start;
    let breakAt = -1; // index after the best break candidate
    let breakStack: OpenTag[] = [];
    let breakQuality = 0; // 2 newline, 1 space
    while (end < tokens.length) {
      const token = tokens[end];
      if (!token) break;
      if (token.kind === "char") {
        const width = token.raw.startsWith("&") && token.raw.length > 1 ? 1 : token.raw.length;
        if (visible + width > limit) break;
        visible += width;
        const quality = token.raw === "\n" ? 2 : /\s/u.test(token.raw) ? 1 : 0;
        if (quality > 0 && quality >= breakQuality) {
          breakAt = end + 1;
          breakStack = [...stack];
          breakQuality = quality;
        }
      } else if (token.kind === "open") stack.push(token);
      else {
        const i = stack.map((t) => t.name).lastIndexOf(token.name);
        if (i >= 0) stack.splice(i, 1);
      }
      end++;
    }
    let cut = end;
    let open = stack;
    if (end < tokens.length && breakAt > start && breakQuality > 0) {
      cut = breakAt;
      open = breakStack;
    }
    const body =
      reopen.map((t) => t.raw).join("") +
      tokens
        .slice(start, cut)
        .map((t) => t.raw)
        .join("");
    const closing = [...open]
      .reverse()
      .map((t) => `</${t.name}>`)
      .join("");
    chunks.push((body + closing).replace(/\s+$/u, "") || body);
    reopen = open;
    if (cut <= start) break; // cannot happen with limit ≥ 2, but never loop forever
    start = cut;
  }
  return chunks.filter((c) => visibleLength(c) > 0);
}
