/** Prisma implementation of SignedMessageStore. */
import type { Db } from "../../db/client.js";
import type { SignedAlert, SignedMessageStore } from "./types.js";

export class PrismaSignedMessageStore implements SignedMessageStore {
  constructor(private readonly db: Db) {}

  async alertsSince(since: Date): Promise<SignedAlert[]> {
    const rows = await this.db.alert.findMany({
      where: { issuedAt: { gte: since } },
      select: { id: true, text: true, closureText: true, state: true, issuedAt: true, expiresAt: true, endedAt: true, area: { select: { code: true, name: true, unitName: true } } },
      orderBy: { id: "desc" },
      take: 50_000,
    });
    return rows.map((r) => ({ ...r, areaCode: r.area.code, areaName: r.area.name, unitName: r.area.unitName }));
  }
}
