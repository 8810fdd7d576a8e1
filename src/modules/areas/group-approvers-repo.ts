/** Prisma implementation of GroupApprovers: who may approve a group for an area. */
import type { Db } from "../../db/client.js";
import type { PlatformName } from "../../core/messages.js";
import { isLocale } from "../../core/text.js";
import type { SuperadminRef } from "./access.js";
import { areaFields } from "./area-removal-repo.js";
import type { Approver, GroupApprovers } from "./group-setup-deps.js";
import type { AreaRecord } from "./types.js";

const userFields = { id: true, platform: true, platformUserId: true, locale: true } as const;
/** Areas are at most six levels deep (area-code.ts); the bound keeps a corrupt cycle from looping. */
const MAX_CHAIN = 12;
/** Buttons an offer can carry. */
const MAX_TOP_AREAS = 6;

type UserRow = { id: number; platform: PlatformName; platformUserId: string; locale: string | null };
const toApprover = (u: UserRow): Approver => ({ userId: u.id, platform: u.platform, platformUserId: u.platformUserId, locale: isLocale(u.locale) ? u.locale : null });

export class PrismaGroupApprovers implements GroupApprovers {
  constructor(private readonly db: Db) {}

  async areaChain(areaId: number): Promise<AreaRecord[]> {
    const chain: AreaRecord[] = [];
    let next: number | null = areaId;
    while (next !== null && chain.length < MAX_CHAIN) {
      const area: AreaRecord | null = await this.db.area.findUnique({ where: { id: next }, select: areaFields });
      if (!area) break;
      chain.push(area);
      next = area.parentId;
    }
    return chain;
  }

  async officersOf(areaId: number): Promise<Approver[]> {
    const rows = await this.db.role.findMany({ where: { areaId, revokedAt: null, role: { in: ["officer", "admin"] } }, select: { user: { select: userFields } }, orderBy: { id: "asc" } });
    return [...new Map(rows.map((r) => [r.user.id, toApprover(r.user)])).values()];
  }

  async superadmins(refs: readonly SuperadminRef[]): Promise<Approver[]> {
    if (refs.length === 0) return [];
    const rows = await this.db.user.findMany({ where: { OR: refs.map((r) => ({ platform: r.platform, platformUserId: r.platformUserId })) }, select: userFields, orderBy: { id: "asc" } });
    return rows.map(toApprover);
  }

  topAreas(): Promise<AreaRecord[]> {
    return this.db.area.findMany({ where: { parentId: null }, select: areaFields, orderBy: { code: "asc" }, take: MAX_TOP_AREAS });
  }
}
