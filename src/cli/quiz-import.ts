/**
 * `npm run quiz:import -- <file.csv|file.json> [--dry-run] [--format csv|json]`: adds questions to
 * the stored bank (ids `import-…`, never touched by the seed step). Valid rows are stored, the
 * rest are reported with their line and reasons. Exit code 0: all imported; 1: some rows rejected;
 * 2: the command or the file could not be used.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { loadConfig } from "../config.js";
import { fail, parseCommandLine, runCli, withDatabase } from "./cli-run.js";
import { isServable } from "../modules/quizzes/bank/question-schema.js";
import { PrismaQuestionBankStore } from "../modules/quizzes/bank-repo.js";
import { importQuestions, type ImportReport } from "../modules/quizzes/import-questions.js";
import { CSV_COLUMNS, ImportFileError } from "../modules/quizzes/read-import-file.js";

const USAGE = `Usage: npm run quiz:import -- <file.csv|file.json> [--dry-run] [--format csv|json]
CSV columns (header row, any order): ${CSV_COLUMNS.join(",")}
  correct: A–D or 1–4; valid_from/valid_until: YYYY-MM-DD (valid_until may be empty); reviewed: true/false
JSON: the bank's format ({ "version": 1, "questions": [...] }) or an array of questions; "id" is optional.`;

function printReport(
  report: ImportReport,
  options: { file: string; dryRun: boolean; includeUnreviewed: boolean },
): void {
  const total = report.accepted.length + report.rejected.length;
  console.log(`Read ${total} question(s) from ${options.file}.`);
  if (options.dryRun) console.log(`Dry run: ${report.accepted.length} would be imported; nothing was written.`);
  else
    console.log(
      `Imported ${report.accepted.length} (${report.inserted} new, ${report.updated} updated, ${report.accepted.length - report.inserted - report.updated} unchanged).`,
    );
  const servable = report.accepted.filter((q) => isServable(q, new Date(), options.includeUnreviewed)).length;
  if (report.accepted.length > 0)
    console.log(
      `${servable} of them can be served today (questions marked reviewed: false only with QUIZ_INCLUDE_UNREVIEWED=true).`,
    );
  if (report.rejected.length === 0) return;
  console.log(`Rejected ${report.rejected.length}:`);
  for (const row of report.rejected)
    console.log(`  ${row.label}${row.id ? ` (${row.id})` : ""}: ${row.problems.join("; ")}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(
    {
      allowPositionals: true,
      options: {
        "dry-run": { type: "boolean", default: false },
        format: { type: "string" },
        help: { type: "boolean", default: false },
      },
    },
    USAGE,
  );
  const file = positionals[0];
  if (values.help || !file || positionals.length > 1) fail(USAGE);
  const format = values.format ?? extname(file).slice(1).toLowerCase();
  if (format !== "csv" && format !== "json")
    fail(`Cannot tell the format of ${file}: name it .csv or .json, or pass --format csv|json.`);
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    return fail(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const config = loadConfig(process.env);
  await withDatabase(config, 2, async (db) => {
    const report = await importQuestions({
      store: new PrismaQuestionBankStore(db),
      content,
      format,
      dryRun: values["dry-run"],
    }).catch((error: unknown) => {
      if (error instanceof ImportFileError) fail(`Cannot import ${file}: ${error.message}`);
      throw error;
    });
    printReport(report, { file, dryRun: values["dry-run"], includeUnreviewed: config.QUIZ_INCLUDE_UNREVIEWED });
    process.exitCode = report.rejected.length > 0 ? 1 : 0;
  });
}

await runCli(main, "Import failed");
