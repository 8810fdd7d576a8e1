/** Prisma implementation of CampaignStore. */
import { Prisma, type Db } from "../../db/client.js";
import { quizKeys } from "../quizzes/types.js";
import {
  type CampaignFigures,
  type CampaignGroupFigures,
  type CampaignRecord,
  type CampaignStore,
  type CampaignTarget,
  type NewCampaign,
} from "./types.js";
import { areaSubtreeSql, areaSubtreeWhere } from "../../db/area-subtree.js";

const withArea = { area: { select: { code: true, name: true, unitName: true } } } as const;
type Row = Prisma.CampaignGetPayload<{ include: typeof withArea }>;

function toRecord(row: Row): CampaignRecord {
  return {
    id: row.id,
    title: row.title,
    text: row.text,
    photoFileId: row.photoFileId,
    areaId: row.areaId,
    areaCode: row.area.code,
    areaName: row.area.name,
    unitName: row.area.unitName,
    createdById: row.createdById,
    schedule: row.schedule,
    nextRunAt: row.nextRunAt,
    quizTopic: row.quizTopic,
    status: row.status,
    createdAt: row.createdAt,
  };
}

export class PrismaCampaignStore implements CampaignStore {
  constructor(private readonly db: Db) {}

  async create(input: NewCampaign): Promise<{ campaign: CampaignRecord; created: boolean }> {
    // skipDuplicates on the unique sourceKey: a redelivered update or a double confirm creates one campaign.
    const { count } = await this.db.campaign.createMany({ data: [input], skipDuplicates: true });
    const row = await this.db.campaign.findUniqueOrThrow({ where: { sourceKey: input.sourceKey }, include: withArea });
    return { campaign: toRecord(row), created: count === 1 };
  }

  async find(id: number): Promise<CampaignRecord | null> {
    const row = await this.db.campaign.findUnique({ where: { id }, include: withArea });
    return row ? toRecord(row) : null;
  }

  async due(now: Date, limit: number): Promise<CampaignRecord[]> {
    const rows = await this.db.campaign.findMany({
      where: { status: "scheduled", nextRunAt: { lte: now } },
      include: withArea,
      orderBy: { nextRunAt: "asc" },
      take: limit,
    });
    return rows.map(toRecord);
  }

  async claimRun(input: { campaignId: number; runAt: Date; now: Date; leaseMs: number }): Promise<boolean> {
    const { count } = await this.db.campaignRun.createMany({
      data: [{ campaignId: input.campaignId, runAt: input.runAt, startedAt: input.now }],
      skipDuplicates: true,
    });
    if (count === 1) return true;
    // Taken before: only a claim whose process died (older than the lease) may be taken over, by one caller.
    const retaken = await this.db.campaignRun.updateMany({
      where: {
        campaignId: input.campaignId,
        runAt: input.runAt,
        startedAt: { lt: new Date(input.now.getTime() - input.leaseMs) },
      },
      data: { startedAt: input.now },
    });
    return retaken.count === 1;
  }

  async runId(input: { campaignId: number; runAt: Date }): Promise<number | null> {
    const row = await this.db.campaignRun.findUnique({
      where: { campaignId_runAt: { campaignId: input.campaignId, runAt: input.runAt } },
      select: { id: true },
    });
    return row?.id ?? null;
  }

  async advance(input: { campaignId: number; runAt: Date; nextRunAt: Date | null }): Promise<boolean> {
    const result = await this.db.campaign.updateMany({
      where: { id: input.campaignId, status: "scheduled", nextRunAt: input.runAt },
      data: input.nextRunAt ? { nextRunAt: input.nextRunAt } : { nextRunAt: null, status: "done" },
    });
    return result.count === 1;
  }

  async targets(areaCode: string): Promise<CampaignTarget[]> {
    const rows = await this.db.$queryRaw<{ id: number; locale: string | null }[]>`
      SELECT c."id", c."locale" FROM "Chat" c JOIN "Area" a ON a."id" = c."areaId"
      WHERE c."active" AND c."kind" = 'group' AND ${areaSubtreeSql("a", areaCode)}
      ORDER BY c."id"`;
    return rows.map((r) => ({ chatId: r.id, locale: r.locale }));
  }

  async cancel(input: { campaignId: number; at: Date }): Promise<boolean> {
    const result = await this.db.campaign.updateMany({
      where: { id: input.campaignId, status: "scheduled" },
      data: { status: "cancelled", cancelledAt: input.at, nextRunAt: null },
    });
    return result.count === 1;
  }

  async cancelPending(campaignId: number): Promise<number> {
    const messages = await this.db.delivery.updateMany({
      where: { sourceKind: "campaign", sourceId: campaignId, status: "pending" },
      data: { status: "cancelled" },
    });
    // Questions not posted yet are withdrawn with their rounds, so no answer is revealed to a group that never saw the question.
    const rounds = await this.db.quizRound.findMany({ where: { campaignId, closedAt: null }, select: { id: true } });
    const roundOfKey = new Map(rounds.map((r) => [quizKeys.question(r.id), r.id]));
    const unsent = await this.db.delivery.findMany({
      where: { key: { in: [...roundOfKey.keys()] }, status: "pending" },
      select: { id: true, key: true },
    });
    if (unsent.length > 0) {
      await this.db.delivery.updateMany({
        where: { id: { in: unsent.map((d) => d.id) }, status: "pending" },
        data: { status: "cancelled" },
      });
      const ids = unsent.flatMap((d) => roundOfKey.get(d.key) ?? []);
      await this.db.quizRound.updateMany({
        where: { id: { in: ids }, closedAt: null },
        data: { closedAt: new Date() },
      });
    }
    return messages.count + unsent.length;
  }

  async list(input: { areaCodes: readonly string[] | null; limit: number }): Promise<CampaignRecord[]> {
    const where =
      input.areaCodes === null ? {} : { OR: input.areaCodes.map((code) => ({ area: areaSubtreeWhere(code) })) };
    const rows = await this.db.campaign.findMany({
      where,
      include: withArea,
      orderBy: [{ status: "asc" }, { id: "desc" }],
      take: input.limit,
    });
    return rows.map(toRecord);
  }

  async figures(campaignIds: readonly number[]): Promise<Map<number, CampaignFigures>> {
    const figures = new Map<number, CampaignFigures>();
    if (campaignIds.length === 0) return figures;
    const ids = Prisma.join([...campaignIds]);
    const [deliveries, runs, quiz] = await Promise.all([
      this.db.delivery.groupBy({
        by: ["sourceId", "status"],
        where: { sourceKind: "campaign", sourceId: { in: [...campaignIds] } },
        _count: { _all: true },
      }),
      this.db.campaignRun.groupBy({
        by: ["campaignId"],
        where: { campaignId: { in: [...campaignIds] } },
        _count: { _all: true },
      }),
      this.db.$queryRaw<{ campaignId: number; answers: bigint; people: bigint; correct: bigint }[]>`
        SELECT r."campaignId", count(*) AS answers, count(DISTINCT a."userId") AS people, count(*) FILTER (WHERE a."correct") AS correct
        FROM "QuizAnswer" a JOIN "QuizRound" r ON r."id" = a."roundId"
        WHERE r."campaignId" IN (${ids}) GROUP BY r."campaignId"`,
    ]);
    for (const id of campaignIds) {
      const count = (status: string) =>
        deliveries.find((d) => d.sourceId === id && d.status === status)?._count._all ?? 0;
      const q = quiz.find((row) => row.campaignId === id);
      figures.set(id, {
        sent: count("sent"),
        failed: count("failed"),
        pending: count("pending"),
        runs: runs.find((r) => r.campaignId === id)?._count._all ?? 0,
        quizAnswers: Number(q?.answers ?? 0),
        quizPeople: Number(q?.people ?? 0),
        quizCorrect: Number(q?.correct ?? 0),
      });
    }
    return figures;
  }

  async groupFigures(campaignId: number): Promise<CampaignGroupFigures[]> {
    const rows = await this.db.$queryRaw<
      {
        chatId: number;
        title: string | null;
        sent: bigint;
        failed: bigint;
        pending: bigint;
        answers: bigint;
        correct: bigint;
      }[]
    >`
      WITH d AS (
        SELECT "chatId", count(*) FILTER (WHERE "status" = 'sent') AS sent, count(*) FILTER (WHERE "status" = 'failed') AS failed,
               count(*) FILTER (WHERE "status" = 'pending') AS pending
        FROM "Delivery" WHERE "sourceKind" = 'campaign' AND "sourceId" = ${campaignId} AND "chatId" IS NOT NULL GROUP BY "chatId"
      ), q AS (
        SELECT r."chatId", count(a.*) AS answers, count(a.*) FILTER (WHERE a."correct") AS correct
        FROM "QuizRound" r LEFT JOIN "QuizAnswer" a ON a."roundId" = r."id" WHERE r."campaignId" = ${campaignId} GROUP BY r."chatId"
      )
      SELECT c."id" AS "chatId", c."title", COALESCE(d.sent, 0) AS sent, COALESCE(d.failed, 0) AS failed, COALESCE(d.pending, 0) AS pending,
             COALESCE(q.answers, 0) AS answers, COALESCE(q.correct, 0) AS correct
      FROM d FULL JOIN q ON q."chatId" = d."chatId" JOIN "Chat" c ON c."id" = COALESCE(d."chatId", q."chatId")
      ORDER BY sent DESC, answers DESC, c."title"`;
    return rows.map((r) => ({
      chatId: r.chatId,
      title: r.title,
      sent: Number(r.sent),
      failed: Number(r.failed),
      pending: Number(r.pending),
      quizAnswers: Number(r.answers),
      quizCorrect: Number(r.correct),
    }));
  }
}
