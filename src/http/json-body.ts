/**
 * Reads a webhook body as JSON. JSON may carry what no platform sends and PostgreSQL cannot store —
 * a lone UTF-16 surrogate (`"\ud800"`) or a NUL character — and one such character in a display
 * name would otherwise fail every update of that person. They become U+FFFD, as a decoder would
 * show them; everything else is kept as sent.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Parses a body; throws SyntaxError when it is not JSON. */
export function parseJsonBody(body: Buffer): unknown {
  return JSON.parse(body.toString("utf8"), (_key, value: unknown) => (typeof value === "string" ? value.replace(UNSTORABLE, "\ufffd") : value));
}
