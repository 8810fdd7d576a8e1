/** Prisma implementation of QuestionBankStore: the seed step and the import CLI write questions here. */
import type { Db } from "../../db/client.js";
import { toQuestion } from "./repo.js";
import type { QuestionBankStore, QuizQuestionRecord } from "./types.js";

export class PrismaQuestionBankStore implements QuestionBankStore {
  constructor(private readonly db: Db) {}

  async all(): Promise<QuizQuestionRecord[]> {
    const rows = await this.db.quizQuestion.findMany({ orderBy: { id: "asc" } });
    return rows.map(toQuestion);
  }

  async upsert(questions: readonly QuizQuestionRecord[]): Promise<{ inserted: number; updated: number }> {
    if (questions.length === 0) return { inserted: 0, updated: 0 };
    const json = JSON.stringify([...questions].sort((a, b) => (a.id < b.id ? -1 : 1)));
    // One statement, rows in id order: two processes seeding at once neither fail nor deadlock.
    // Unchanged rows are left alone, so `updatedAt` says when a question last really changed.
    const rows = await this.db.$queryRaw<{ inserted: boolean }[]>`
      INSERT INTO "QuizQuestion" ("id", "topic", "text", "options", "correct", "explanation", "source", "validFrom", "validUntil", "reviewed", "updatedAt")
      SELECT r."id", r."topic"::"QuizTopic", r."text", r."options", r."correct", r."explanation", r."source",
             r."validFrom"::date, r."validUntil"::date, r."reviewed", (now() AT TIME ZONE 'UTC')
      FROM jsonb_to_recordset(${json}::jsonb) AS r("id" text, "topic" text, "text" jsonb, "options" jsonb, "correct" int,
           "explanation" jsonb, "source" text, "validFrom" text, "validUntil" text, "reviewed" boolean)
      ORDER BY r."id"
      ON CONFLICT ("id") DO UPDATE SET
        "topic" = EXCLUDED."topic", "text" = EXCLUDED."text", "options" = EXCLUDED."options", "correct" = EXCLUDED."correct",
        "explanation" = EXCLUDED."explanation", "source" = EXCLUDED."source", "validFrom" = EXCLUDED."validFrom",
        "validUntil" = EXCLUDED."validUntil", "reviewed" = EXCLUDED."reviewed", "updatedAt" = EXCLUDED."updatedAt"
      WHERE ("QuizQuestion"."topic", "QuizQuestion"."text", "QuizQuestion"."options", "QuizQuestion"."correct", "QuizQuestion"."explanation",
             "QuizQuestion"."source", "QuizQuestion"."validFrom", "QuizQuestion"."validUntil", "QuizQuestion"."reviewed")
        IS DISTINCT FROM (EXCLUDED."topic", EXCLUDED."text", EXCLUDED."options", EXCLUDED."correct", EXCLUDED."explanation",
             EXCLUDED."source", EXCLUDED."validFrom", EXCLUDED."validUntil", EXCLUDED."reviewed")
      RETURNING ("xmax" = 0) AS "inserted"`;
    const inserted = rows.filter((r) => r.inserted).length;
    return { inserted, updated: rows.length - inserted };
  }

  async retire(ids: readonly string[], lastDay: string): Promise<{ deleted: number; ended: number }> {
    if (ids.length === 0) return { deleted: 0, ended: 0 };
    const list = [...ids];
    // Rounds keep a foreign key to their question: those questions stay, but end.
    const deleted = await this.db.quizQuestion.deleteMany({ where: { id: { in: list }, rounds: { none: {} } } });
    const end = new Date(`${lastDay}T00:00:00Z`);
    const ended = await this.db.quizQuestion.updateMany({
      where: { id: { in: list }, OR: [{ validUntil: null }, { validUntil: { gt: end } }] },
      data: { validUntil: end },
    });
    return { deleted: deleted.count, ended: ended.count };
  }
}
