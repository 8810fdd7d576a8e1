/** Importing questions: the file readers, the row checks, and `npm run quiz:import` against real Postgres. */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../src/db/client.js";
import { loadQuestionBank } from "../../src/modules/quizzes/bank/load-bank.js";
import { importedId, validateImport } from "../../src/modules/quizzes/import-questions.js";
import { parseCsv } from "../../src/modules/quizzes/parse-csv.js";
import { readImportFile } from "../../src/modules/quizzes/read-import-file.js";
import { createTestDatabase } from "../support/databases.js";

const HEADER =
  "id,topic,text_vi,text_en,option_a_vi,option_a_en,option_b_vi,option_b_en,correct,explanation_vi,explanation_en,source,valid_from,valid_until,reviewed";
const GOOD =
  'lua-1,luadao,"Công an có gọi điện yêu cầu chuyển tiền ""để điều tra"" không?","Do police phone you to transfer money ""for an investigation""?",Có,Yes,Không,No,B,"Công an làm việc bằng giấy mời, giấy triệu tập, không yêu cầu chuyển tiền qua điện thoại.","Police work by written invitation or summons and never ask for money by phone.",Bộ luật Hình sự 2015 Điều 174,2018-01-01,,true';

describe("parseCsv", () => {
  it("reads quoted fields with separators, quotes and line breaks, `;` files and a BOM", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, ""y""","line 1\nline 2"\r\n\r\nlast,row')).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ['x, "y"', "line 1\nline 2"] },
      { line: 5, fields: ["last", "row"] },
    ]);
    expect(parseCsv("a;b\n1,5;2").map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["1,5", "2"],
    ]);
    expect(() => parseCsv('a,"b\n')).toThrow(/not closed/);
  });
});

describe("validateImport", () => {
  const existing = loadQuestionBank().questions;

  it("accepts a good CSV row under an import- id", () => {
    const { accepted, rejected } = validateImport(readImportFile(`${HEADER}\n${GOOD}\n`, "csv"), existing);
    expect(rejected).toEqual([]);
    expect(accepted).toEqual([
      expect.objectContaining({
        id: "import-lua-1",
        topic: "luadao",
        correct: 1,
        validUntil: null,
        reviewed: true,
        options: [
          { vi: "Có", en: "Yes" },
          { vi: "Không", en: "No" },
        ],
      }),
    ]);
  });

  it("rejects each bad row with its line and reasons, and keeps the good ones", () => {
    const copy = existing.find((q) => q.topic === "luadao");
    const rows = [
      GOOD,
      GOOD.replace("lua-1,", "lua-2,").replace(",B,", ",E,"),
      GOOD.replace("lua-1,luadao", "lua-3,thoitiet"),
      GOOD.replace("lua-1,", "lua-4,").replace("Bộ luật Hình sự 2015 Điều 174", ""),
      GOOD.replace("lua-1,", "lua-5,").replace("2018-01-01,,", "2018-02-30,,"),
      GOOD.replace("lua-1,", "lua-6,").replace(
        '"Công an làm việc bằng giấy mời, giấy triệu tập, không yêu cầu chuyển tiền qua điện thoại."',
        '"Câu một. Câu hai."',
      ),
      GOOD,
      `lua-8,luadao,"${copy?.text.vi ?? ""}",Another text?,Có,Yes,Không,No,A,"Giải thích một câu.","One sentence.",Bộ luật Hình sự 2015 Điều 174,2018-01-01,,false`,
      GOOD.replace("lua-1,", "lua-9,")
        .replace("Luật 73/2021/QH14", "")
        .replace(
          "Bộ luật Hình sự 2015 Điều 174,2018-01-01,,",
          "Luật Phòng chống ma túy 73/2021/QH14 Điều 6,2022-01-01,,",
        ),
    ];
    const { accepted, rejected } = validateImport(readImportFile([HEADER, ...rows].join("\n"), "csv"), existing);
    expect(accepted.map((q) => q.id)).toEqual(["import-lua-1"]);
    const byLine = Object.fromEntries(rejected.map((r) => [r.label, r.problems.join("; ")]));
    expect(Object.keys(byLine)).toEqual([
      "line 3",
      "line 4",
      "line 5",
      "line 6",
      "line 7",
      "line 8",
      "line 9",
      "line 10",
    ]);
    expect(byLine["line 3"]).toContain("correct: must name the right option");
    expect(byLine["line 4"]).toContain("topic: must be one of matuy, cobac, giaothong, luadao");
    expect(byLine["line 5"]).toContain("source: must cite the law");
    expect(byLine["line 6"]).toContain("validFrom: must be a real calendar date");
    expect(byLine["line 7"]).toContain("vi explanation must be one sentence");
    expect(byLine["line 8"]).toContain("same id as line 2");
    expect(byLine["line 9"]).toContain(`same vi question text as ${copy?.id ?? ""}`);
    expect(byLine["line 10"]).toContain("cites Luật 73/2021/QH14, so validUntil must be 2026-06-30 or earlier");
  });

  it("reads the bank's JSON format (id optional: derived from the text, so a re-import updates)", () => {
    const question = {
      topic: "giaothong",
      text: {
        vi: "Người ngồi sau xe máy có phải đội mũ bảo hiểm không?",
        en: "Must a motorbike passenger wear a helmet?",
      },
      options: [
        { vi: "Có", en: "Yes" },
        { vi: "Không", en: "No" },
      ],
      correct: 0,
      explanation: {
        vi: "Người lái và người ngồi sau đều phải đội mũ bảo hiểm cài quai đúng quy cách.",
        en: "Both rider and passenger must wear a fastened standard helmet.",
      },
      source: "Luật Trật tự, an toàn giao thông đường bộ 36/2024/QH15, Điều 33",
      validFrom: "2025-01-01",
      validUntil: null,
      reviewed: true,
    };
    const { accepted } = validateImport(
      readImportFile(JSON.stringify({ version: 1, questions: [question, { ...question, extra: 1 }] }), "json"),
      [],
    );
    expect(accepted.map((q) => q.id)).toEqual([importedId("giaothong", question.text.vi, undefined)]);
    expect(accepted[0]?.id).toMatch(/^import-giaothong-[0-9a-f]{10}$/);
    expect(() => readImportFile("{ nope", "json")).toThrow(/not valid JSON/);
    expect(() => readImportFile("topic,text_vi\n", "csv")).toThrow(/lacks column\(s\) text_en/);
  });
});

describe("npm run quiz:import", () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: Db;
  let dir: string;

  const run = (script: string, args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
        env: { PATH: process.env.PATH ?? "", DATABASE_URL: database.url },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    dir = mkdtempSync(join(tmpdir(), "keng-import-"));
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("db:deploy seeds the bank", async () => {
    const deploy = await run("src/db/deploy-cli.ts", []);
    expect(deploy.stderr).toBe("");
    expect(deploy.stdout).toContain(
      `Quiz bank: ${loadQuestionBank().questions.length} questions (${loadQuestionBank().questions.length} new`,
    );
    expect(await db.quizQuestion.count()).toBe(loadQuestionBank().questions.length);
  }, 60_000);

  it("imports the valid rows, reports the rejected ones, and exits 1", async () => {
    const file = join(dir, "questions.csv");
    writeFileSync(file, [HEADER, GOOD, GOOD.replace("lua-1,luadao", "lua-2,thoitiet")].join("\n"));
    const dry = await run("src/cli/quiz-import.ts", [file, "--dry-run"]);
    expect(dry.stdout).toContain("Dry run: 1 would be imported");
    expect(await db.quizQuestion.count({ where: { id: { startsWith: "import-" } } })).toBe(0);
    const result = await run("src/cli/quiz-import.ts", [file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Read 2 question(s)");
    expect(result.stdout).toContain("Imported 1 (1 new, 0 updated, 0 unchanged).");
    expect(result.stdout).toContain("Rejected 1:\n  line 3: topic: must be one of matuy, cobac, giaothong, luadao");
    expect((await db.quizQuestion.findUniqueOrThrow({ where: { id: "import-lua-1" } })).correct).toBe(1);
    const again = await run("src/cli/quiz-import.ts", [file]);
    expect(again.stdout).toContain("Imported 1 (0 new, 0 updated, 1 unchanged).");
    // The seed step leaves imported questions alone.
    await run("src/db/deploy-cli.ts", []);
    expect(await db.quizQuestion.count({ where: { id: "import-lua-1" } })).toBe(1);
  }, 90_000);

  it("exits 2 with a clear line for a file it cannot use", async () => {
    const missing = await run("src/cli/quiz-import.ts", [join(dir, "missing.csv")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Cannot read");
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    const broken = await run("src/cli/quiz-import.ts", [bad]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("not valid JSON");
    expect((await run("src/cli/quiz-import.ts", [])).stderr).toContain("Usage: npm run quiz:import");
  }, 60_000);
});
