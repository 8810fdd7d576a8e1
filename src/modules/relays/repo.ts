/** Relayed groups and their forwards in PostgreSQL (Prisma; the tallies are one plain query each). */
import { Prisma, type Db } from "../../db/client.js";
import type { ConfirmOutcome, RelayedGroupRecord, RelayForwardRecord, RelayStore, RelayTally } from "./types.js";

/** Prisma keeps DateTime columns as UTC wall time (`timestamp`): compare in UTC, whatever the session's zone. */
const utc = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

interface TallyRow {
  name: string;
  relay: string | null;
  members: number;
  status: string | null;
  createdAt: Date;
  confirmedAt: Date | null;
}

export class PrismaRelayStore implements RelayStore {
  constructor(private readonly db: Db) {}

  async saveGroup(input: {
    relayUserId: number;
    areaId: number;
    name: string;
    members: number;
  }): Promise<{ created: boolean }> {
    const existing = await this.db.relayedGroup.findUnique({
      where: { relayUserId_areaId: { relayUserId: input.relayUserId, areaId: input.areaId } },
    });
    await this.db.relayedGroup.upsert({
      where: { relayUserId_areaId: { relayUserId: input.relayUserId, areaId: input.areaId } },
      create: { relayUserId: input.relayUserId, areaId: input.areaId, name: input.name, members: input.members },
      update: { name: input.name, members: input.members, removedAt: null },
    });
    return { created: !existing || existing.removedAt !== null };
  }

  async groupsIn(areaCode: string): Promise<RelayedGroupRecord[]> {
    const below = `${areaCode}.%`;
    // Only while the relay still holds the role there (or above): a revoked relay hears nothing.
    return this.db.$queryRaw<RelayedGroupRecord[]>`
      SELECT g."id", g."areaId", a."code" AS "areaCode", g."name", g."members", g."relayUserId",
             c."id" AS "relayChatId", u."locale" AS "relayLocale", u."displayName" AS "relayName"
      FROM "RelayedGroup" g
      JOIN "Area" a ON a."id" = g."areaId"
      JOIN "User" u ON u."id" = g."relayUserId"
      LEFT JOIN "Chat" c ON c."platform" = u."platform" AND c."platformChatId" = u."platformUserId" AND c."kind" = 'private' AND c."active"
      WHERE g."removedAt" IS NULL AND (a."code" = ${areaCode} OR a."code" LIKE ${below})
        AND EXISTS (SELECT 1 FROM "Role" r JOIN "Area" ra ON ra."id" = r."areaId"
                    WHERE r."userId" = g."relayUserId" AND r."role" = 'relay' AND r."revokedAt" IS NULL
                      AND (a."code" = ra."code" OR a."code" LIKE ra."code" || '.%'))
      ORDER BY g."id"`;
  }

  async recordForwards(
    subject: string,
    groups: readonly { id: number; deliveryKey: string; reminderKey: string }[],
  ): Promise<RelayForwardRecord[]> {
    if (groups.length === 0) return [];
    await this.db.relayForward.createMany({
      data: groups.map((g) => ({
        relayedGroupId: g.id,
        subject,
        deliveryKey: g.deliveryKey,
        reminderKey: g.reminderKey,
      })),
      skipDuplicates: true,
    });
    return this.db.relayForward.findMany({
      where: { subject, relayedGroupId: { in: groups.map((g) => g.id) } },
      select: { id: true, relayedGroupId: true, deliveryKey: true, reminderKey: true },
    });
  }

  async zaloServed(userId: number): Promise<{ served: number; includes: boolean }> {
    const rows = await this.db.$queryRaw<{ served: bigint; includes: boolean | null }[]>`
      WITH served AS (
        SELECT r."userId" FROM "Role" r JOIN "User" u ON u."id" = r."userId" WHERE u."platform" = 'zalo' AND r."revokedAt" IS NULL
        UNION
        SELECT f."userId" FROM "AreaFollower" f JOIN "User" u ON u."id" = f."userId" WHERE u."platform" = 'zalo'
      )
      SELECT count(*) AS "served", bool_or("userId" = ${userId}) AS "includes" FROM served`;
    const row = rows[0];
    return { served: Number(row?.served ?? 0), includes: row?.includes === true };
  }

  async groupsWith(subject: string): Promise<Set<number>> {
    const rows = await this.db.$queryRaw<{ relayedGroupId: number }[]>`
      SELECT f."relayedGroupId" FROM "RelayForward" f JOIN "Delivery" d ON d."key" = f."deliveryKey"
      WHERE f."subject" = ${subject} AND d."status" = 'sent'`;
    return new Set(rows.map((r) => r.relayedGroupId));
  }

  async confirm(input: { forwardId: number; relayUserId: number; at: Date }): Promise<ConfirmOutcome> {
    const forward = await this.db.relayForward.findUnique({ where: { id: input.forwardId }, include: { group: true } });
    if (!forward) return { kind: "missing" };
    if (forward.group.relayUserId !== input.relayUserId) return { kind: "notYours" };
    const updated = await this.db.relayForward.updateMany({
      where: { id: forward.id, confirmedAt: null },
      data: { confirmedAt: input.at },
    });
    await this.db.delivery.updateMany({
      where: { key: forward.reminderKey, status: "pending" },
      data: { status: "cancelled" },
    });
    return { kind: updated.count > 0 ? "confirmed" : "already", groupName: forward.group.name };
  }

  async callOff(subjects: readonly string[]): Promise<void> {
    const forwards = await this.db.relayForward.findMany({
      where: { subject: { in: [...subjects] } },
      select: { deliveryKey: true, reminderKey: true },
    });
    if (forwards.length === 0) return;
    const keys = forwards.flatMap((f) => [f.deliveryKey, f.reminderKey]);
    await this.db.delivery.updateMany({
      where: { key: { in: keys }, status: "pending" },
      data: { status: "cancelled" },
    });
  }

  async tally(input: { subjects: readonly string[]; now: Date; lateAfterMs: number }): Promise<RelayTally> {
    const rows = await this.db.$queryRaw<TallyRow[]>`
      SELECT g."name", u."displayName" AS "relay", g."members", d."status"::text AS "status", f."createdAt", f."confirmedAt"
      FROM "RelayForward" f
      JOIN "RelayedGroup" g ON g."id" = f."relayedGroupId"
      JOIN "User" u ON u."id" = g."relayUserId"
      LEFT JOIN "Delivery" d ON d."key" = f."deliveryKey"
      WHERE f."subject" IN (${Prisma.join([...input.subjects])})
      ORDER BY g."name"`;
    return tallyOf(rows, new Set(rows.map((r) => r.name)).size, sumMembers(rows), input.now, input.lateAfterMs);
  }

  async areaTally(input: { areaCode: string; since: Date; now: Date; lateAfterMs: number }): Promise<RelayTally> {
    const groups = await this.groupsIn(input.areaCode);
    const below = `${input.areaCode}.%`;
    const rows = await this.db.$queryRaw<TallyRow[]>`
      SELECT g."name", u."displayName" AS "relay", g."members", d."status"::text AS "status", f."createdAt", f."confirmedAt"
      FROM "RelayForward" f
      JOIN "RelayedGroup" g ON g."id" = f."relayedGroupId"
      JOIN "Area" a ON a."id" = g."areaId"
      JOIN "User" u ON u."id" = g."relayUserId"
      LEFT JOIN "Delivery" d ON d."key" = f."deliveryKey"
      WHERE f."createdAt" >= ${utc(input.since)} AND (a."code" = ${input.areaCode} OR a."code" LIKE ${below})
      ORDER BY g."name"`;
    return tallyOf(
      rows,
      groups.length,
      groups.reduce((sum, g) => sum + g.members, 0),
      input.now,
      input.lateAfterMs,
    );
  }
}

function sumMembers(rows: readonly TallyRow[]): number {
  const byName = new Map(rows.map((r) => [r.name, r.members]));
  return [...byName.values()].reduce((sum, n) => sum + n, 0);
}

function tallyOf(
  rows: readonly TallyRow[],
  groups: number,
  members: number,
  now: Date,
  lateAfterMs: number,
): RelayTally {
  const reached = rows.filter((r) => r.status === "sent");
  // Late from the moment the reminder is due (the forward was asked for then plus RELAY_REMIND_MINUTES).
  const late = reached.filter((r) => !r.confirmedAt && now.getTime() - r.createdAt.getTime() >= lateAfterMs);
  return {
    groups,
    members,
    reached: reached.length,
    confirmed: rows.filter((r) => r.confirmedAt).length,
    late: late.length,
    lateGroups: late.map((r) => ({ name: r.name, relay: r.relay })),
  };
}
