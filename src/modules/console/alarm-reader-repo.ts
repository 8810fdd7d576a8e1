/** Prisma implementation of AlarmReader: recent raised alarms of some subtrees, read only. */
import type { Db } from "../../db/client.js";
import { areaSubtreeWhere } from "../../db/area-subtree.js";
import type { AlarmReader, AlarmRow } from "./list-console-alarms.js";

export class PrismaAlarmReader implements AlarmReader {
  constructor(private readonly db: Db) {}

  async recent(input: { within: readonly string[] | "all"; since: Date; limit: number }): Promise<AlarmRow[]> {
    const areas = await this.db.area.findMany({
      where: input.within === "all" ? {} : { OR: input.within.map((code) => areaSubtreeWhere(code)) },
      select: { id: true, name: true },
    });
    const names = new Map(areas.map((a) => [a.id, a.name]));
    const rows = await this.db.alarm.findMany({
      where: { areaId: { in: [...names.keys()] }, state: { not: "draft" }, raisedAt: { gte: input.since } },
      orderBy: { id: "desc" },
      take: input.limit,
      select: { id: true, areaId: true, category: true, state: true, raisedAt: true, firstResponseAt: true },
    });
    return rows.flatMap((r) =>
      r.raisedAt && r.state !== "draft"
        ? [
            {
              id: r.id,
              areaName: names.get(r.areaId) ?? "",
              category: r.category,
              state: r.state,
              raisedAt: r.raisedAt,
              firstResponseAt: r.firstResponseAt,
            },
          ]
        : [],
    );
  }
}
