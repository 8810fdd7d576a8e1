/** Prisma implementation of StatsStore: a few aggregate queries over an area subtree and a period. */
import { Prisma, type Db } from "../../db/client.js";
import type { AreaCoverage, AreaFigures, SchoolHelp, StatsPeriod, StatsStore, WeeklyRows } from "./types.js";
import { areaSubtreeSql } from "../../db/area-subtree.js";

/** Prisma keeps DateTime columns as UTC wall time (`timestamp`): compare in UTC, whatever the session's zone. */
const utc = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
const within = (column: string, period: StatsPeriod) =>
  Prisma.sql`${Prisma.raw(column)} >= ${utc(period.from)} AND ${Prisma.raw(column)} < ${utc(period.to)}`;

export class PrismaStatsStore implements StatsStore {
  constructor(private readonly db: Db) {}

  async figures(input: { areaCode: string; period: StatsPeriod }): Promise<AreaFigures> {
    const [tips, alerts, quiz, campaigns, alarms] = await Promise.all([
      this.tips(input),
      this.alerts(input),
      this.quiz(input),
      this.campaigns(input),
      this.alarms(input),
    ]);
    return { ...tips, ...alerts, ...quiz, ...campaigns, ...alarms };
  }

  private async alarms({ areaCode, period }: { areaCode: string; period: StatsPeriod }) {
    const [row] = await this.db.$queryRaw<
      { raised: bigint; confirmed: bigint; false_alarms: bigint; median: number | null }[]
    >`
      SELECT count(*) AS raised,
             count(*) FILTER (WHERE x."firstResponseAt" IS NOT NULL AND x."state" <> 'false_alarm') AS confirmed,
             count(*) FILTER (WHERE x."state" = 'false_alarm') AS false_alarms,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM x."firstResponseAt" - x."raisedAt") / 60) AS median
      FROM "Alarm" x JOIN "Area" a ON a."id" = x."areaId" WHERE ${areaSubtreeSql("a", areaCode)} AND ${within('x."raisedAt"', period)}`;
    return {
      alarmsRaised: Number(row?.raised ?? 0),
      alarmsConfirmed: Number(row?.confirmed ?? 0),
      alarmsFalse: Number(row?.false_alarms ?? 0),
      alarmResponseMinutes: row?.median === null || row?.median === undefined ? null : Number(row.median),
    };
  }

  private async tips({ areaCode, period }: { areaCode: string; period: StatsPeriod }) {
    const [row] = await this.db.$queryRaw<
      { received: bigint; valuable: bigint; cases: bigint; arrested: bigint; assets: bigint }[]
    >`
      SELECT count(*) FILTER (WHERE ${within('t."createdAt"', period)}) AS received,
             count(*) FILTER (WHERE t."valuable" AND ${within('t."createdAt"', period)}) AS valuable,
             count(*) FILTER (WHERE t."caseOpened" AND ${within('t."closedAt"', period)}) AS cases,
             COALESCE(sum(t."peopleArrested") FILTER (WHERE ${within('t."closedAt"', period)}), 0)::bigint AS arrested,
             COALESCE(sum(t."assetsRecovered") FILTER (WHERE ${within('t."closedAt"', period)}), 0)::bigint AS assets
      FROM "Tip" t JOIN "Area" a ON a."id" = t."areaId" WHERE ${areaSubtreeSql("a", areaCode)} AND t."kind" = 'crime'`;
    return {
      tipsReceived: Number(row?.received ?? 0),
      tipsValuable: Number(row?.valuable ?? 0),
      casesOpened: Number(row?.cases ?? 0),
      peopleArrested: Number(row?.arrested ?? 0),
      assetsRecovered: BigInt(row?.assets ?? 0),
    };
  }

  private async alerts({ areaCode, period }: { areaCode: string; period: StatsPeriod }) {
    const [row] = await this.db.$queryRaw<{ alerts: bigint; reached: bigint; acked: bigint; acks: bigint }[]>`
      WITH al AS (
        SELECT x."id" FROM "Alert" x JOIN "Area" a ON a."id" = x."areaId" WHERE ${areaSubtreeSql("a", areaCode)} AND ${within('x."issuedAt"', period)}
      ), reached AS (
        SELECT DISTINCT al."id" AS "alertId", d."chatId" FROM al
        JOIN "Delivery" d ON d."sourceKind" = 'alert' AND d."sourceId" = al."id" AND d."status" = 'sent'
        JOIN "Chat" c ON c."id" = d."chatId" AND c."kind" = 'group'
      )
      SELECT (SELECT count(*) FROM al) AS alerts,
             (SELECT count(*) FROM reached) AS reached,
             (SELECT count(*) FROM reached r WHERE EXISTS (SELECT 1 FROM "AlertAck" k WHERE k."alertId" = r."alertId" AND k."chatId" = r."chatId")) AS acked,
             (SELECT count(*) FROM "AlertAck" k JOIN al ON al."id" = k."alertId") AS acks`;
    return {
      alertsSent: Number(row?.alerts ?? 0),
      alertGroupsReached: Number(row?.reached ?? 0),
      alertGroupsAcked: Number(row?.acked ?? 0),
      alertAcks: Number(row?.acks ?? 0),
    };
  }

  private async quiz({ areaCode, period }: { areaCode: string; period: StatsPeriod }) {
    const [row] = await this.db.$queryRaw<{ answers: bigint; people: bigint; correct: bigint }[]>`
      SELECT count(*) AS answers, count(DISTINCT q."userId") AS people, count(*) FILTER (WHERE q."correct") AS correct
      FROM "QuizAnswer" q JOIN "Chat" c ON c."id" = q."chatId" JOIN "Area" a ON a."id" = c."areaId"
      WHERE ${areaSubtreeSql("a", areaCode)} AND ${within('q."at"', period)}`;
    return {
      quizAnswers: Number(row?.answers ?? 0),
      quizParticipants: Number(row?.people ?? 0),
      quizCorrect: Number(row?.correct ?? 0),
    };
  }

  private async campaigns({ areaCode, period }: { areaCode: string; period: StatsPeriod }) {
    const [row] = await this.db.$queryRaw<{ sent: bigint }[]>`
      SELECT count(*) AS sent FROM "Campaign" k JOIN "Area" a ON a."id" = k."areaId"
      JOIN "Delivery" d ON d."sourceKind" = 'campaign' AND d."sourceId" = k."id" AND d."status" = 'sent'
      WHERE ${areaSubtreeSql("a", areaCode)} AND ${within('d."sentAt"', period)}`;
    return { campaignMessages: Number(row?.sent ?? 0) };
  }

  /** `width_bucket` numbers columns from 1 (edges[0] ≤ t < edges[1]); rows outside the edges are left out. */
  async helpBySchool({ areaCode, period }: { areaCode: string; period: StatsPeriod }): Promise<SchoolHelp[]> {
    // Counts only: a help request's words never leave the mailbox.
    const rows = await this.db.$queryRaw<
      { code: string; name: string; received: bigint; taken: bigint; escalated: bigint }[]
    >`
      SELECT a."code", a."name",
             count(t."id") AS received,
             count(t."id") FILTER (WHERE t."takenAt" IS NOT NULL) AS taken,
             count(t."id") FILTER (WHERE t."escalationLevel" > 0) AS escalated
      FROM "Area" a
      LEFT JOIN "Tip" t ON t."areaId" = a."id" AND t."kind" = 'help' AND ${within('t."createdAt"', period)}
      WHERE ${areaSubtreeSql("a", areaCode)} AND a."kind" = 'truonghoc'
      GROUP BY a."id", a."code", a."name" ORDER BY a."code"`;
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      received: Number(r.received),
      taken: Number(r.taken),
      escalated: Number(r.escalated),
    }));
  }

  async weekly({ areaCode, edges }: { areaCode: string; edges: readonly Date[] }): Promise<WeeklyRows> {
    const first = edges[0];
    const last = edges.at(-1);
    if (first === undefined || last === undefined || edges.length < 2) return { tips: [], alerts: [] };
    const period = { from: first, to: last };
    const bounds = Prisma.sql`ARRAY[${Prisma.join(edges.map(utc))}]`;
    const [tips, alerts] = await Promise.all([
      this.db.$queryRaw<{ bucket: number; category: string; n: bigint }[]>`
        SELECT width_bucket(t."createdAt", ${bounds}) AS bucket, t."category"::text AS category, count(*) AS n
        FROM "Tip" t JOIN "Area" a ON a."id" = t."areaId"
        WHERE ${areaSubtreeSql("a", areaCode)} AND ${within('t."createdAt"', period)} AND t."kind" = 'crime' GROUP BY 1, 2`,
      this.db.$queryRaw<{ bucket: number; alerts: bigint; reached: bigint; acked: bigint }[]>`
        WITH al AS (
          SELECT x."id", width_bucket(x."issuedAt", ${bounds}) AS bucket FROM "Alert" x JOIN "Area" a ON a."id" = x."areaId"
          WHERE ${areaSubtreeSql("a", areaCode)} AND ${within('x."issuedAt"', period)}
        ), reached AS (
          SELECT DISTINCT al."id" AS "alertId", al.bucket, d."chatId" FROM al
          JOIN "Delivery" d ON d."sourceKind" = 'alert' AND d."sourceId" = al."id" AND d."status" = 'sent'
          JOIN "Chat" c ON c."id" = d."chatId" AND c."kind" = 'group'
        )
        SELECT al.bucket, count(*) AS alerts,
               (SELECT count(*) FROM reached r WHERE r.bucket = al.bucket) AS reached,
               (SELECT count(*) FROM reached r WHERE r.bucket = al.bucket AND EXISTS (SELECT 1 FROM "AlertAck" k WHERE k."alertId" = r."alertId" AND k."chatId" = r."chatId")) AS acked
        FROM al GROUP BY al.bucket`,
    ]);
    return {
      tips: tips.map((r) => ({ bucket: Number(r.bucket) - 1, category: r.category, count: Number(r.n) })),
      alerts: alerts.map((r) => ({
        bucket: Number(r.bucket) - 1,
        alerts: Number(r.alerts),
        reached: Number(r.reached),
        acked: Number(r.acked),
      })),
    };
  }

  async coverage(areaCode: string): Promise<AreaCoverage[]> {
    const rows = await this.db.$queryRaw<{ code: string; name: string; groups: bigint }[]>`
      SELECT a."code", a."name", count(c."id") FILTER (WHERE c."active" AND c."kind" = 'group') AS groups
      FROM "Area" a LEFT JOIN "Chat" c ON c."areaId" = a."id"
      WHERE ${areaSubtreeSql("a", areaCode)} GROUP BY a."code", a."name" ORDER BY a."code" = ${areaCode} DESC, a."code"`;
    return rows.map((r) => ({ code: r.code, name: r.name, groups: Number(r.groups) }));
  }
}
