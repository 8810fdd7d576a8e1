/** Prisma implementation of AlertStore. */
import type { Db } from "../../db/client.js";
import type { PlatformName } from "../../core/messages.js";
import type { Sql } from "../../db/sql.js";
import type { UnitSource } from "../areas/police-unit.js";
import { acknowledgeAlertSql, findAlertSql, pressAlertSql } from "./alert-sql.js";
import type { AlertRecord, AlertStore, AlertTarget, DeliveryCounts, LedgerKey, NewAlert } from "./types.js";
import { alertKeys } from "./types.js";
import { areaSubtreeSql } from "../../db/area-subtree.js";

const unitFields = { name: true, kind: true, unitName: true } as const;
const withArea = { area: { select: { code: true, ...unitFields, parent: { select: unitFields } } } } as const;

type Row = Awaited<ReturnType<Db["alert"]["findUniqueOrThrow"]>> & {
  area: UnitSource & { code: string; parent: UnitSource | null };
};

function toRecord(row: Row): AlertRecord {
  return {
    id: row.id,
    areaId: row.areaId,
    areaCode: row.area.code,
    areaName: row.area.name,
    unitName: row.area.unitName,
    areaKind: row.area.kind,
    parentArea: row.area.parent,
    senderUserId: row.senderUserId,
    level: row.level,
    text: row.text,
    issuedAt: row.issuedAt,
    expiresAt: row.expiresAt,
    state: row.state,
    endedAt: row.endedAt,
    closureText: row.closureText,
    progressChatId: row.progressChatId,
  };
}

export class PrismaAlertStore implements AlertStore {
  /** `sql`: the pool under `db`, for find and acknowledge (run on every press), plain SQL. */
  constructor(
    private readonly db: Db,
    private readonly sql: Sql,
  ) {}

  async create(input: NewAlert) {
    const existing = await this.db.alert.findUnique({ where: { sourceKey: input.sourceKey }, include: withArea });
    if (existing) return { alert: toRecord(existing), created: false };
    try {
      const row = await this.db.alert.create({ data: input, include: withArea });
      return { alert: toRecord(row), created: true };
    } catch (error) {
      // Two deliveries of the same update racing: the unique sourceKey lets only one in.
      const raced = await this.db.alert.findUnique({ where: { sourceKey: input.sourceKey }, include: withArea });
      if (raced) return { alert: toRecord(raced), created: false };
      throw error;
    }
  }

  async find(id: number): Promise<AlertRecord | null> {
    return findAlertSql(this.sql, id);
  }

  async targets(areaCode: string): Promise<AlertTarget[]> {
    const groups = await this.db.$queryRaw<{ id: number; locale: string | null; platform: PlatformName }[]>`
      SELECT c."id", c."locale", c."platform"::text AS "platform" FROM "Chat" c JOIN "Area" a ON a."id" = c."areaId"
      WHERE c."active" AND c."kind" = 'group' AND ${areaSubtreeSql("a", areaCode)}
      ORDER BY c."id"`;
    const followers = await this.db.$queryRaw<{ id: number; locale: string | null; platform: PlatformName }[]>`
      SELECT DISTINCT c."id", u."locale", c."platform"::text AS "platform" FROM "AreaFollower" f
      JOIN "Area" a ON a."id" = f."areaId"
      JOIN "User" u ON u."id" = f."userId"
      JOIN "Chat" c ON c."platform" = u."platform" AND c."platformChatId" = u."platformUserId" AND c."kind" = 'private'
      WHERE c."active" AND ${areaSubtreeSql("a", areaCode)}
      ORDER BY c."id"`;
    return [
      ...groups.map((g) => ({ chatId: g.id, kind: "group" as const, locale: g.locale, platform: g.platform })),
      ...followers.map((f) => ({ chatId: f.id, kind: "private" as const, locale: f.locale, platform: f.platform })),
    ];
  }

  async deliveryCounts(alertId: number): Promise<DeliveryCounts> {
    const rows = await this.db.delivery.groupBy({
      by: ["status"],
      where: { sourceKind: "alert", sourceId: alertId },
      _count: { _all: true },
    });
    const count = (status: string) => rows.find((r) => r.status === status)?._count._all ?? 0;
    return { sent: count("sent"), failed: count("failed"), pending: count("pending") };
  }

  async receivedBy(alertId: number): Promise<{ chatId: number; messageId: string }[]> {
    const rows = await this.db.delivery.findMany({
      where: {
        sourceKind: "alert",
        sourceId: alertId,
        status: "sent",
        platformMessageId: { not: null },
        chatId: { not: null },
      },
      select: { chatId: true, platformMessageId: true },
    });
    return rows.flatMap((r) =>
      r.chatId !== null && r.platformMessageId !== null ? [{ chatId: r.chatId, messageId: r.platformMessageId }] : [],
    );
  }

  async cancelPending(alertId: number): Promise<number> {
    const result = await this.db.delivery.updateMany({
      where: { sourceKind: "alert", sourceId: alertId, status: "pending" },
      data: { status: "cancelled" },
    });
    return result.count;
  }

  async end(input: {
    alertId: number;
    state: "cancelled" | "resolved";
    byUserId: number;
    closureText: string | null;
    at: Date;
  }): Promise<boolean> {
    const result = await this.db.alert.updateMany({
      where: { id: input.alertId, state: { in: ["active", "expired"] } },
      data: { state: input.state, endedAt: input.at, endedById: input.byUserId, closureText: input.closureText },
    });
    return result.count === 1;
  }

  async expireDue(now: Date): Promise<number[]> {
    const rows = await this.db.$queryRaw<{ id: number }[]>`
      UPDATE "Alert" SET "state" = 'expired' WHERE "state" = 'active' AND "expiresAt" <= ${now} RETURNING "id"`;
    return rows.map((r) => r.id);
  }

  async acknowledge(input: { alertId: number; userId: number; chatId: number }): Promise<boolean> {
    return acknowledgeAlertSql(this.sql, input);
  }

  async press(input: { alertId: number; userId: number; chatId: number; now: Date; ledger?: LedgerKey }) {
    if (this.sql) return pressAlertSql(this.sql, input);
    const alert = await this.find(input.alertId);
    if (!alert) return null;
    const open = alert.state === "active" && alert.expiresAt > input.now;
    const fresh = open && (await this.acknowledge(input));
    return { alert, fresh, people: (await this.ackStats(alert.id)).people };
  }

  async ackStats(alertId: number): Promise<{ people: number; groupsAcked: number }> {
    const [row] = await this.db.$queryRaw<{ people: bigint; groups: bigint }[]>`
      SELECT count(*) AS people, count(DISTINCT a."chatId") FILTER (WHERE c."kind" = 'group') AS groups
      FROM "AlertAck" a JOIN "Chat" c ON c."id" = a."chatId" WHERE a."alertId" = ${alertId}`;
    return { people: Number(row?.people ?? 0), groupsAcked: Number(row?.groups ?? 0) };
  }

  async groupAcks(alertId: number): Promise<{ title: string | null; people: number }[]> {
    const rows = await this.db.$queryRaw<{ title: string | null; people: bigint }[]>`
      SELECT c."title", (SELECT count(*) FROM "AlertAck" k WHERE k."alertId" = ${alertId} AND k."chatId" = c."id") AS people
      FROM "Chat" c
      WHERE c."kind" = 'group' AND c."id" IN (SELECT d."chatId" FROM "Delivery" d WHERE d."sourceKind" = 'alert' AND d."sourceId" = ${alertId} AND d."status" = 'sent')
      ORDER BY people DESC, c."title"`;
    return rows.map((r) => ({ title: r.title, people: Number(r.people) }));
  }

  async silentGroups(alertId: number): Promise<{ title: string | null }[]> {
    return this.db.$queryRaw<{ title: string | null }[]>`
      SELECT c."title" FROM "Delivery" d JOIN "Chat" c ON c."id" = d."chatId"
      WHERE d."sourceKind" = 'alert' AND d."sourceId" = ${alertId} AND d."status" = 'sent' AND c."kind" = 'group'
        AND NOT EXISTS (SELECT 1 FROM "AlertAck" k WHERE k."alertId" = ${alertId} AND k."chatId" = c."id")
      ORDER BY c."title"`;
  }

  async failedChats(alertId: number): Promise<{ title: string | null; reason: string | null }[]> {
    const rows = await this.db.delivery.findMany({
      where: { sourceKind: "alert", sourceId: alertId, status: "failed" },
      select: { error: true, chat: { select: { title: true } } },
      orderBy: { id: "asc" },
    });
    return rows.map((r) => ({ title: r.chat?.title ?? null, reason: r.error }));
  }

  async progressMessageId(alertId: number): Promise<string | null> {
    const row = await this.db.delivery.findUnique({
      where: { key: alertKeys.progress(alertId, 0) },
      select: { platformMessageId: true },
    });
    return row?.platformMessageId ?? null;
  }

  async sentBy(input: { userId: number; activeAt?: Date; take: number }): Promise<AlertRecord[]> {
    const active = input.activeAt ? { state: "active" as const, expiresAt: { gt: input.activeAt } } : {};
    const rows = await this.db.alert.findMany({
      where: { senderUserId: input.userId, ...active },
      include: withArea,
      orderBy: { id: "desc" },
      take: input.take,
    });
    return rows.map(toRecord);
  }

  async active(now: Date): Promise<AlertRecord[]> {
    const rows = await this.db.alert.findMany({
      where: { state: "active", expiresAt: { gt: now } },
      include: withArea,
      orderBy: { id: "desc" },
      take: 200,
    });
    return rows.map(toRecord);
  }

  async follow(input: { userId: number; areaId: number }): Promise<boolean> {
    const inserted = await this.db.$executeRaw`
      INSERT INTO "AreaFollower" ("userId", "areaId", "createdAt") VALUES (${input.userId}, ${input.areaId}, now()) ON CONFLICT DO NOTHING`;
    return inserted === 1;
  }

  async unfollow(input: { userId: number; areaId: number }): Promise<boolean> {
    const result = await this.db.areaFollower.deleteMany({ where: input });
    return result.count === 1;
  }

  async followedAreas(userId: number): Promise<Array<{ id: number; name: string; code: string }>> {
    const rows = await this.db.areaFollower.findMany({
      where: { userId },
      select: { area: { select: { id: true, name: true, code: true } } },
    });
    return rows.map((r) => r.area).sort((a, b) => a.name.localeCompare(b.name, "vi"));
  }
}
