/**
 * The question bank's rules as a whole: no duplicates, enough questions per topic, none resting on
 * a replaced law, one sentence per explanation. Pure, so the import CLI reports rejected rows with it.
 */
import { QUIZ_TOPICS, isServable, vietnamCalendarDay, VIETNAMESE_LETTER, type QuizBank } from "./question-schema.js";
import { REPLACED_LAWS } from "./replaced-laws.js";

/**
 * Normalises a text for duplicate detection: Unicode NFC, lower case, whitespace collapsed,
 * trailing punctuation dropped. Diacritics are kept (they change the meaning in Vietnamese).
 */
export function normalizeForComparison(text: string): string {
  return text
    .normalize("NFC")
    .toLocaleLowerCase("vi")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/[\s.?!…:;,]+$/u, "");
}

/**
 * Number of sentences in `text`: a sentence ends with `.`, `!`, `?` or `…` followed by whitespace
 * and a new word (decimal commas, dates and `0.25`-style numbers do not end a sentence).
 */
export function countSentences(text: string): number {
  const trimmed = text.trim();
  if (trimmed === "") return 0;
  const internalBreaks = trimmed.match(/[.!?…]["”’»)]?\s+(?=["“‘«(]?\p{Lu})/gu);
  return 1 + (internalBreaks?.length ?? 0);
}

/** Options for {@link findBankProblems}. */
export interface BankProblemOptions {
  /** Fewest questions per topic (default 10; 0 to skip, e.g. for a partial import). */
  minPerTopic?: number;
  /** Fewest questions overall (default 40; 0 to skip). */
  minTotal?: number;
  /** When given, also require `minServable` reviewed questions servable on this day. */
  asOf?: Date;
  /** Fewest reviewed questions servable on `asOf` (default 30). */
  minServable?: number;
}

/**
 * Problems in a parsed bank that the per-question schema cannot see, as readable strings
 * (`"<id>: <problem>"` or `"bank: <problem>"`); an empty array means the bank is fine.
 *
 * Checks: duplicate ids; duplicate question texts per locale (after NFC, case and whitespace
 * normalisation); duplicate options within a question; explanations longer than one sentence or
 * without final punctuation; a question citing a replaced law that stays valid after the law's
 * last day; questions without a Vietnamese diacritic; per-topic and total counts; and, when
 * `asOf` is given, the number of reviewed questions servable on that day.
 */
export function findBankProblems(bank: QuizBank, options: BankProblemOptions = {}): string[] {
  const minPerTopic = options.minPerTopic ?? 10;
  const minTotal = options.minTotal ?? 40;
  const minServable = options.minServable ?? 30;
  const problems: string[] = [];

  const idsSeen = new Set<string>();
  const textsSeen = { vi: new Map<string, string>(), en: new Map<string, string>() };

  for (const q of bank.questions) {
    if (idsSeen.has(q.id)) problems.push(`${q.id}: duplicate id`);
    idsSeen.add(q.id);

    for (const locale of ["vi", "en"] as const) {
      const key = normalizeForComparison(q.text[locale]);
      const first = textsSeen[locale].get(key);
      if (first !== undefined) {
        problems.push(`${q.id}: same ${locale} question text as ${first}`);
      } else {
        textsSeen[locale].set(key, q.id);
      }

      const optionKeys = q.options.map((o) => normalizeForComparison(o[locale]));
      if (new Set(optionKeys).size !== optionKeys.length) {
        problems.push(`${q.id}: duplicate ${locale} options`);
      }

      const explanation = q.explanation[locale];
      if (countSentences(explanation) !== 1) {
        problems.push(`${q.id}: ${locale} explanation must be one sentence`);
      }
      if (!/[.!?…]["”’»)]?$/u.test(explanation.trim())) {
        problems.push(`${q.id}: ${locale} explanation must end with . ! or ?`);
      }
    }

    if (q.correct >= q.options.length) {
      problems.push(`${q.id}: correct index ${q.correct} out of range`);
    }

    if (!VIETNAMESE_LETTER.test(q.text.vi) || !VIETNAMESE_LETTER.test(q.explanation.vi)) {
      problems.push(`${q.id}: Vietnamese text has no diacritics`);
    }

    for (const law of REPLACED_LAWS) {
      if (law.pattern.test(q.source.normalize("NFC")) && (q.validUntil === null || q.validUntil > law.lastDay)) {
        problems.push(`${q.id}: cites ${law.name}, so validUntil must be ${law.lastDay} or earlier`);
      }
    }
  }

  for (const topic of QUIZ_TOPICS) {
    const count = bank.questions.filter((q) => q.topic === topic).length;
    if (count < minPerTopic) {
      problems.push(`bank: topic ${topic} has ${count} questions, needs at least ${minPerTopic}`);
    }
  }
  if (bank.questions.length < minTotal) {
    problems.push(`bank: ${bank.questions.length} questions, needs at least ${minTotal}`);
  }
  if (options.asOf !== undefined) {
    const asOf = options.asOf;
    const servable = bank.questions.filter((q) => isServable(q, asOf, false)).length;
    if (servable < minServable) {
      problems.push(
        `bank: ${servable} reviewed questions servable on ${vietnamCalendarDay(asOf) ?? "invalid date"}, needs at least ${minServable}`,
      );
    }
  }

  return problems;
}
