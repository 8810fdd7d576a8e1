/** Prisma implementation of CoverageStore: a few queries over an area subtree. */
import { Prisma, type Db } from "../../db/client.js";
import { isLocale } from "../../core/text.js";
import type { UserRecord } from "../../core/actors.js";
import type {
  AreaCoverageLine,
  CoverageFigures,
  CoverageStore,
  LostGroup,
  ReportRecipients,
  SilentGroup,
} from "./types.js";
import { areaSubtreeSql, areaSubtreeWhere } from "../../db/area-subtree.js";

/** Prisma keeps DateTime columns as UTC wall time (`timestamp`): compare in UTC, whatever the session's zone. */
const utc = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * How the platforms say the bot may no longer post (Telegram 400s that leave it a member, a closed or
 * deleted forum topic among them; Zalo's wording varies). A 403 (kicked, blocked) makes the group
 * inactive instead.
 */
const LOST_RIGHTS =
  "(not enough rights|have no rights|need administrator rights|CHAT_WRITE_FORBIDDEN|CHAT_SEND_[A-Z_]*FORBIDDEN|CHAT_RESTRICTED|no permission|TOPIC_CLOSED|TOPIC_DELETED|message thread not found)";

export class PrismaCoverageStore implements CoverageStore {
  constructor(private readonly db: Db) {}

  async coverage(input: { areaCode: string; since: Date; tipsBefore: Date; limit: number }): Promise<CoverageFigures> {
    const [areas, removed, rights, silentGroups, tips] = await Promise.all([
      this.areas(input.areaCode),
      this.removedGroups(input.areaCode),
      this.lostRights(input.areaCode, input.since),
      this.silentGroups(input.areaCode, input.since),
      this.overdueTips(input),
    ]);
    return { areas, lostGroups: [...removed, ...rights], silentGroups, ...tips };
  }

  private async areas(areaCode: string): Promise<AreaCoverageLine[]> {
    const rows = await this.db.$queryRaw<
      { code: string; name: string; groups: bigint; followers: bigint; parent: boolean }[]
    >`
      SELECT a."code", a."name",
             (SELECT count(*) FROM "Chat" c WHERE c."areaId" = a."id" AND c."active" AND c."kind" = 'group') AS groups,
             (SELECT count(*) FROM "AreaFollower" f JOIN "User" u ON u."id" = f."userId" WHERE f."areaId" = a."id" AND u."platform" = 'zalo') AS followers,
             EXISTS (SELECT 1 FROM "Area" k WHERE k."parentId" = a."id") AS parent
      FROM "Area" a WHERE ${areaSubtreeSql("a", areaCode)}
      ORDER BY a."code" = ${areaCode} DESC, a."code"`;
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      groups: Number(r.groups),
      zaloFollowers: Number(r.followers),
      leaf: !r.parent,
    }));
  }

  /** Groups still linked to an area but inactive: the bot was removed, kicked or blocked (superseded rows of migrated groups excepted). */
  private async removedGroups(areaCode: string): Promise<LostGroup[]> {
    const rows = await this.db.chat.findMany({
      where: {
        kind: "group",
        active: false,
        area: areaSubtreeWhere(areaCode),
        NOT: { platformChatId: { contains: ":superseded:" } },
      },
      select: { title: true, updatedAt: true, area: { select: { code: true, name: true } } },
      orderBy: [{ updatedAt: "desc" }],
      take: 500,
    });
    return rows.flatMap((r) =>
      r.area
        ? [
            {
              title: r.title,
              areaCode: r.area.code,
              areaName: r.area.name,
              kind: "removed" as const,
              since: r.updatedAt,
            },
          ]
        : [],
    );
  }

  /** Active groups whose last finished delivery in the window was refused for lack of rights. */
  private async lostRights(areaCode: string, since: Date): Promise<LostGroup[]> {
    const rows = await this.db.$queryRaw<{ id: number; status: string; error: string | null }[]>`
      SELECT DISTINCT ON (c."id") c."id", d."status"::text AS status, d."error"
      FROM "Chat" c JOIN "Area" a ON a."id" = c."areaId"
      JOIN "Delivery" d ON d."chatId" = c."id" AND d."status" IN ('sent', 'failed') AND d."createdAt" >= ${utc(since)}
      WHERE ${areaSubtreeSql("a", areaCode)} AND c."kind" = 'group' AND c."active"
      ORDER BY c."id", d."id" DESC`;
    const pattern = new RegExp(LOST_RIGHTS, "i");
    const ids = rows.filter((r) => r.status === "failed" && pattern.test(r.error ?? "")).map((r) => r.id);
    if (ids.length === 0) return [];
    const chats = await this.db.chat.findMany({
      where: { id: { in: ids } },
      select: { id: true, title: true, area: { select: { code: true, name: true } } },
      orderBy: { id: "asc" },
    });
    const failedAt = await this.db.delivery.groupBy({
      by: ["chatId"],
      where: { chatId: { in: ids }, status: "failed" },
      _max: { createdAt: true },
    });
    return chats.flatMap((c) => {
      const at = failedAt.find((f) => f.chatId === c.id)?._max.createdAt ?? since;
      return c.area
        ? [{ title: c.title, areaCode: c.area.code, areaName: c.area.name, kind: "rights" as const, since: at }]
        : [];
    });
  }

  private async silentGroups(areaCode: string, since: Date): Promise<SilentGroup[]> {
    const rows = await this.db.$queryRaw<{ title: string | null; code: string; name: string; alerts: bigint }[]>`
      WITH al AS (
        SELECT x."id" FROM "Alert" x WHERE x."issuedAt" >= ${utc(since)}
      ), reached AS (
        SELECT d."chatId", count(DISTINCT al."id") AS alerts FROM al
        JOIN "Delivery" d ON d."sourceKind" = 'alert' AND d."sourceId" = al."id" AND d."status" = 'sent' AND d."chatId" IS NOT NULL
        GROUP BY d."chatId"
      )
      SELECT c."title", a."code", a."name", r.alerts
      FROM reached r JOIN "Chat" c ON c."id" = r."chatId" JOIN "Area" a ON a."id" = c."areaId"
      WHERE ${areaSubtreeSql("a", areaCode)} AND c."kind" = 'group' AND c."active"
        AND NOT EXISTS (SELECT 1 FROM "AlertAck" k WHERE k."chatId" = c."id" AND k."at" >= ${utc(since)})
      ORDER BY a."code", c."title"`;
    return rows.map((r) => ({ title: r.title, areaCode: r.code, areaName: r.name, alerts: Number(r.alerts) }));
  }

  /** Tips nobody has taken (received, or forwarded and waiting) since before `tipsBefore`. */
  private async overdueTips(input: {
    areaCode: string;
    tipsBefore: Date;
    limit: number;
  }): Promise<Pick<CoverageFigures, "overdueTips" | "overdueTipCount">> {
    const where = {
      status: { in: ["received" as const, "forwarded" as const] },
      createdAt: { lte: input.tipsBefore },
      area: areaSubtreeWhere(input.areaCode),
    };
    const [rows, count] = await Promise.all([
      this.db.tip.findMany({
        where,
        select: { code: true, category: true, createdAt: true, area: { select: { name: true } } },
        orderBy: { createdAt: "asc" },
        take: input.limit,
      }),
      this.db.tip.count({ where }),
    ]);
    return {
      overdueTips: rows.map((r) => ({
        code: r.code,
        category: r.category,
        areaName: r.area.name,
        createdAt: r.createdAt,
      })),
      overdueTipCount: count,
    };
  }

  async recipients(at: Date): Promise<ReportRecipients[]> {
    const rows = await this.db.role.findMany({
      where: { revokedAt: null, role: { in: ["officer", "admin"] }, createdAt: { lte: at } },
      select: {
        area: { select: { id: true, code: true, name: true } },
        user: { select: { id: true, platform: true, platformUserId: true, displayName: true, locale: true } },
      },
      orderBy: [{ areaId: "asc" }, { id: "asc" }],
    });
    const byArea = new Map<
      string,
      { area: { id: number; code: string; name: string }; people: Map<number, UserRecord> }
    >();
    for (const row of rows) {
      const entry = byArea.get(row.area.code) ?? { area: row.area, people: new Map<number, UserRecord>() };
      entry.people.set(row.user.id, { ...row.user, locale: isLocale(row.user.locale) ? row.user.locale : null });
      byArea.set(row.area.code, entry);
    }
    return [...byArea.values()].map((e) => ({ area: e.area, people: [...e.people.values()] }));
  }
}
