/** Prisma implementation of QuizStore: rounds, answers and leaderboards. */
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { QUIZ_TOPICS } from "./bank/question-schema.js";
import {
  quizKeys,
  type AnswerOutcome,
  type GroupScore,
  type NewQuizRound,
  type QuizQuestionRecord,
  type QuizRoundRecord,
  type QuizStore,
  type QuizTopic,
  type RoundChat,
  type RoundTally,
  type UserScore,
} from "./types.js";
import { areaSubtreeSql } from "../../db/area-subtree.js";

const Localized = z.object({ vi: z.string(), en: z.string() });

interface QuestionRow {
  id: string;
  topic: string;
  text: unknown;
  options: unknown;
  correct: number;
  explanation: unknown;
  source: string;
  validFrom: Date;
  validUntil: Date | null;
  reviewed: boolean;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** JSON read from the database is a boundary too: parsed, not trusted. */
export function toQuestion(row: QuestionRow): QuizQuestionRecord {
  return {
    id: row.id,
    topic: z.enum(QUIZ_TOPICS).parse(row.topic),
    text: Localized.parse(row.text),
    options: z.array(Localized).parse(row.options),
    correct: row.correct,
    explanation: Localized.parse(row.explanation),
    source: row.source,
    validFrom: day(row.validFrom),
    validUntil: row.validUntil ? day(row.validUntil) : null,
    reviewed: row.reviewed,
  };
}

const roundFields = {
  id: true,
  questionId: true,
  chatId: true,
  campaignId: true,
  postedAt: true,
  closesAt: true,
  closedAt: true,
  maxAnswers: true,
  sourceKey: true,
} as const;

export class PrismaQuizStore implements QuizStore {
  constructor(private readonly db: Db) {}

  async questions(topic: QuizTopic | undefined): Promise<QuizQuestionRecord[]> {
    const rows = await this.db.quizQuestion.findMany({ where: topic ? { topic } : {}, orderBy: { id: "asc" } });
    return rows.map(toQuestion);
  }

  async recentQuestionIds(input: { chatId?: number; campaignId?: number; limit: number }): Promise<string[]> {
    const rows = await this.db.quizRound.findMany({
      where: {
        ...(input.chatId !== undefined ? { chatId: input.chatId } : {}),
        ...(input.campaignId !== undefined ? { campaignId: input.campaignId } : {}),
      },
      select: { questionId: true },
      orderBy: { id: "desc" },
      take: input.limit,
    });
    return rows.map((r) => r.questionId);
  }

  async createRound(input: NewQuizRound) {
    // skipDuplicates (ON CONFLICT DO NOTHING): a redelivered update or a retried campaign run finds its round.
    const { count } = await this.db.quizRound.createMany({ data: [input], skipDuplicates: true });
    const round = await this.db.quizRound.findUniqueOrThrow({
      where: { sourceKey: input.sourceKey },
      select: roundFields,
    });
    return { round, created: count === 1 };
  }

  async findRound(
    id: number,
  ): Promise<{ round: QuizRoundRecord; question: QuizQuestionRecord; chat: RoundChat } | null> {
    const row = await this.db.quizRound.findUnique({ where: { id }, select: { ...roundFields, question: true } });
    if (!row) return null;
    const { question, ...round } = row;
    const chat = await this.db.chat.findUniqueOrThrow({
      where: { id: round.chatId },
      select: { kind: true, locale: true, platform: true, platformChatId: true },
    });
    // A private chat reads in its user's language (Telegram and Zalo: chat id = user id).
    const user =
      chat.kind === "private"
        ? await this.db.user.findUnique({
            where: { platform_platformUserId: { platform: chat.platform, platformUserId: chat.platformChatId } },
            select: { locale: true },
          })
        : null;
    return { round, question: toQuestion(question), chat: { kind: chat.kind, locale: user?.locale ?? chat.locale } };
  }

  openRound(chatId: number, now: Date): Promise<QuizRoundRecord | null> {
    return this.db.quizRound.findFirst({
      where: { chatId, closedAt: null, closesAt: { gt: now } },
      select: roundFields,
      orderBy: { id: "desc" },
    });
  }

  async recordAnswer(input: {
    roundId: number;
    userId: number;
    option: number;
    correct: boolean;
    now: Date;
  }): Promise<AnswerOutcome> {
    const round = await this.db.quizRound.findUnique({ where: { id: input.roundId }, select: roundFields });
    if (!round || round.closedAt !== null || round.closesAt <= input.now) return { kind: "closed" };
    const answer = {
      roundId: input.roundId,
      userId: input.userId,
      chatId: round.chatId,
      option: input.option,
      correct: input.correct,
      at: input.now,
    };
    if (round.maxAnswers === null) {
      // No cap (the usual group round): one statement; the primary key keeps the first answer only.
      const { count } = await this.db.quizAnswer.createMany({ data: [answer], skipDuplicates: true });
      return count === 1 ? { kind: "recorded", full: false } : { kind: "already" };
    }
    return this.db.$transaction(async (tx) => {
      // With a cap, the row lock serialises the round's answers so the count is exact.
      await tx.$queryRaw`SELECT 1 FROM "QuizRound" WHERE "id" = ${input.roundId} FOR UPDATE`;
      const locked = await tx.quizRound.findUniqueOrThrow({
        where: { id: input.roundId },
        select: { closedAt: true, closesAt: true },
      });
      const before = await tx.quizAnswer.count({ where: { roundId: input.roundId } });
      if (locked.closedAt !== null || locked.closesAt <= input.now || before >= (round.maxAnswers ?? Infinity))
        return { kind: "closed" } as const;
      const { count } = await tx.quizAnswer.createMany({ data: [answer], skipDuplicates: true });
      if (count === 0) return { kind: "already" } as const;
      const full = before + 1 >= (round.maxAnswers ?? Infinity);
      if (full) await tx.quizRound.update({ where: { id: input.roundId }, data: { closesAt: input.now } });
      return { kind: "recorded", full } as const;
    });
  }

  dueRounds(now: Date, limit: number): Promise<QuizRoundRecord[]> {
    return this.db.quizRound.findMany({
      where: { closedAt: null, closesAt: { lte: now } },
      select: roundFields,
      orderBy: { closesAt: "asc" },
      take: limit,
    });
  }

  async tally(roundId: number): Promise<RoundTally> {
    const [answered, correct] = await Promise.all([
      this.db.quizAnswer.count({ where: { roundId } }),
      this.db.quizAnswer.count({ where: { roundId, correct: true } }),
    ]);
    return { answered, correct };
  }

  async markClosed(roundId: number, at: Date): Promise<boolean> {
    const result = await this.db.quizRound.updateMany({
      where: { id: roundId, closedAt: null },
      data: { closedAt: at },
    });
    return result.count === 1;
  }

  async questionMessageId(roundId: number): Promise<string | null> {
    const row = await this.db.delivery.findUnique({
      where: { key: quizKeys.question(roundId) },
      select: { platformMessageId: true },
    });
    return row?.platformMessageId ?? null;
  }

  async groupRanking(input: {
    chatId: number;
    limit: number;
    userId: number;
  }): Promise<{ top: UserScore[]; mine: UserScore | null }> {
    const rows = await this.db.$queryRaw<
      { rank: bigint; userId: number; name: string | null; points: bigint; answered: bigint }[]
    >`
      SELECT rank() OVER (ORDER BY s.points DESC) AS rank, s.*
      FROM (SELECT a."userId", u."displayName" AS name, count(*) FILTER (WHERE a."correct") AS points, count(*) AS answered
            FROM "QuizAnswer" a JOIN "User" u ON u."id" = a."userId"
            WHERE a."chatId" = ${input.chatId} GROUP BY a."userId", u."displayName") s
      ORDER BY s.points DESC, s.answered ASC, s."userId" ASC`;
    const scores: UserScore[] = rows.map((r) => ({
      rank: Number(r.rank),
      userId: r.userId,
      name: r.name,
      points: Number(r.points),
      answered: Number(r.answered),
    }));
    return { top: scores.slice(0, input.limit), mine: scores.find((s) => s.userId === input.userId) ?? null };
  }

  async areaRanking(input: { areaCode: string; limit: number }): Promise<GroupScore[]> {
    const rows = await this.db.$queryRaw<
      { rank: bigint; chatId: number; title: string | null; points: bigint; participants: bigint }[]
    >`
      SELECT rank() OVER (ORDER BY s.points DESC) AS rank, s.*
      FROM (SELECT c."id" AS "chatId", c."title", count(q.*) FILTER (WHERE q."correct") AS points, count(DISTINCT q."userId") AS participants
            FROM "Chat" c JOIN "Area" ar ON ar."id" = c."areaId"
            LEFT JOIN "QuizAnswer" q ON q."chatId" = c."id"
            WHERE c."kind" = 'group' AND c."active" AND ${areaSubtreeSql("ar", input.areaCode)}
            GROUP BY c."id", c."title") s
      ORDER BY s.points DESC, s.participants DESC, s."title" ASC
      LIMIT ${input.limit}`;
    return rows.map((r) => ({
      rank: Number(r.rank),
      chatId: r.chatId,
      title: r.title,
      points: Number(r.points),
      participants: Number(r.participants),
    }));
  }
}
