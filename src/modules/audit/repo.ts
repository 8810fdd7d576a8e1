/** Prisma implementation of the AuditLog port. */
import type { Db } from "../../db/client.js";
import type { AuditLog } from "../../core/ports.js";

export class PrismaAuditLog implements AuditLog {
  constructor(private readonly db: Db) {}

  async record(entry: {
    actorUserId?: number;
    action: string;
    areaId?: number;
    subject?: string;
    details?: Record<string, unknown>;
  }): Promise<void> {
    await this.db.auditLog.create({
      data: {
        actorUserId: entry.actorUserId ?? null,
        action: entry.action,
        areaId: entry.areaId ?? null,
        subject: entry.subject ?? null,
        details: (entry.details ?? undefined) as object | undefined,
      },
    });
  }
}
