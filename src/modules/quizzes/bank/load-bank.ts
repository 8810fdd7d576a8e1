/**
 * Loads the version-controlled quiz question bank (`questions.json` beside this module).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { QuizBankSchema, type QuizBank } from "./question-schema.js";

/** Location of the bank file, resolved relative to this module (works from `src/` and a build). */
export const QUESTION_BANK_URL = new URL("./questions.json", import.meta.url);

/**
 * Reads `questions.json` and parses it with {@link QuizBankSchema}.
 *
 * Throws a `ZodError` when the file does not match the schema and a `SyntaxError` when it is not
 * JSON; callers load the bank once at start-up so a broken bank stops the deployment early.
 * Filtering (`validUntil`, `reviewed`) happens when serving, with `isServable`.
 */
export function loadQuestionBank(): QuizBank {
  const raw: unknown = JSON.parse(readFileSync(QUESTION_BANK_URL, "utf8"));
  return QuizBankSchema.parse(raw);
}
