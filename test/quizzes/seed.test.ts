/** The seed step against real Postgres: idempotent, retires what left the bank without breaking rounds, leaves imports alone. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../src/db/client.js";
import { PrismaQuestionBankStore } from "../../src/modules/quizzes/bank-repo.js";
import { loadQuestionBank } from "../../src/modules/quizzes/bank/load-bank.js";
import { seedQuestionBank } from "../../src/modules/quizzes/seed-question-bank.js";
import { createTestDatabase } from "../support/databases.js";

const TODAY = new Date("2026-11-29T12:00:00+07:00");
const bank = loadQuestionBank();
let database: { url: string; drop: () => Promise<void> };
let db: Db;
let store: PrismaQuestionBankStore;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url);
  store = new PrismaQuestionBankStore(db);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("seedQuestionBank", () => {
  it("loads the whole bank, field for field", async () => {
    const report = await seedQuestionBank({ store, bank, today: TODAY });
    expect(report).toEqual({
      total: bank.questions.length,
      inserted: bank.questions.length,
      updated: 0,
      deleted: 0,
      ended: 0,
    });
    const stored = await store.all();
    expect(stored).toEqual([...bank.questions].sort((a, b) => (a.id < b.id ? -1 : 1)));
  });

  it("changes nothing the second time, even when two processes seed at once", async () => {
    const reports = await Promise.all([
      seedQuestionBank({ store, bank, today: TODAY }),
      seedQuestionBank({ store, bank, today: TODAY }),
    ]);
    for (const report of reports) expect(report).toMatchObject({ inserted: 0, updated: 0, deleted: 0, ended: 0 });
  });

  it("updates a changed question, deletes an unused one that left the bank, and ends a used one (its rounds stay)", async () => {
    const [first, second, third] = bank.questions.filter((q) => q.validUntil === null);
    if (!first || !second || !third) throw new Error("bank too small");
    const rest = bank.questions.filter((q) => q !== first && q !== second && q !== third);
    const chat = await db.chat.create({ data: { platform: "telegram", platformChatId: "-1", kind: "group" } });
    await db.quizRound.create({
      data: { questionId: third.id, chatId: chat.id, closesAt: TODAY, sourceKey: "test:1" },
    });
    await db.quizQuestion.create({
      data: {
        id: "import-luadao-x",
        topic: "luadao",
        text: { vi: "Câu nhập thêm?", en: "Imported?" },
        options: [
          { vi: "Có", en: "Yes" },
          { vi: "Không", en: "No" },
        ],
        correct: 0,
        explanation: { vi: "Vì vậy.", en: "So." },
        source: "Bộ luật Hình sự 2015, Điều 174",
        validFrom: new Date("2018-01-01"),
        reviewed: true,
      },
    });
    const edited = {
      ...first,
      explanation: { ...first.explanation, en: `${first.explanation.en.slice(0, -1)}, indeed.` },
    };
    const report = await seedQuestionBank({ store, bank: { version: 1, questions: [edited, ...rest] }, today: TODAY });
    expect(report).toMatchObject({ inserted: 0, updated: 1, deleted: 1, ended: 1 });
    expect(await db.quizQuestion.findUnique({ where: { id: second.id } })).toBeNull();
    const ended = await db.quizQuestion.findUniqueOrThrow({ where: { id: third.id } });
    expect(ended.validUntil?.toISOString().slice(0, 10)).toBe("2026-11-28");
    expect(await db.quizRound.count({ where: { questionId: third.id } })).toBe(1);
    expect(await db.quizQuestion.findUnique({ where: { id: "import-luadao-x" } })).not.toBeNull();
    // Back in the bank: served again, as the bank says.
    await seedQuestionBank({ store, bank, today: TODAY });
    expect(
      (await db.quizQuestion.findUniqueOrThrow({ where: { id: third.id } })).validUntil?.toISOString().slice(0, 10) ??
        null,
    ).toBe(third.validUntil);
    expect(await db.quizQuestion.count()).toBe(bank.questions.length + 1);
  });
});
