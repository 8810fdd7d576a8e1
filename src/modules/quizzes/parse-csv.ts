/**
 * Reads a CSV file of questions with csv-parse (RFC 4180: quoted fields, doubled quotes, CR/LF line
 * ends, a UTF-8 BOM), with `,` or `;` as separator — spreadsheets set to Vietnamese write `;`.
 */
import { CsvError, parse } from "csv-parse/sync";

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

function separatorOf(text: string): "," | ";" {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
}

/** A row with csv-parse's `info`: `lines` is the line where the record ends. */
interface InfoRow {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

const lineBreaks = (field: string) => field.match(/\r\n|\n|\r/g)?.length ?? 0;

/** Splits CSV text into records (blank lines skipped); throws on an unterminated quote. */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.replace(/^\uFEFF/, "");
  let rows: InfoRow[];
  try {
    // With `info: true` each row comes as { record, info }; csv-parse's typings do not say so.
    rows = parse(text, {
      delimiter: separatorOf(text),
      record_delimiter: ["\r\n", "\n", "\r"],
      info: true,
      relax_column_count: true, // rows of different lengths are reported per row by the importer
      relax_quotes: true, // a quote inside an unquoted field is text, as spreadsheets write it
      skip_empty_lines: true,
    }) as unknown as InfoRow[];
  } catch (error) {
    if (error instanceof CsvError && error.code === "CSV_QUOTE_NOT_CLOSED")
      throw new Error(`line ${error.lines}: a quoted field is not closed`);
    throw error;
  }
  return rows
    .filter((row) => row.record.some((field) => field.trim() !== ""))
    .map((row) => ({
      line: row.info.lines - row.record.reduce((sum, field) => sum + lineBreaks(field), 0),
      fields: row.record,
    }));
}
