/** Prisma implementation of GroupApprovers: who may approve a group for an area. */
import type { Db } from "../../db/client.js";
import type { SuperadminRef } from "./access.js";
import { readAreaChain, readAreaOfficers, toAreaOfficer } from "./area-chain-repo.js";
import { areaFields } from "./area-removal-repo.js";
import type { Approver, GroupApprovers } from "./group-setup-deps.js";
import type { AreaRecord } from "./types.js";

const userFields = { id: true, platform: true, platformUserId: true, locale: true } as const;
/** Buttons an offer can carry. */
const MAX_TOP_AREAS = 6;

export class PrismaGroupApprovers implements GroupApprovers {
  constructor(private readonly db: Db) {}

  areaChain(areaId: number): Promise<AreaRecord[]> {
    return readAreaChain(this.db, areaId);
  }

  officersOf(areaId: number): Promise<Approver[]> {
    return readAreaOfficers(this.db, areaId);
  }

  async superadmins(refs: readonly SuperadminRef[]): Promise<Approver[]> {
    if (refs.length === 0) return [];
    const rows = await this.db.user.findMany({
      where: { OR: refs.map((r) => ({ platform: r.platform, platformUserId: r.platformUserId })) },
      select: userFields,
      orderBy: { id: "asc" },
    });
    return rows.map(toAreaOfficer);
  }

  topAreas(): Promise<AreaRecord[]> {
    return this.db.area.findMany({
      where: { parentId: null },
      select: areaFields,
      orderBy: { code: "asc" },
      take: MAX_TOP_AREAS,
    });
  }
}
