/**
 * Prisma implementation of AlarmStore. DateTime columns hold UTC wall time (`timestamp`): "now" is
 * compared in UTC, whatever the session's zone.
 */
import type { Db } from "../../db/client.js";
import type { PlatformName } from "../../core/messages.js";
import type { Locale } from "../../core/text.js";
import { readAreaChain } from "../areas/area-chain-repo.js";
import { readAlarmCopies, readAlarmGroups, readAlarmResponders, userOf } from "./alarm-audience-repo.js";
import type { AlarmCategory, AlarmGroup, AlarmRecord, AlarmResponder, AlarmState, AlarmStore } from "./types.js";
import { ALARM_LAPSE_MS } from "./types.js";

/** UTC wall time for a `timestamp` column, whatever the session's zone. */
const utc = (date: Date): string => date.toISOString().slice(0, -1);

interface Row {
  id: number;
  chatId: number;
  chatTitle: string | null;
  areaId: number;
  areaCode: string;
  areaName: string;
  category: AlarmCategory | null;
  text: string | null;
  state: AlarmState;
  raisedAt: Date | null;
  firstResponseAt: Date | null;
  closedAt: Date | null;
  escalations: number;
  promptMessageId: string | null;
  linesUntil: Date | null;
  addedLines: number;
  userId: number;
  platform: PlatformName;
  platformUserId: string;
  displayName: string | null;
  locale: string | null;
}

const toRecord = (r: Row): AlarmRecord => ({
  id: r.id,
  chatId: r.chatId,
  chatTitle: r.chatTitle,
  areaId: r.areaId,
  areaCode: r.areaCode,
  areaName: r.areaName,
  caller: userOf({
    id: r.userId,
    platform: r.platform,
    platformUserId: r.platformUserId,
    displayName: r.displayName,
    locale: r.locale,
  }),
  category: r.category,
  text: r.text,
  state: r.state,
  raisedAt: r.raisedAt,
  firstResponseAt: r.firstResponseAt,
  closedAt: r.closedAt,
  escalations: r.escalations,
  promptMessageId: r.promptMessageId,
  linesUntil: r.linesUntil,
  addedLines: r.addedLines,
});

export class PrismaAlarmStore implements AlarmStore {
  constructor(private readonly db: Db) {}

  async createDraft(input: {
    chatId: number;
    areaId: number;
    callerUserId: number;
    text: string | null;
  }): Promise<number> {
    return (await this.db.alarm.create({ data: input, select: { id: true } })).id;
  }

  /**
   * One alarm by id, the group's open one, or the caller's latest in a group (a draft, or raised and
   * still taking lines). An alarm whose caller retention forgot is found by none: its buttons expire.
   */
  private async findWhere(where: "id" | "open" | "caller", value: number, userId = 0): Promise<AlarmRecord | null> {
    const rows = await this.db.$queryRaw<Row[]>`
      SELECT a."id", a."chatId", c."title" AS "chatTitle", a."areaId", ar."code" AS "areaCode", ar."name" AS "areaName",
             a."category"::text AS "category", a."text", a."state"::text AS "state", a."raisedAt", a."firstResponseAt", a."closedAt", a."escalations",
             a."promptMessageId", a."linesUntil", a."addedLines",
             u."id" AS "userId", u."platform"::text AS "platform", u."platformUserId", u."displayName", u."locale"
      FROM "Alarm" a JOIN "Chat" c ON c."id" = a."chatId" JOIN "Area" ar ON ar."id" = a."areaId" JOIN "User" u ON u."id" = a."callerUserId"
      WHERE (${where} = 'id' AND a."id" = ${value})
         OR (${where} = 'open' AND a."chatId" = ${value} AND a."state" IN ('open', 'answered') AND a."raisedAt" > (now() AT TIME ZONE 'UTC') - interval '2 hours')
         OR (${where} = 'caller' AND a."chatId" = ${value} AND a."callerUserId" = ${userId}
             AND ((a."state" = 'draft' AND a."createdAt" > (now() AT TIME ZONE 'UTC') - interval '1 hour')
               OR (a."state" IN ('open', 'answered', 'raised') AND a."linesUntil" > (now() AT TIME ZONE 'UTC'))))
      ORDER BY a."id" DESC LIMIT 1`;
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async confirmedLately(now: Date): Promise<AlarmRecord[]> {
    const rows = await this.db.alarm.findMany({
      where: {
        firstResponseAt: { not: null },
        state: { in: ["answered", "raised"] },
        raisedAt: { gt: new Date(now.getTime() - ALARM_LAPSE_MS) },
        callerUserId: { not: null },
      },
      select: { id: true },
      orderBy: { id: "desc" },
      take: 100,
    });
    const found = await Promise.all(rows.map((r) => this.find(r.id)));
    return found.filter((a): a is AlarmRecord => a !== null);
  }

  callerAlarm(input: { chatId: number; userId: number }): Promise<AlarmRecord | null> {
    return this.findWhere("caller", input.chatId, input.userId);
  }

  async appendDraftText(input: { id: number; line: string; max: number }): Promise<boolean> {
    const count = await this.db.$executeRaw`
      UPDATE "Alarm" SET "text" = left(CASE WHEN "text" IS NULL OR "text" = '' THEN ${input.line} ELSE "text" || ' ' || ${input.line} END, ${input.max})
      WHERE "id" = ${input.id} AND "state" = 'draft'`;
    return count === 1;
  }

  async addLine(input: { id: number; line: string; at: Date; maxLines: number; maxText: number }): Promise<boolean> {
    const count = await this.db.$executeRaw`
      UPDATE "Alarm" SET "addedLines" = "addedLines" + 1,
        "text" = left(CASE WHEN ${input.line} = '' THEN "text" WHEN "text" IS NULL OR "text" = '' THEN ${input.line} ELSE "text" || ' ' || ${input.line} END, ${input.maxText})
      WHERE "id" = ${input.id} AND "linesUntil" > ${utc(input.at)}::timestamp AND "addedLines" < ${input.maxLines}`;
    return count === 1;
  }

  async stopLines(input: { id: number; at: Date }): Promise<boolean> {
    const result = await this.db.alarm.updateMany({
      where: { id: input.id, linesUntil: { gt: input.at } },
      data: { linesUntil: input.at },
    });
    return result.count === 1;
  }

  find(id: number): Promise<AlarmRecord | null> {
    return this.findWhere("id", id);
  }

  openInChat(chatId: number): Promise<AlarmRecord | null> {
    return this.findWhere("open", chatId);
  }

  async raise(input: {
    id: number;
    category: AlarmCategory;
    at: Date;
    linesUntil: Date;
    promptMessageId: string;
  }): Promise<boolean> {
    const count = await this.db.$executeRaw`
      UPDATE "Alarm" a SET "state" = 'open', "category" = ${input.category}::"AlarmCategory", "raisedAt" = ${input.at},
        "linesUntil" = ${utc(input.linesUntil)}::timestamp, "promptMessageId" = ${input.promptMessageId}
      WHERE a."id" = ${input.id} AND a."state" = 'draft'
        AND NOT EXISTS (SELECT 1 FROM "Alarm" o WHERE o."chatId" = a."chatId" AND o."state" IN ('open', 'answered') AND o."raisedAt" > (now() AT TIME ZONE 'UTC') - interval '2 hours')`;
    return count === 1;
  }

  raisedBy(input: { userId: number; since: Date }): Promise<number> {
    return this.db.alarm.count({ where: { callerUserId: input.userId, raisedAt: { gte: input.since } } });
  }

  async lastFalseAlarm(userId: number): Promise<Date | null> {
    const row = await this.db.alarm.findFirst({
      where: { callerUserId: userId, state: "false_alarm" },
      orderBy: { closedAt: "desc" },
      select: { closedAt: true },
    });
    return row?.closedAt ?? null;
  }

  async isBarred(input: { userId: number; areaId: number }): Promise<boolean> {
    const chain = await readAreaChain(this.db, input.areaId);
    return (
      (await this.db.alarmBar.count({ where: { userId: input.userId, areaId: { in: chain.map((a) => a.id) } } })) > 0
    );
  }

  async bar(input: { userId: number; areaId: number; byUserId: number }): Promise<boolean> {
    const count = await this.db.$executeRaw`
      INSERT INTO "AlarmBar" ("userId", "areaId", "byUserId") VALUES (${input.userId}, ${input.areaId}, ${input.byUserId}) ON CONFLICT DO NOTHING`;
    return count === 1;
  }

  groupsOf(areaId: number): Promise<AlarmGroup[]> {
    return readAlarmGroups(this.db, areaId);
  }

  responders(input: { areaId: number; level: number }): Promise<AlarmResponder[]> {
    return readAlarmResponders(this.db, input);
  }

  async answer(input: { id: number; at: Date }): Promise<boolean> {
    const result = await this.db.alarm.updateMany({
      where: { id: input.id, state: "open" },
      data: { state: "answered", firstResponseAt: input.at },
    });
    return result.count === 1;
  }

  async close(input: { id: number; state: "false_alarm" | "raised"; byUserId: number; at: Date }): Promise<boolean> {
    const result = await this.db.alarm.updateMany({
      where: { id: input.id, state: { in: ["open", "answered"] } },
      data: { state: input.state, closedAt: input.at, closedById: input.byUserId },
    });
    return result.count === 1;
  }

  dueEscalations(input: {
    now: Date;
    escalateMinutes: number;
    limit: number;
  }): Promise<{ id: number; areaId: number; level: number }[]> {
    const seconds = input.escalateMinutes * 60;
    return this.db.$queryRaw<{ id: number; areaId: number; level: number }[]>`
      SELECT "id", "areaId", "escalations" AS "level" FROM "Alarm"
      WHERE "state" = 'open' AND "callerUserId" IS NOT NULL
        AND "raisedAt" > ${utc(new Date(input.now.getTime() - ALARM_LAPSE_MS))}::timestamp
        AND "raisedAt" + make_interval(secs => ${seconds}::float8 * ("escalations" + 1)) <= ${utc(input.now)}::timestamp
      ORDER BY "id" LIMIT ${input.limit}`;
  }

  async forgetBefore(input: { before: Date; limit: number }): Promise<number> {
    const rows = await this.db.$queryRaw<{ id: number }[]>`
      UPDATE "Alarm" SET "text" = NULL, "callerUserId" = NULL, "promptMessageId" = NULL
      WHERE "id" IN (
        SELECT "id" FROM "Alarm" WHERE "createdAt" < ${utc(input.before)}::timestamp AND ("text" IS NOT NULL OR "callerUserId" IS NOT NULL)
        ORDER BY "id" LIMIT ${input.limit})
      RETURNING "id"`;
    if (rows.length === 0) return 0;
    // The audit keeps who raised it and what was done; the caller's own words go with the alarm's.
    await this.db.$executeRaw`
      UPDATE "AuditLog" SET "details" = "details" - 'text'
      WHERE "action" = 'alarm.raise' AND "subject" = ANY(SELECT 'B' || unnest(${rows.map((r) => r.id)}::int[])) AND "details" ? 'text'`;
    return rows.length;
  }

  async escalate(input: { id: number; fromLevel: number }): Promise<boolean> {
    const result = await this.db.alarm.updateMany({
      where: { id: input.id, state: "open", escalations: input.fromLevel },
      data: { escalations: input.fromLevel + 1 },
    });
    return result.count === 1;
  }

  sentToGroups(id: number): Promise<{ chatId: number; messageId: string; locale: Locale | null }[]> {
    return readAlarmCopies(this.db, id, "group");
  }

  sentToResponders(id: number): Promise<{ chatId: number; messageId: string; locale: Locale | null }[]> {
    return readAlarmCopies(this.db, id, "private");
  }
}
