/**
 * `npm run quiz:import -- file`: more questions from a CSV or JSON file. Every row is checked with
 * the bank's rules (schema, one-sentence explanations, replaced laws, duplicates against the file
 * and the stored questions); valid rows are stored under `import-…` ids, the rest are reported.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { findBankProblems } from "./bank/bank-problems.js";
import {
  IsoDateSchema,
  localizedTextSchema,
  MAX_EXPLANATION_CHARS,
  MAX_OPTION_CHARS,
  MAX_OPTIONS,
  MAX_QUESTION_CHARS,
  MIN_OPTIONS,
  QUIZ_TOPICS,
} from "./bank/question-schema.js";
import { readImportFile, type ImportRow } from "./read-import-file.js";
import { IMPORTED_ID_PREFIX } from "./seed-question-bank.js";
import type { QuestionBankStore, QuizQuestionRecord } from "./types.js";

const ImportedQuestionSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,48}$/, { message: "must be lower-case letters, digits and dashes (at most 49)" })
      .optional(),
    topic: z.enum(QUIZ_TOPICS, { error: `must be one of ${QUIZ_TOPICS.join(", ")}` }),
    text: localizedTextSchema(MAX_QUESTION_CHARS),
    options: z
      .array(localizedTextSchema(MAX_OPTION_CHARS))
      .min(MIN_OPTIONS, { message: `needs at least ${MIN_OPTIONS} options` })
      .max(MAX_OPTIONS, { message: `at most ${MAX_OPTIONS} options` }),
    correct: z.number({ error: "must name the right option (JSON: index from 0; CSV: A–D or 1–4)" }).int().min(0),
    explanation: localizedTextSchema(MAX_EXPLANATION_CHARS),
    source: z.string().trim().min(1, { message: "must cite the law, its number and the article" }).max(300),
    validFrom: IsoDateSchema,
    validUntil: IsoDateSchema.nullable().default(null),
    reviewed: z.boolean({ error: "must be true or false" }),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.correct >= q.options.length)
      ctx.addIssue({
        code: "custom",
        path: ["correct"],
        message: `is option ${q.correct + 1} but there are ${q.options.length} options`,
      });
    if (q.validUntil !== null && q.validUntil < q.validFrom)
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "is before validFrom" });
  });

export interface RejectedRow {
  readonly label: string;
  readonly id?: string;
  readonly problems: readonly string[];
}

export interface ImportReport {
  readonly accepted: readonly QuizQuestionRecord[];
  readonly rejected: readonly RejectedRow[];
  readonly inserted: number;
  readonly updated: number;
}

/** The stored id of an imported question: the given id, or one derived from the Vietnamese text. */
export function importedId(topic: string, textVi: string, given: string | undefined): string {
  if (given) return given.startsWith(IMPORTED_ID_PREFIX) ? given : `${IMPORTED_ID_PREFIX}${given}`;
  const hash = createHash("sha256")
    .update(textVi.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim())
    .digest("hex");
  return `${IMPORTED_ID_PREFIX}${topic}-${hash.slice(0, 10)}`;
}

/** Checks every row; `existing` are the stored questions (duplicates of them are refused). */
export function validateImport(
  rows: readonly ImportRow[],
  existing: readonly QuizQuestionRecord[],
): { accepted: QuizQuestionRecord[]; rejected: RejectedRow[] } {
  const rejected: RejectedRow[] = [];
  const candidates: { row: ImportRow; question: QuizQuestionRecord }[] = [];
  const firstAt = new Map<string, string>();
  for (const row of rows) {
    const parsed = ImportedQuestionSchema.safeParse(row.candidate);
    if (!parsed.success) {
      rejected.push({
        label: row.label,
        problems: parsed.error.issues.map((i) => `${i.path.join(".") || "row"}: ${i.message}`),
      });
      continue;
    }
    const { id: given, ...rest } = parsed.data;
    const question: QuizQuestionRecord = { ...rest, id: importedId(rest.topic, rest.text.vi, given) };
    const first = firstAt.get(question.id);
    if (first) rejected.push({ label: row.label, id: question.id, problems: [`same id as ${first}`] });
    else {
      firstAt.set(question.id, row.label);
      candidates.push({ row, question });
    }
  }
  // The bank's whole-set rules, over the stored questions (minus those this import replaces) and the new ones.
  const ids = new Set(candidates.map((c) => c.question.id));
  const problems = findBankProblems(
    { version: 1, questions: [...existing.filter((q) => !ids.has(q.id)), ...candidates.map((c) => c.question)] },
    { minPerTopic: 0, minTotal: 0 },
  );
  const accepted: QuizQuestionRecord[] = [];
  for (const { row, question } of candidates) {
    const mine = problems.filter((p) => p.startsWith(`${question.id}: `)).map((p) => p.slice(question.id.length + 2));
    if (mine.length > 0) rejected.push({ label: row.label, id: question.id, problems: mine });
    else accepted.push(question);
  }
  const order = new Map(rows.map((row, i) => [row.label, i]));
  rejected.sort((a, b) => (order.get(a.label) ?? 0) - (order.get(b.label) ?? 0));
  return { accepted, rejected };
}

/** Reads, checks and (unless `dryRun`) stores the valid questions of a file. Throws ImportFileError for an unreadable file. */
export async function importQuestions(input: {
  store: QuestionBankStore;
  content: string;
  format: "csv" | "json";
  dryRun: boolean;
}): Promise<ImportReport> {
  const rows = readImportFile(input.content, input.format);
  const { accepted, rejected } = validateImport(rows, await input.store.all());
  const written = input.dryRun ? { inserted: 0, updated: 0 } : await input.store.upsert(accepted);
  return { accepted, rejected, ...written };
}
