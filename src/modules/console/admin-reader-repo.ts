/** Prisma implementation of AdminReader: areas and pending invites of some subtrees, read only. */
import type { RoleName } from "../../core/actors.js";
import type { Db } from "../../db/client.js";
import { areaSubtreeWhere } from "../../db/area-subtree.js";
import type { AdminAreaRow, AdminReader, PendingInviteRow } from "./admin-scope.js";

const within = (codes: readonly string[] | "all") =>
  codes === "all" ? {} : { OR: codes.map((code) => areaSubtreeWhere(code)) };

export class PrismaAdminReader implements AdminReader {
  constructor(private readonly db: Db) {}

  async areas(codes: readonly string[] | "all", limit: number): Promise<AdminAreaRow[]> {
    return this.db.area.findMany({
      where: within(codes),
      select: { id: true, code: true, name: true, kind: true },
      orderBy: { code: "asc" },
      take: limit,
    });
  }

  async pendingInvites(codes: readonly string[] | "all", now: Date, limit: number): Promise<PendingInviteRow[]> {
    const rows = await this.db.invite.findMany({
      where: { area: within(codes), usedAt: null, withdrawnAt: null, expiresAt: { gt: now } },
      select: { id: true, code: true, role: true, expiresAt: true, area: { select: { code: true, name: true } } },
      orderBy: { id: "desc" },
      take: limit,
    });
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      role: r.role as RoleName,
      areaCode: r.area.code,
      areaName: r.area.name,
      expiresAt: r.expiresAt,
    }));
  }
}
