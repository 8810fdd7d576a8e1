/** Prisma queries behind the role menus: whose roles changed since a moment, by the database's clock. */
import type { UserRecord } from "../../core/actors.js";
import { isLocale } from "../../core/text.js";
import type { Db } from "../../db/client.js";
import type { RoleMenuStore } from "./sync-role-menus.js";

export class PrismaRoleMenuStore implements RoleMenuStore {
  constructor(private readonly db: Db) {}

  async changedSince(
    since: Date | undefined,
    alsoUserIds: readonly string[] = [],
  ): Promise<{ users: UserRecord[]; at: Date }> {
    // The database's clock, not ours: a grant written by the admin CLI on another machine is compared with it.
    const [row] = await this.db.$queryRaw<{ now: Date }[]>`SELECT now() AS "now"`;
    const changed = since ? { OR: [{ createdAt: { gt: since } }, { revokedAt: { gt: since } }] } : {};
    const rows = await this.db.user.findMany({
      where: {
        platform: "telegram",
        OR: [{ roles: { some: changed } }, ...(since ? [] : [{ platformUserId: { in: [...alsoUserIds] } }])],
      },
      select: { id: true, platform: true, platformUserId: true, displayName: true, locale: true },
      orderBy: { id: "asc" },
    });
    return {
      users: rows.map((u) => ({ ...u, locale: isLocale(u.locale) ? u.locale : null })),
      at: row?.now ?? new Date(),
    };
  }
}
