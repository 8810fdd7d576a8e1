/** Prisma implementation of AreaStore. */
import type { Db } from "../../db/client.js";
import type { RoleName } from "../../core/actors.js";
import type { AreaRecord, AreaStore, RedeemOutcome, RoleGrant } from "./types.js";

const areaFields = { id: true, code: true, name: true, parentId: true, unitName: true, phone: true } as const;

export class PrismaAreaStore implements AreaStore {
  constructor(private readonly db: Db) {}

  findArea(code: string): Promise<AreaRecord | null> {
    return this.db.area.findUnique({ where: { code }, select: areaFields });
  }

  findAreaById(id: number): Promise<AreaRecord | null> {
    return this.db.area.findUnique({ where: { id }, select: areaFields });
  }

  createArea(input: { code: string; name: string; parentId: number | null }): Promise<AreaRecord> {
    return this.db.area.create({ data: input, select: areaFields });
  }

  async activeRoles(userId: number): Promise<RoleGrant[]> {
    const rows = await this.db.role.findMany({
      where: { userId, revokedAt: null },
      select: { id: true, userId: true, role: true, area: { select: areaFields } },
      orderBy: { id: "asc" },
    });
    return rows;
  }

  async createInvite(input: { code: string; role: RoleName; areaId: number; createdById: number | null; expiresAt: Date }): Promise<void> {
    await this.db.invite.create({ data: input });
  }

  async redeemInvite(input: { code: string; userId: number; now: Date }): Promise<RedeemOutcome> {
    return this.db.$transaction(async (tx) => {
      const invite = await tx.invite.findUnique({ where: { code: input.code }, include: { area: { select: areaFields } } });
      if (!invite) return { kind: "unknown" } as const;
      if (invite.withdrawnAt) return { kind: "withdrawn" } as const;
      if (invite.usedAt) return { kind: "used" } as const;
      if (invite.expiresAt <= input.now) return { kind: "expired" } as const;
      // Conditional update: of two concurrent redemptions only one matches `usedAt: null`.
      const claimed = await tx.invite.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: input.now, usedById: input.userId } });
      if (claimed.count === 0) return { kind: "used" } as const;
      const held = await tx.role.findFirst({ where: { userId: input.userId, areaId: invite.areaId, role: invite.role, revokedAt: null } });
      if (!held) {
        await tx.role.create({ data: { userId: input.userId, areaId: invite.areaId, role: invite.role, grantedById: invite.createdById, inviteId: invite.id } });
      }
      return { kind: "granted", role: invite.role, area: invite.area, alreadyHeld: held !== null } as const;
    });
  }

  async registerGroup(input: { chatId: number; areaId: number; registeredById: number }): Promise<void> {
    await this.db.chat.update({
      where: { id: input.chatId },
      data: { areaId: input.areaId, registeredById: input.registeredById, registeredAt: new Date(), active: true, inactiveReason: null },
    });
  }
}
