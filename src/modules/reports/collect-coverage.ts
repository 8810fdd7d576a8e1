/** The coverage and health report of an area (and every area below it) at a moment. */
import type { AreaCoverageLine, CoverageFigures, CoverageStore } from "./types.js";

/** Silent groups and lost rights look this far back. */
export const REPORT_WINDOW_DAYS = 30;
/** Overdue tips listed one by one (the rest are counted). */
const TIP_LINES = 50;

export interface CoverageReport extends CoverageFigures {
  readonly area: { readonly code: string; readonly name: string };
  readonly at: Date;
  /** Residential areas (no area below them) without an active group. */
  readonly uncovered: readonly AreaCoverageLine[];
  readonly groups: number;
  readonly zaloFollowers: number;
  readonly escalateMinutes: number;
}

export async function collectCoverage(input: {
  store: CoverageStore;
  area: { code: string; name: string };
  now: Date;
  escalateMinutes: number;
}): Promise<CoverageReport> {
  const { now } = input;
  const figures = await input.store.coverage({
    areaCode: input.area.code,
    since: new Date(now.getTime() - REPORT_WINDOW_DAYS * 86_400_000),
    tipsBefore: new Date(now.getTime() - input.escalateMinutes * 60_000),
    limit: TIP_LINES,
  });
  const sum = (pick: (a: AreaCoverageLine) => number) => figures.areas.reduce((total, a) => total + pick(a), 0);
  return {
    ...figures,
    area: { code: input.area.code, name: input.area.name },
    at: now,
    uncovered: figures.areas.filter((a) => a.leaf && a.groups === 0),
    groups: sum((a) => a.groups),
    zaloFollowers: sum((a) => a.zaloFollowers),
    escalateMinutes: input.escalateMinutes,
  };
}
