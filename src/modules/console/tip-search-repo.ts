/** Prisma implementation of ConsoleTipSearch: the inbox's filters and search, read only. */
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../db/client.js";
import { areaSubtreeWhere } from "../../db/area-subtree.js";
import { tipInclude, toTip } from "../tips/repo.js";
import { ALL_TIP_CATEGORIES, type TipCategory, type TipRecord } from "../tips/types.js";
import type { ConsoleTipSearch, TipFilter } from "./types.js";

const OPEN = ["received", "forwarded", "taken"] as const;

function withinWhere(within: readonly string[] | "all"): Prisma.TipWhereInput {
  return within === "all" ? {} : { OR: within.map((code) => ({ area: areaSubtreeWhere(code) })) };
}

const contains = (phrase: string): Prisma.TipWhereInput[] => [
  { text: { contains: phrase, mode: "insensitive" } },
  { code: { contains: phrase, mode: "insensitive" } },
  { messages: { some: { text: { contains: phrase, mode: "insensitive" } } } },
];

function filterWhere(filter: TipFilter): Prisma.TipWhereInput[] {
  const where: Prisma.TipWhereInput[] = [];
  if (filter.status === "open") where.push({ status: { in: [...OPEN] } });
  else if (filter.status !== "all") where.push({ status: filter.status });
  if (filter.category && (ALL_TIP_CATEGORIES as readonly string[]).includes(filter.category))
    where.push({ category: filter.category as TipCategory });
  if (filter.areaCode) where.push({ area: areaSubtreeWhere(filter.areaCode) });
  if (filter.from) where.push({ createdAt: { gte: filter.from } });
  if (filter.to) where.push({ createdAt: { lt: filter.to } });
  // Every word must appear somewhere (text, follow-ups or code).
  for (const word of (filter.query ?? "").split(/\s+/).filter(Boolean).slice(0, 8)) where.push({ OR: contains(word) });
  return where;
}

export class PrismaConsoleTipSearch implements ConsoleTipSearch {
  constructor(private readonly db: Db) {}

  async search(input: { within: readonly string[] | "all"; filter: TipFilter; limit: number }): Promise<TipRecord[]> {
    const rows = await this.db.tip.findMany({
      where: { AND: [withinWhere(input.within), ...filterWhere(input.filter), { contentDeletedAt: null }] },
      orderBy: { id: "desc" },
      take: input.limit,
      include: tipInclude,
    });
    return rows.map(toTip);
  }

  async nearby(input: {
    within: readonly string[] | "all";
    latitude: number;
    longitude: number;
    exceptId: number;
    limit: number;
  }): Promise<TipRecord[]> {
    // ~0.002° is ~200 m of latitude; a box is enough to put tips of one street side by side.
    const dLat = 0.002;
    const dLon = 0.002 / Math.max(0.2, Math.cos((input.latitude * Math.PI) / 180));
    const rows = await this.db.tip.findMany({
      where: {
        AND: [
          withinWhere(input.within),
          { id: { not: input.exceptId }, contentDeletedAt: null },
          { latitude: { gte: input.latitude - dLat, lte: input.latitude + dLat } },
          { longitude: { gte: input.longitude - dLon, lte: input.longitude + dLon } },
        ],
      },
      orderBy: { id: "desc" },
      take: input.limit,
      include: tipInclude,
    });
    return rows.map(toTip);
  }

  async mentioning(input: {
    within: readonly string[] | "all";
    phrases: readonly string[];
    exceptId: number;
    limit: number;
  }): Promise<TipRecord[]> {
    if (input.phrases.length === 0) return [];
    const rows = await this.db.tip.findMany({
      where: {
        AND: [
          withinWhere(input.within),
          { id: { not: input.exceptId }, contentDeletedAt: null },
          { OR: input.phrases.flatMap(contains) },
        ],
      },
      orderBy: { id: "desc" },
      take: input.limit,
      include: tipInclude,
    });
    return rows.map(toTip);
  }
}
