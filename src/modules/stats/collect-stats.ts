/** The figures of an area for a period, with group coverage, and (for CSV) the same for each area below it. */
import { parentCode } from "../areas/area-code.js";
import type { AreaCoverage, AreaFigures, SchoolHelp, StatsPeriod, StatsStore } from "./types.js";
import { isWithin } from "../areas/area-code.js";

export interface AreaStats {
  readonly code: string;
  readonly name: string;
  readonly figures: AreaFigures;
  /** Active registered groups of the area and below. */
  readonly groups: number;
}

export interface StatsReport extends AreaStats {
  /** Each area of the subtree with its own groups (the area itself first). */
  readonly coverage: readonly AreaCoverage[];
  /** The areas directly below, each with its subtree's figures (only when asked for). */
  readonly children: readonly AreaStats[];
  /** The schools of the subtree with their help requests' counts (issue 18). */
  readonly schools: readonly SchoolHelp[];
}

const groupsBelow = (coverage: readonly AreaCoverage[], code: string) =>
  coverage.filter((c) => isWithin(c.code, code)).reduce((sum, c) => sum + c.groups, 0);

export async function collectStats(input: {
  stats: StatsStore;
  area: { code: string; name: string };
  period: StatsPeriod;
  withChildren: boolean;
}): Promise<StatsReport> {
  const { stats, area, period } = input;
  const [figures, coverage, schools] = await Promise.all([
    stats.figures({ areaCode: area.code, period }),
    stats.coverage(area.code),
    stats.helpBySchool({ areaCode: area.code, period }),
  ]);
  const childAreas = input.withChildren ? coverage.filter((c) => parentCode(c.code) === area.code) : [];
  const children: AreaStats[] = [];
  for (const child of childAreas) {
    children.push({
      code: child.code,
      name: child.name,
      figures: await stats.figures({ areaCode: child.code, period }),
      groups: groupsBelow(coverage, child.code),
    });
  }
  return {
    code: area.code,
    name: area.name,
    figures,
    groups: groupsBelow(coverage, area.code),
    coverage,
    children,
    schools,
  };
}
