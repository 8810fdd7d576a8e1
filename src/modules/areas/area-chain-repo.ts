/**
 * Two reads that tip routing and group approval share: an area with its ancestors, and the people
 * who hold officer (or admin) rights on exactly one area. Prisma, for the areas module's repos.
 */
import type { Db } from "../../db/client.js";
import type { PlatformName } from "../../core/messages.js";
import { isLocale, type Locale } from "../../core/text.js";
import { areaFields } from "./area-removal-repo.js";
import type { AreaRecord } from "./types.js";

/** Areas are at most six levels deep (area-code.ts); the bound keeps a corrupt cycle from looping. */
const MAX_CHAIN = 12;
const userFields = { id: true, platform: true, platformUserId: true, locale: true } as const;

/** A role holder as the chat needs them: who, where to write, in which language. */
export interface AreaOfficer {
  readonly userId: number;
  readonly platform: PlatformName;
  readonly platformUserId: string;
  readonly locale: Locale | null;
}

/** The area and its ancestors, nearest first. */
export async function readAreaChain(db: Db, areaId: number): Promise<AreaRecord[]> {
  const chain: AreaRecord[] = [];
  let next: number | null = areaId;
  while (next !== null && chain.length < MAX_CHAIN) {
    const area: AreaRecord | null = await db.area.findUnique({ where: { id: next }, select: areaFields });
    if (!area) break;
    chain.push(area);
    next = area.parentId;
  }
  return chain;
}

/** Active officers and admins whose role is on this very area, each once, oldest grant first. */
export async function readAreaOfficers(db: Db, areaId: number): Promise<AreaOfficer[]> {
  const rows = await db.role.findMany({
    where: { areaId, revokedAt: null, role: { in: ["officer", "admin"] } },
    select: { user: { select: userFields } },
    orderBy: { id: "asc" },
  });
  const unique = new Map(rows.map((r) => [r.user.id, toAreaOfficer(r.user)]));
  return [...unique.values()];
}

export function toAreaOfficer(u: {
  id: number;
  platform: PlatformName;
  platformUserId: string;
  locale: string | null;
}): AreaOfficer {
  return {
    userId: u.id,
    platform: u.platform,
    platformUserId: u.platformUserId,
    locale: isLocale(u.locale) ? u.locale : null,
  };
}
