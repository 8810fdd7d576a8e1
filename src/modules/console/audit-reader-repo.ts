/** Prisma implementation of AuditReader: the latest entries of some subtrees, read only. */
import type { Db } from "../../db/client.js";
import { areaSubtreeWhere } from "../../db/area-subtree.js";
import type { AuditEntry, AuditReader } from "./list-audit-log.js";

export class PrismaAuditReader implements AuditReader {
  constructor(private readonly db: Db) {}

  async latest(input: { within: readonly string[] | "all"; limit: number }): Promise<AuditEntry[]> {
    const areas =
      input.within === "all"
        ? undefined
        : await this.db.area.findMany({
            where: { OR: input.within.map((code) => areaSubtreeWhere(code)) },
            select: { id: true },
          });
    const rows = await this.db.auditLog.findMany({
      where: areas ? { areaId: { in: areas.map((a) => a.id) } } : {},
      orderBy: { id: "desc" },
      take: input.limit,
    });
    const users = await this.db.user.findMany({
      where: { id: { in: rows.flatMap((r) => (r.actorUserId === null ? [] : [r.actorUserId])) } },
      select: { id: true, displayName: true },
    });
    const areaNames = await this.db.area.findMany({
      where: { id: { in: rows.flatMap((r) => (r.areaId === null ? [] : [r.areaId])) } },
      select: { id: true, code: true },
    });
    const name = new Map(users.map((u) => [u.id, u.displayName]));
    const code = new Map(areaNames.map((a) => [a.id, a.code]));
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      action: r.action,
      actor: r.actorUserId === null ? null : (name.get(r.actorUserId) ?? null),
      area: r.areaId === null ? null : (code.get(r.areaId) ?? null),
      subject: r.subject,
    }));
  }
}
