/**
 * Reads a question file an admin imports (`npm run quiz:import -- file`) into candidate rows: JSON
 * (the bank's `{ version, questions }` or a bare array) or CSV with a header row. Nothing is
 * validated here beyond the file's shape; every row is checked by import-questions.ts.
 */
import { parseCsv } from "./parse-csv.js";

/** One question as found in the file, with where it was (for the report). */
export interface ImportRow {
  /** `line 7` (CSV) or `question 3` (JSON). */
  readonly label: string;
  readonly candidate: unknown;
}

/** The file itself cannot be read as questions (not JSON, no header, unclosed quote). */
export class ImportFileError extends Error {
  override name = "ImportFileError";
}

/** CSV columns; the header names them (any order). `id` and `valid_until` may be left empty. */
export const CSV_COLUMNS = [
  "id",
  "topic",
  "text_vi",
  "text_en",
  "option_a_vi",
  "option_a_en",
  "option_b_vi",
  "option_b_en",
  "option_c_vi",
  "option_c_en",
  "option_d_vi",
  "option_d_en",
  "correct",
  "explanation_vi",
  "explanation_en",
  "source",
  "valid_from",
  "valid_until",
  "reviewed",
] as const;
const REQUIRED = CSV_COLUMNS.filter(
  (c) => !["id", "option_c_vi", "option_c_en", "option_d_vi", "option_d_en", "valid_until"].includes(c),
);

export function readImportFile(content: string, format: "csv" | "json"): ImportRow[] {
  return format === "json" ? readJson(content) : readCsv(content);
}

function readJson(content: string): ImportRow[] {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ImportFileError(`not valid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(data)
    ? data
    : typeof data === "object" && data !== null && "questions" in data
      ? data.questions
      : undefined;
  if (!Array.isArray(list))
    throw new ImportFileError('expected an array of questions or { "version": 1, "questions": [...] }');
  return list.map((candidate: unknown, i) => ({ label: `question ${i + 1}`, candidate }));
}

function readCsv(content: string): ImportRow[] {
  let records;
  try {
    records = parseCsv(content);
  } catch (error) {
    throw new ImportFileError((error as Error).message);
  }
  const [header, ...rows] = records;
  if (!header) throw new ImportFileError("the file is empty");
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0)
    throw new ImportFileError(`the header lacks column(s) ${missing.join(", ")}; expected ${CSV_COLUMNS.join(",")}`);
  return rows.map((record) => {
    const cell = (name: string) => (record.fields[names.indexOf(name)] ?? "").trim();
    return { label: `line ${record.line}`, candidate: csvCandidate(cell) };
  });
}

/** A CSV row in the shape of a bank question (`correct` as A–D or 1–4; `reviewed` as yes/no). */
function csvCandidate(cell: (name: string) => string): Record<string, unknown> {
  const options = ["a", "b", "c", "d"]
    .map((l) => ({ vi: cell(`option_${l}_vi`), en: cell(`option_${l}_en`) }))
    .filter((o) => o.vi !== "" || o.en !== "");
  return {
    ...(cell("id") ? { id: cell("id") } : {}),
    topic: cell("topic"),
    text: { vi: cell("text_vi"), en: cell("text_en") },
    options,
    correct: csvCorrect(cell("correct")),
    explanation: { vi: cell("explanation_vi"), en: cell("explanation_en") },
    source: cell("source"),
    validFrom: cell("valid_from"),
    validUntil: cell("valid_until") || null,
    reviewed: csvBoolean(cell("reviewed")),
  };
}

function csvCorrect(value: string): number | string {
  if (/^[A-Da-d]$/.test(value)) return value.toUpperCase().charCodeAt(0) - 65;
  if (/^[1-4]$/.test(value)) return Number(value) - 1;
  return value;
}

function csvBoolean(value: string): boolean | string {
  const v = value.toLowerCase();
  if (["true", "yes", "1", "có", "x"].includes(v)) return true;
  if (["false", "no", "0", "không", ""].includes(v)) return false;
  return value;
}
