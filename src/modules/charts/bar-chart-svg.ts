/**
 * A column chart as SVG, pure: one or more panels of bars (stacked or side by side) over the same
 * kind of x axis, each with its legend and, optionally, a rate line on a 0–100 % right-hand axis.
 * Every text comes in already translated; it is escaped here.
 */
import {
  CHART_WIDTH,
  COLORS,
  fitText,
  niceScale,
  round,
  svgDocument,
  svgLine,
  svgRect,
  svgText,
  textWidth,
} from "./svg-text.js";

export interface BarSeries {
  readonly name: string;
  readonly color: string;
  /** One value per category (x label). */
  readonly values: readonly number[];
}

/** A share between 0 and 1 per category, or null where there is nothing to divide by. */
export interface RateLine {
  readonly name: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
}

export interface BarPanel {
  readonly title: string;
  /** The x labels, one per column. */
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  readonly mode: "stacked" | "grouped";
  readonly rate?: RateLine;
  /** Shown instead of bars when every value is zero. */
  readonly emptyText: string;
}

export interface BarChartSpec {
  readonly title: string;
  readonly subtitle?: string;
  readonly panels: readonly BarPanel[];
  /** A line of small print at the bottom. */
  readonly footnote?: string;
}

export const BAR_LAYOUT = { header: 96, panel: 310, footer: 40 } as const;

/** The picture's size for a number of panels. */
export function barChartSize(panels: number): { readonly width: number; readonly height: number } {
  return { width: CHART_WIDTH, height: BAR_LAYOUT.header + Math.max(1, panels) * BAR_LAYOUT.panel + BAR_LAYOUT.footer };
}

export function barChartSvg(spec: BarChartSpec): string {
  const { width, height } = barChartSize(spec.panels.length);
  const body: string[] = [svgText(32, 42, fitText(spec.title, width - 64, 24), { size: 24, bold: true })];
  if (spec.subtitle)
    body.push(svgText(32, 70, fitText(spec.subtitle, width - 64, 14), { size: 14, fill: COLORS.muted }));
  spec.panels.forEach((panel, index) =>
    body.push(...panelSvg(panel, BAR_LAYOUT.header + index * BAR_LAYOUT.panel, width)),
  );
  if (spec.footnote)
    body.push(svgText(32, height - 16, fitText(spec.footnote, width - 64, 12), { size: 12, fill: COLORS.muted }));
  return svgDocument(width, height, body);
}

interface Plot {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

function panelSvg(panel: BarPanel, top: number, width: number): string[] {
  const plot: Plot = {
    left: 72,
    right: width - (panel.rate ? 72 : 32),
    top: top + 66,
    bottom: top + BAR_LAYOUT.panel - 40,
  };
  const out = [
    svgText(32, top + 20, fitText(panel.title, width - 64, 17), { size: 17, bold: true }),
    ...legendSvg(panel, top + 44, width),
  ];
  const n = panel.categories.length;
  const totals = panel.categories.map((_, i) => panel.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const peak =
    panel.mode === "stacked" ? Math.max(0, ...totals) : Math.max(0, ...panel.series.flatMap((s) => s.values));
  const scale = niceScale(peak);
  out.push(...gridSvg(plot, scale));
  if (panel.rate) out.push(...rateAxisSvg(plot, panel.rate.color));
  const slot = n > 0 ? (plot.right - plot.left) / n : 0;
  const widest = Math.max(0, ...panel.categories.map((c) => textWidth(c, 12)));
  // Crowded x labels: every second (third…) one, so none overlaps.
  const labelEvery = Math.max(1, Math.ceil((Math.min(widest, 120) + 8) / Math.max(1, slot)));
  panel.categories.forEach((label, i) => {
    const x = plot.left + slot * (i + 0.5);
    if (i % labelEvery === 0)
      out.push(
        svgText(x, plot.bottom + 20, fitText(label, slot * labelEvery - 4, 12), {
          size: 12,
          anchor: "middle",
          fill: COLORS.muted,
        }),
      );
  });
  if (peak === 0) {
    out.push(
      svgText((plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2, panel.emptyText, {
        size: 16,
        anchor: "middle",
        fill: COLORS.muted,
        halo: true,
      }),
    );
    return out;
  }
  const y = (value: number) => plot.bottom - (value / scale.max) * (plot.bottom - plot.top);
  out.push(...columnsSvg({ panel, plot, slot, y }));
  if (panel.rate) out.push(...rateLineSvg(panel.rate, plot, slot));
  return out;
}

/** The bars of every column, each with its value (a stack with its total) on top. */
function columnsSvg(input: { panel: BarPanel; plot: Plot; slot: number; y: (value: number) => number }): string[] {
  const { panel, plot, slot, y } = input;
  const out: string[] = [];
  const barWidth = slot * 0.64;
  panel.categories.forEach((_, i) => {
    const x0 = plot.left + slot * i + (slot - barWidth) / 2;
    if (panel.mode === "stacked") {
      let base = 0;
      for (const s of panel.series) {
        const value = s.values[i] ?? 0;
        if (value > 0) out.push(svgRect(x0, y(base + value), barWidth, y(base) - y(base + value), s.color));
        base += value;
      }
      if (base > 0) out.push(svgText(x0 + barWidth / 2, y(base) - 5, String(base), { size: 12, anchor: "middle" }));
      return;
    }
    const w = barWidth / Math.max(1, panel.series.length);
    panel.series.forEach((s, k) => {
      const value = s.values[i] ?? 0;
      if (value <= 0) return;
      out.push(svgRect(x0 + k * w, y(value), w - 1, plot.bottom - y(value), s.color));
      out.push(svgText(x0 + (k + 0.5) * w, y(value) - 5, String(value), { size: 12, anchor: "middle" }));
    });
  });
  return out;
}

function legendSvg(panel: BarPanel, y: number, width: number): string[] {
  const items = [
    ...panel.series.map((s) => ({ name: s.name, color: s.color, line: false })),
    ...(panel.rate ? [{ name: panel.rate.name, color: panel.rate.color, line: true }] : []),
  ];
  const out: string[] = [];
  let x = 32;
  for (const item of items) {
    const label = fitText(item.name, 260, 13);
    const itemWidth = 20 + textWidth(label, 13) + 18;
    if (x + itemWidth > width - 16) break;
    out.push(item.line ? svgLine(x, y - 4, x + 14, y - 4, item.color, 3) : svgRect(x, y - 11, 14, 14, item.color));
    out.push(svgText(x + 20, y + 1, label, { size: 13 }));
    x += itemWidth;
  }
  return out;
}

function gridSvg(plot: Plot, scale: { max: number; step: number }): string[] {
  const out: string[] = [];
  for (let v = 0; v <= scale.max; v += scale.step) {
    const y = plot.bottom - (v / scale.max) * (plot.bottom - plot.top);
    out.push(svgLine(plot.left, y, plot.right, y, v === 0 ? COLORS.axis : COLORS.grid));
    out.push(svgText(plot.left - 8, y + 4, String(v), { size: 12, anchor: "end", fill: COLORS.muted }));
  }
  return out;
}

function rateAxisSvg(plot: Plot, color: string): string[] {
  return [0, 0.5, 1].map((share) =>
    svgText(plot.right + 8, plot.bottom - share * (plot.bottom - plot.top) + 4, `${share * 100}%`, {
      size: 12,
      fill: color,
    }),
  );
}

function rateLineSvg(rate: RateLine, plot: Plot, slot: number): string[] {
  const point = (v: number, i: number) => ({
    x: plot.left + slot * (i + 0.5),
    y: plot.bottom - Math.min(1, Math.max(0, v)) * (plot.bottom - plot.top),
    v,
  });
  // A column with nothing to divide by breaks the line: no rate is not a 0 % rate.
  const runs: { x: number; y: number; v: number }[][] = [[]];
  rate.values.forEach((v, i) => (v === null ? runs.push([]) : runs.at(-1)?.push(point(v, i))));
  const out: string[] = [];
  for (const run of runs.filter((r) => r.length > 1)) {
    out.push(
      `<polyline points="${run.map((p) => `${round(p.x)},${round(p.y)}`).join(" ")}" fill="none" stroke="${rate.color}" stroke-width="2.5"/>`,
    );
  }
  for (const p of runs.flat()) {
    out.push(
      `<circle cx="${round(p.x)}" cy="${round(p.y)}" r="4.5" fill="${COLORS.background}" stroke="${rate.color}" stroke-width="2.5"/>`,
    );
    out.push(
      svgText(p.x + 8, p.y - 9, `${Math.round(p.v * 100)}%`, { size: 12, bold: true, fill: rate.color, halo: true }),
    );
  }
  return out;
}
