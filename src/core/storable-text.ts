/**
 * What people write may hold characters PostgreSQL cannot store — NUL (refused in text and in
 * jsonb) and, from a JSON body, a lone UTF-16 surrogate — and one of them in a name or a message
 * would fail every update that carries it. Platform adapters pass inbound strings through here:
 * such characters become U+FFFD, as a decoder would show them; everything else is kept as sent.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function storableText(text: string): string {
  return text.replace(UNSTORABLE, "\ufffd");
}

/** A copy of a JSON-like value with every string made storable. */
export function withStorableStrings<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withStorableStrings(item)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]: [string, unknown]) => [key, withStorableStrings(item)]),
    ) as T;
  }
  return value;
}
