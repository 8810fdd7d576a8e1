/** What every chart shares: XML-safe text, a rough text width for DejaVu Sans, colours and scales. */

export const FONT_FAMILY = "DejaVu Sans";

/** Chart width in pixels: wide enough for Telegram to show it without zooming. */
export const CHART_WIDTH = 1000;

export const COLORS = {
  text: "#1f2933",
  muted: "#616e7c",
  grid: "#e4e7eb",
  axis: "#9aa5b1",
  background: "#ffffff",
  empty: "#cbd2d9",
  /** Series colours (Okabe–Ito, readable with colour blindness). */
  series: ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#f0e442", "#999999"],
  rate: "#c0392b",
  good: "#009e73",
} as const;

/** Characters XML 1.0 cannot hold at all (a group title may contain them): dropped before escaping. */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XML character data or attribute value. */
export function escapeXml(value: string): string {
  return value
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Roughly how wide DejaVu Sans sets a text (its average advance is about 0.6 em). */
export function textWidth(text: string, fontSize: number): number {
  return [...text.normalize("NFC")].length * fontSize * 0.6;
}

/** The text, cut with "…" so it fits `maxWidth`. */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  const chars = [...text.normalize("NFC").replace(/\s+/g, " ").trim()];
  const room = Math.max(1, Math.floor(maxWidth / (fontSize * 0.6)));
  return chars.length <= room
    ? chars.join("")
    : `${chars
        .slice(0, Math.max(0, room - 1))
        .join("")
        .trimEnd()}…`;
}

export interface TextStyle {
  readonly size: number;
  readonly anchor?: "start" | "middle" | "end";
  readonly bold?: boolean;
  readonly fill?: string;
  /** A white outline, so the text stays readable over lines and bars. */
  readonly halo?: boolean;
}

/** One `<text>` element; the content is escaped here. */
export function svgText(x: number, y: number, content: string, style: TextStyle): string {
  const anchor = style.anchor && style.anchor !== "start" ? ` text-anchor="${style.anchor}"` : "";
  const weight = style.bold ? ` font-weight="bold"` : "";
  const halo = style.halo
    ? ` stroke="${COLORS.background}" stroke-width="4" stroke-linejoin="round" paint-order="stroke"`
    : "";
  return `<text x="${round(x)}" y="${round(y)}" font-size="${style.size}"${anchor}${weight}${halo} fill="${style.fill ?? COLORS.text}">${escapeXml(content)}</text>`;
}

export function svgRect(x: number, y: number, width: number, height: number, fill: string): string {
  return `<rect x="${round(x)}" y="${round(y)}" width="${round(Math.max(0, width))}" height="${round(Math.max(0, height))}" fill="${fill}"/>`;
}

export function svgLine(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1): string {
  return `<line x1="${round(x1)}" y1="${round(y1)}" x2="${round(x2)}" y2="${round(y2)}" stroke="${stroke}" stroke-width="${width}"/>`;
}

/** The whole document: white background, one font family for every text. */
export function svgDocument(width: number, height: number, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
    svgRect(0, 0, width, height, COLORS.background),
    ...body,
    "</svg>",
  ].join("\n");
}

export const round = (n: number) => Math.round(n * 10) / 10;

/** An axis maximum of 1, 2 or 5 × 10ⁿ steps (at most `ticks` of them) covering `max`; counts stay whole. */
export function niceScale(max: number, ticks = 5): { readonly max: number; readonly step: number } {
  if (!(max > 0)) return { max: ticks, step: 1 };
  const rough = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude);
  return { max: Math.ceil(max / step) * step, step };
}
