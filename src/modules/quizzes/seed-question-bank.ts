/**
 * The seed step (`npm start` after migrations, `npm run db:deploy`): the version-controlled bank
 * into `QuizQuestion`, idempotently. Questions that left the bank are retired without breaking
 * rounds that refer to them; questions added with the import CLI (ids `import-…`) are left alone.
 */
import type { QuizBank } from "./bank/question-schema.js";
import { vietnamCalendarDay } from "./bank/question-schema.js";
import type { QuestionBankStore } from "./types.js";

/** Ids of questions added by `npm run quiz:import` start with this; the bank's never do. */
export const IMPORTED_ID_PREFIX = "import-";

export interface SeedReport {
  readonly total: number;
  readonly inserted: number;
  readonly updated: number;
  /** Left the bank and were never used: deleted. */
  readonly deleted: number;
  /** Left the bank but old rounds refer to them: ended yesterday, never served again. */
  readonly ended: number;
}

export async function seedQuestionBank(input: {
  store: QuestionBankStore;
  bank: QuizBank;
  today: Date;
}): Promise<SeedReport> {
  const { store, bank } = input;
  const { inserted, updated } = await store.upsert(bank.questions);
  const inBank = new Set(bank.questions.map((q) => q.id));
  const gone = (await store.all())
    .filter((q) => !q.id.startsWith(IMPORTED_ID_PREFIX) && !inBank.has(q.id))
    .map((q) => q.id);
  const yesterday = vietnamCalendarDay(new Date(input.today.getTime() - 86_400_000)) ?? "1970-01-01";
  const { deleted, ended } = await store.retire(gone, yesterday);
  return { total: bank.questions.length, inserted, updated, deleted, ended };
}
