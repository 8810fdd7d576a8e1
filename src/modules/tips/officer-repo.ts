/** Prisma implementation of OfficerDirectory: who handles tips where, and the area tree for tipsters. */
import type { Db } from "../../db/client.js";
import type { PlatformName } from "../../core/messages.js";
import { isLocale, type Locale } from "../../core/text.js";
import type { SuperadminRef } from "../areas/access.js";
import { readAreaChain, readAreaOfficers } from "../areas/area-chain-repo.js";
import type { AreaRecord } from "../areas/types.js";
import { nodeFields, toNode } from "../areas/area-tree-repo.js";
import type { AreaChoice, OfficerDirectory, OfficerRecord } from "./types.js";

const userFields = { id: true, platform: true, platformUserId: true, locale: true } as const;

type UserRow = { id: number; platform: PlatformName; platformUserId: string; locale: string | null };
const toOfficer = (u: UserRow): OfficerRecord => ({
  userId: u.id,
  platform: u.platform,
  platformUserId: u.platformUserId,
  locale: isLocale(u.locale) ? u.locale : null,
});

export class PrismaOfficerDirectory implements OfficerDirectory {
  constructor(private readonly db: Db) {}

  areaChain(areaId: number): Promise<AreaRecord[]> {
    return readAreaChain(this.db, areaId);
  }

  officersOf(areaId: number): Promise<OfficerRecord[]> {
    return readAreaOfficers(this.db, areaId);
  }

  async counsellorsOf(areaId: number): Promise<OfficerRecord[]> {
    const rows = await this.db.role.findMany({
      where: { areaId, revokedAt: null, role: "counsellor" },
      select: { user: { select: userFields } },
      orderBy: { id: "asc" },
    });
    return [...new Map(rows.map((r) => [r.user.id, toOfficer(r.user)])).values()];
  }

  async superadmins(refs: readonly SuperadminRef[]): Promise<OfficerRecord[]> {
    if (refs.length === 0) return [];
    const rows = await this.db.user.findMany({
      where: { OR: refs.map((r) => ({ platform: r.platform, platformUserId: r.platformUserId })) },
      select: userFields,
      orderBy: { id: "asc" },
    });
    return rows.map(toOfficer);
  }

  async officer(userId: number): Promise<OfficerRecord | null> {
    const row = await this.db.user.findUnique({ where: { id: userId }, select: userFields });
    return row && toOfficer(row);
  }

  async children(parentId: number | null): Promise<AreaChoice[]> {
    const rows = await this.db.area.findMany({
      where: { parentId },
      select: nodeFields,
      orderBy: { code: "asc" },
      take: 60,
    });
    return rows.map(toNode);
  }

  async areasByIds(ids: readonly number[]): Promise<AreaChoice[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.area.findMany({
      where: { id: { in: [...ids] } },
      select: nodeFields,
      orderBy: { code: "asc" },
    });
    return rows.map(toNode);
  }

  async followedAreaIds(userId: number): Promise<number[]> {
    const rows = await this.db.areaFollower.findMany({ where: { userId }, select: { areaId: true } });
    return rows.map((r) => r.areaId);
  }

  async localeOf(platform: PlatformName, platformUserId: string): Promise<Locale | null> {
    const row = await this.db.user.findUnique({
      where: { platform_platformUserId: { platform, platformUserId } },
      select: { locale: true },
    });
    return isLocale(row?.locale) ? row.locale : null;
  }
}
