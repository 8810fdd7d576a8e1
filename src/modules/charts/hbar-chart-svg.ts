/**
 * A horizontal bar chart as SVG, pure: one labelled bar per row (long names fit on the left), the
 * value written after each bar, rows with nothing shown as a grey stub with their own words.
 * Every text comes in already translated; it is escaped here.
 */
import { CHART_WIDTH, COLORS, fitText, niceScale, svgDocument, svgLine, svgRect, svgText } from "./svg-text.js";

export interface HBarRow {
  readonly label: string;
  readonly value: number;
  /** Written after the bar, e.g. "3 người" or "chưa ai xác nhận". */
  readonly valueText: string;
}

export interface HBarChartSpec {
  readonly title: string;
  readonly subtitle?: string;
  readonly rows: readonly HBarRow[];
  /** A line under the rows, e.g. "… và 4 nhóm khác". */
  readonly note?: string;
  /** Shown instead of rows when there are none. */
  readonly emptyText: string;
  readonly color?: string;
}

export const HBAR_LAYOUT = { header: 96, row: 34, axis: 28, note: 30, footer: 24 } as const;

/** The picture's size for a number of rows (with or without the note line). */
export function hbarChartSize(rows: number, withNote: boolean): { readonly width: number; readonly height: number } {
  const h = HBAR_LAYOUT;
  return {
    width: CHART_WIDTH,
    height: h.header + Math.max(1, rows) * h.row + h.axis + (withNote ? h.note : 0) + h.footer,
  };
}

export function hbarChartSvg(spec: HBarChartSpec): string {
  const { width, height } = hbarChartSize(spec.rows.length, spec.note !== undefined);
  const labelRight = 330;
  const barLeft = labelRight + 12;
  const barRight = width - 170;
  const top = HBAR_LAYOUT.header;
  const bottom = top + Math.max(1, spec.rows.length) * HBAR_LAYOUT.row;
  const body: string[] = [svgText(32, 42, fitText(spec.title, width - 64, 24), { size: 24, bold: true })];
  if (spec.subtitle)
    body.push(svgText(32, 70, fitText(spec.subtitle, width - 64, 14), { size: 14, fill: COLORS.muted }));
  if (spec.rows.length === 0) {
    body.push(
      svgText(width / 2, top + HBAR_LAYOUT.row / 2 + 6, spec.emptyText, {
        size: 16,
        anchor: "middle",
        fill: COLORS.muted,
      }),
    );
    return svgDocument(width, height, body);
  }
  const scale = niceScale(Math.max(0, ...spec.rows.map((r) => r.value)));
  const x = (value: number) => barLeft + (value / scale.max) * (barRight - barLeft);
  for (let v = 0; v <= scale.max; v += scale.step) {
    body.push(svgLine(x(v), top - 4, x(v), bottom, v === 0 ? COLORS.axis : COLORS.grid));
    body.push(svgText(x(v), bottom + 18, String(v), { size: 12, anchor: "middle", fill: COLORS.muted }));
  }
  spec.rows.forEach((row, i) => {
    const y = top + i * HBAR_LAYOUT.row;
    const mid = y + HBAR_LAYOUT.row / 2;
    body.push(svgText(labelRight, mid + 5, fitText(row.label, labelRight - 32, 14), { size: 14, anchor: "end" }));
    const end = row.value > 0 ? x(row.value) : barLeft + 4;
    body.push(
      svgRect(
        barLeft,
        y + 7,
        end - barLeft,
        HBAR_LAYOUT.row - 14,
        row.value > 0 ? (spec.color ?? COLORS.good) : COLORS.empty,
      ),
    );
    body.push(
      svgText(end + 8, mid + 5, row.valueText, {
        size: 13,
        bold: row.value > 0,
        fill: row.value > 0 ? COLORS.text : COLORS.muted,
      }),
    );
  });
  if (spec.note)
    body.push(
      svgText(labelRight, bottom + HBAR_LAYOUT.axis + 18, spec.note, { size: 14, anchor: "end", fill: COLORS.muted }),
    );
  return svgDocument(width, height, body);
}
