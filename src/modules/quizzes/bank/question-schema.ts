/**
 * Schema and integrity rules for the legal-awareness quiz question bank.
 *
 * The bank lives in version-controlled JSON (`questions.json` beside this file). Every question
 * rests on a fact from `LEGAL_FACTS.md`, cites its law in `source`, and carries
 * `validFrom` / `validUntil` so that a question whose law has been replaced is never served.
 *
 * The schemas check one question (or one bank) structurally; `findBankProblems` (bank-problems.ts)
 * checks the bank as a whole (duplicates, per-topic counts, replaced laws). Both are pure so that an import
 * CLI (CSV/JSON) can reuse them to report rejected rows.
 *
 * @module
 */
import { z } from "zod";
import { REPLACED_LAWS } from "./replaced-laws.js";

export { REPLACED_LAWS };

/** The quiz topics; a campaign may attach one of them. */
export const QUIZ_TOPICS = ["matuy", "cobac", "giaothong", "luadao"] as const;

/** A quiz topic: drugs, gambling, traffic, scams. */
export type QuizTopic = (typeof QUIZ_TOPICS)[number];

/** Longest question text (per locale), so a question fits in one chat message comfortably. */
export const MAX_QUESTION_CHARS = 200;
/** Longest option label (per locale), so it fits on a chat button. */
export const MAX_OPTION_CHARS = 60;
/** Longest explanation (per locale); an explanation is one sentence. */
export const MAX_EXPLANATION_CHARS = 300;
/** Fewest and most options a question may have. */
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 4;

/** The time zone in which quiz dates are calendar days. */
export const QUIZ_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** A lower- or upper-case letter that only Vietnamese spelling with diacritics produces. */
export const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu;

const ID_PATTERN = /^(matuy|cobac|giaothong|luadao)-\d{3}$/u;

/** True when `value` is `YYYY-MM-DD` naming a day that exists in the Gregorian calendar. */
export function isRealIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar day, `YYYY-MM-DD`, that must exist (no 2025-02-29). */
export const IsoDateSchema = z
  .string()
  .refine(isRealIsoDate, { message: "must be a real calendar date in the form YYYY-MM-DD" });

function localizedString(max: number) {
  return z
    .string()
    .min(1, { message: "must not be empty" })
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => s === s.trim(), { message: "must not start or end with whitespace" })
    .refine((s) => s === s.normalize("NFC"), { message: "must be Unicode NFC (precomposed diacritics)" });
}

/** A text in both locales: Vietnamese (`vi`, with diacritics) and English (`en`). */
export function localizedTextSchema(max: number) {
  return z.object({ vi: localizedString(max), en: localizedString(max) }).strict();
}

/** One text in both locales. */
export type LocalizedText = { vi: string; en: string };

/**
 * One quiz question.
 *
 * - `id`: stable and prefixed with its topic, e.g. `matuy-001`.
 * - `options`: 2–4, each short enough for a chat button; `correct` is the 0-based index of the right one.
 * - `explanation`: one sentence, shown after the answer.
 * - `source`: the citation (law or decree, its number, the article). No article number where the
 *   number is not confirmed (e.g. Luật 120/2025/QH15); a practice no article states (how police
 *   summon people, common scams) cites the guidance it comes from ("Khuyến cáo … của cơ quan
 *   Công an"), never an invented article.
 * - `validFrom` / `validUntil`: calendar days (Asia/Ho_Chi_Minh) when the cited law is in force;
 *   `validUntil: null` means open-ended.
 * - `reviewed`: false for questions resting on unconfirmed (⚠) facts; they are served only on opt-in.
 */
export const QuizQuestionSchema = z
  .object({
    id: z.string().regex(ID_PATTERN, { message: "must look like <topic>-NNN, e.g. matuy-001" }),
    topic: z.enum(QUIZ_TOPICS),
    text: localizedTextSchema(MAX_QUESTION_CHARS),
    options: z
      .array(localizedTextSchema(MAX_OPTION_CHARS))
      .min(MIN_OPTIONS, { message: `must have at least ${MIN_OPTIONS} options` })
      .max(MAX_OPTIONS, { message: `must have at most ${MAX_OPTIONS} options` }),
    correct: z.number().int().min(0),
    explanation: localizedTextSchema(MAX_EXPLANATION_CHARS),
    source: z.string().min(1).max(300),
    validFrom: IsoDateSchema,
    validUntil: IsoDateSchema.nullable(),
    reviewed: z.boolean(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.correct >= q.options.length) {
      ctx.addIssue({
        code: "custom",
        path: ["correct"],
        message: `correct index ${q.correct} is out of range for ${q.options.length} options`,
      });
    }
    if (q.validUntil !== null && q.validUntil < q.validFrom) {
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "validUntil must not be before validFrom" });
    }
    if (!q.id.startsWith(`${q.topic}-`)) {
      ctx.addIssue({ code: "custom", path: ["id"], message: `id must start with its topic "${q.topic}-"` });
    }
  });

/** One quiz question, as parsed from the bank. */
export type QuizQuestion = z.infer<typeof QuizQuestionSchema>;

/** The whole bank file: `{ "version": 1, "questions": [...] }`. Ids must be unique. */
export const QuizBankSchema = z
  .object({
    version: z.literal(1),
    questions: z.array(QuizQuestionSchema).min(1),
  })
  .strict()
  .superRefine((bank, ctx) => {
    const seen = new Set<string>();
    bank.questions.forEach((q, index) => {
      if (seen.has(q.id)) {
        ctx.addIssue({ code: "custom", path: ["questions", index, "id"], message: `duplicate id ${q.id}` });
      }
      seen.add(q.id);
    });
  });

/** The parsed question bank. */
export type QuizBank = z.infer<typeof QuizBankSchema>;

const dayFormatter = new Intl.DateTimeFormat("en-CA", {
  timeZone: QUIZ_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/**
 * The calendar day (`YYYY-MM-DD`) of `instant` in Asia/Ho_Chi_Minh, or `null` for an invalid Date.
 */
export function vietnamCalendarDay(instant: Date): string | null {
  if (Number.isNaN(instant.getTime())) return null;
  const parts = dayFormatter.formatToParts(instant);
  const year = parts.find((p) => p.type === "year")?.value;
  const month = parts.find((p) => p.type === "month")?.value;
  const day = parts.find((p) => p.type === "day")?.value;
  if (year === undefined || month === undefined || day === undefined) return null;
  return `${year}-${month}-${day}`;
}

/**
 * Whether a question may be served at `today`.
 *
 * A question is servable when it is reviewed (or the deployment opted in to unreviewed questions
 * with `includeUnreviewed`) and today's calendar day in Asia/Ho_Chi_Minh lies within
 * `validFrom ≤ day ≤ validUntil` (both inclusive; `validUntil: null` is open-ended).
 * An invalid Date is never servable.
 */
export function isServable(
  q: Pick<QuizQuestion, "reviewed" | "validFrom" | "validUntil">,
  today: Date,
  includeUnreviewed: boolean,
): boolean {
  if (!q.reviewed && !includeUnreviewed) return false;
  const day = vietnamCalendarDay(today);
  if (day === null) return false;
  if (day < q.validFrom) return false;
  return q.validUntil === null || day <= q.validUntil;
}
