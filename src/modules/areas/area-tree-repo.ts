/** Prisma implementation of AreaTree: the area tree as browsers read it. */
import type { Db } from "../../db/client.js";
import { nameMatches, type AreaNode, type AreaTree } from "./area-browser.js";

/** The fields an `AreaNode` is read from (`toNode`). */
export const nodeFields = {
  id: true,
  code: true,
  name: true,
  parentId: true,
  _count: { select: { children: true } },
} as const;
type NodeRow = { id: number; code: string; name: string; parentId: number | null; _count: { children: number } };
export const toNode = (row: NodeRow): AreaNode => ({
  id: row.id,
  code: row.code,
  name: row.name,
  parentId: row.parentId,
  hasChildren: row._count.children > 0,
});

/** Areas a browser shows on one level (Telegram keeps a keyboard readable up to about this many). */
const LEVEL_LIMIT = 60;

export class PrismaAreaTree implements AreaTree {
  constructor(private readonly db: Db) {}

  async children(parentId: number | null): Promise<AreaNode[]> {
    const rows = await this.db.area.findMany({
      where: { parentId },
      select: nodeFields,
      orderBy: { code: "asc" },
      take: LEVEL_LIMIT,
    });
    return rows.map(toNode);
  }

  async node(areaId: number): Promise<AreaNode | null> {
    const row = await this.db.area.findUnique({ where: { id: areaId }, select: nodeFields });
    return row && toNode(row);
  }

  async searchByName(query: string, limit: number): Promise<AreaNode[]> {
    // Names are folded in the process (PostgreSQL's unaccent is an extension we cannot count on);
    // a province has a few thousand areas at most.
    const rows = await this.db.area.findMany({ select: nodeFields, orderBy: { code: "asc" } });
    return rows
      .filter((row) => nameMatches(row.name, query))
      .slice(0, limit)
      .map(toNode);
  }
}
