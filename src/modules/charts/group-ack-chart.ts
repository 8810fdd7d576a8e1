/** `/tinhtrang`'s picture: one bar per group that received the alert — how many people acknowledged there. */
import type { Media } from "../../core/messages.js";
import { t, type Locale, type TextParam } from "../../core/text.js";
import type { ChartDeps } from "./deps.js";
import { hbarChartSvg } from "./hbar-chart-svg.js";
import { renderPng } from "./render-png.js";

/** Bars drawn at most; the rest are counted in a note. */
export const MAX_GROUP_BARS = 15;

export interface GroupAck {
  readonly title: string | null;
  /** People who acknowledged in this group. */
  readonly people: number;
}

/** Most acknowledged first, then by name, so the silent groups end the list. */
export function orderGroups(groups: readonly GroupAck[]): GroupAck[] {
  return [...groups].sort((a, b) => b.people - a.people || (a.title ?? "").localeCompare(b.title ?? "", "vi"));
}

export async function groupAckChart(input: {
  deps: ChartDeps;
  locale: Locale;
  alertId: string;
  area: string;
  groups: readonly GroupAck[];
}): Promise<Media> {
  const label = (key: string, params?: Record<string, TextParam>) =>
    input.deps.label(t(`alerts:chart.${key}`, params), input.locale);
  const ordered = orderGroups(input.groups);
  const shown = ordered.slice(0, MAX_GROUP_BARS);
  const rest = ordered.length - shown.length;
  const svg = hbarChartSvg({
    title: label("title", { id: input.alertId, area: input.area }),
    subtitle: label("subtitle", { groups: ordered.length, acked: ordered.filter((g) => g.people > 0).length }),
    rows: shown.map((g) => ({
      label: g.title ?? label("untitled"),
      value: g.people,
      valueText: g.people > 0 ? label("people", { people: g.people }) : label("none"),
    })),
    ...(rest > 0 ? { note: label("more", { rest }) } : {}),
    emptyText: label("noGroups"),
  });
  const png = await renderPng(svg);
  return { kind: "bytes", base64: png.toString("base64"), filename: `${input.alertId}.png` };
}
