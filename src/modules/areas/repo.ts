/** Prisma implementation of AreaStore. */
import type { Db } from "../../db/client.js";
import type { RoleName } from "../../core/actors.js";
import { isLocale } from "../../core/text.js";
import type { AreaKind } from "./area-kind.js";
import { areaFields, deleteAreaIfEmpty } from "./area-removal-repo.js";
import type {
  AreaPatch,
  AreaRecord,
  AreaStore,
  InviteRecord,
  RedeemOutcome,
  RemoveAreaOutcome,
  RoleGrant,
  RoleHolding,
} from "./types.js";
import { areaSubtreeWhere } from "../../db/area-subtree.js";

const holdingFields = {
  id: true,
  role: true,
  revokedAt: true,
  area: { select: areaFields },
  user: { select: { id: true, platform: true, platformUserId: true, displayName: true, username: true, locale: true } },
} as const;

type HoldingRow = {
  id: number;
  role: RoleName;
  revokedAt: Date | null;
  area: AreaRecord;
  user: {
    id: number;
    platform: RoleHolding["holder"]["platform"];
    platformUserId: string;
    displayName: string | null;
    username: string | null;
    locale: string | null;
  };
};

const toHolding = (row: HoldingRow): RoleHolding => ({
  id: row.id,
  role: row.role,
  revokedAt: row.revokedAt,
  area: row.area,
  holder: { ...row.user, locale: isLocale(row.user.locale) ? row.user.locale : null },
});

export class PrismaAreaStore implements AreaStore {
  constructor(private readonly db: Db) {}

  findArea(code: string): Promise<AreaRecord | null> {
    return this.db.area.findUnique({ where: { code }, select: areaFields });
  }

  findAreaById(id: number): Promise<AreaRecord | null> {
    return this.db.area.findUnique({ where: { id }, select: areaFields });
  }

  createArea(input: {
    code: string;
    name: string;
    parentId: number | null;
    kind: AreaKind | null;
  }): Promise<AreaRecord> {
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

  async createInvite(input: {
    code: string;
    role: RoleName;
    areaId: number;
    createdById: number | null;
    expiresAt: Date;
  }): Promise<void> {
    await this.db.invite.create({ data: input });
  }

  async redeemInvite(input: { code: string; userId: number; now: Date }): Promise<RedeemOutcome> {
    return this.db.$transaction(async (tx) => {
      const invite = await tx.invite.findUnique({
        where: { code: input.code },
        include: { area: { select: areaFields } },
      });
      if (!invite) return { kind: "unknown" } as const;
      if (invite.withdrawnAt) return { kind: "withdrawn" } as const;
      if (invite.usedAt) return { kind: "used" } as const;
      if (invite.expiresAt <= input.now) return { kind: "expired" } as const;
      // Conditional update: of two concurrent redemptions only one matches `usedAt: null`.
      const claimed = await tx.invite.updateMany({
        where: { id: invite.id, usedAt: null },
        data: { usedAt: input.now, usedById: input.userId },
      });
      if (claimed.count === 0) return { kind: "used" } as const;
      const held = await tx.role.findFirst({
        where: { userId: input.userId, areaId: invite.areaId, role: invite.role, revokedAt: null },
      });
      if (!held) {
        await tx.role.create({
          data: {
            userId: input.userId,
            areaId: invite.areaId,
            role: invite.role,
            grantedById: invite.createdById,
            inviteId: invite.id,
          },
        });
      }
      return { kind: "granted", role: invite.role, area: invite.area, alreadyHeld: held !== null } as const;
    });
  }

  async registerGroup(input: {
    chatId: number;
    areaId: number;
    registeredById: number;
    threadId?: string | null;
  }): Promise<void> {
    await this.db.chat.update({
      where: { id: input.chatId },
      data: {
        areaId: input.areaId,
        registeredById: input.registeredById,
        registeredAt: new Date(),
        active: true,
        inactiveReason: null,
        ...(input.threadId === undefined ? {} : { threadId: input.threadId }),
      },
    });
  }

  async unregisterGroup(chatId: number): Promise<void> {
    await this.db.chat.update({
      where: { id: chatId },
      data: { areaId: null, registeredById: null, registeredAt: null, threadId: null },
    });
  }

  async listRoleHolders(code: string): Promise<RoleHolding[]> {
    const rows = await this.db.role.findMany({
      where: { revokedAt: null, area: areaSubtreeWhere(code) },
      select: holdingFields,
      orderBy: [{ area: { code: "asc" } }, { role: "asc" }, { id: "asc" }],
    });
    return rows.map(toHolding);
  }

  async findRole(roleId: number): Promise<RoleHolding | null> {
    const row = await this.db.role.findUnique({ where: { id: roleId }, select: holdingFields });
    return row ? toHolding(row) : null;
  }

  async revokeRole(input: { roleId: number; revokedById: number | null; now: Date }): Promise<boolean> {
    // Conditional: of two concurrent revocations only one changes the row (and is audit-logged).
    const changed = await this.db.role.updateMany({
      where: { id: input.roleId, revokedAt: null },
      data: { revokedAt: input.now, revokedById: input.revokedById },
    });
    return changed.count === 1;
  }

  countActiveAdmins(areaId: number): Promise<number> {
    return this.db.role.count({ where: { areaId, role: "admin", revokedAt: null } });
  }

  updateArea(areaId: number, patch: AreaPatch): Promise<AreaRecord> {
    return this.db.area.update({ where: { id: areaId }, data: patch, select: areaFields });
  }

  removeArea(input: { areaId: number; now: Date }): Promise<RemoveAreaOutcome> {
    return deleteAreaIfEmpty(this.db, input);
  }

  findInvite(code: string): Promise<InviteRecord | null> {
    return this.db.invite.findUnique({
      where: { code },
      select: {
        id: true,
        code: true,
        role: true,
        expiresAt: true,
        usedAt: true,
        withdrawnAt: true,
        area: { select: areaFields },
      },
    });
  }

  async withdrawInvite(input: { inviteId: number; now: Date }): Promise<boolean> {
    const changed = await this.db.invite.updateMany({
      where: { id: input.inviteId, usedAt: null, withdrawnAt: null },
      data: { withdrawnAt: input.now },
    });
    return changed.count === 1;
  }
}
