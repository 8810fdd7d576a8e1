import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadQuestionBank, QUESTION_BANK_URL } from "../../src/modules/quizzes/bank/load-bank.js";
import { countSentences, findBankProblems } from "../../src/modules/quizzes/bank/bank-problems.js";
import {
  isServable,
  QUIZ_TOPICS,
  QuizBankSchema,
  QuizQuestionSchema,
  VIETNAMESE_LETTER,
  vietnamCalendarDay,
  type QuizBank,
  type QuizQuestion,
} from "../../src/modules/quizzes/bank/question-schema.js";

/** "Today" for the bank requirements: 07/12/2026, midday in Hà Nội. */
const TODAY = new Date("2026-12-07T12:00:00+07:00");

const bank = loadQuestionBank();
const questions = bank.questions;

describe("question bank file", () => {
  it("parses with the schema (and the raw file has no unknown fields)", () => {
    const raw: unknown = JSON.parse(readFileSync(QUESTION_BANK_URL, "utf8"));
    const result = QuizBankSchema.safeParse(raw);
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(bank.version).toBe(1);
  });

  it("has at least 40 questions and at least 10 per topic", () => {
    expect(questions.length).toBeGreaterThanOrEqual(40);
    for (const topic of QUIZ_TOPICS) {
      expect(questions.filter((q) => q.topic === topic).length, topic).toBeGreaterThanOrEqual(10);
    }
  });

  it("has at least 30 reviewed questions in force on 2026-12-07", () => {
    const servable = questions.filter((q) => isServable(q, TODAY, false));
    expect(servable.length).toBeGreaterThanOrEqual(30);
    expect(servable.every((q) => q.reviewed)).toBe(true);
  });

  it("has no problems (duplicates, sentence count, replaced laws, counts)", () => {
    expect(findBankProblems(bank, { asOf: TODAY })).toEqual([]);
  });

  it("ends every question on Luật 73/2021 on 2026-06-30, so none is served today", () => {
    const onLaw73 = questions.filter((q) => /73\/2021/u.test(q.source));
    expect(onLaw73.length).toBeGreaterThanOrEqual(2);
    for (const q of onLaw73) {
      expect(q.validUntil, q.id).toBe("2026-06-30");
      expect(isServable(q, TODAY, false), q.id).toBe(false);
      expect(isServable(q, TODAY, true), q.id).toBe(false);
      // ...but they were served while the law was in force.
      expect(isServable(q, new Date("2026-06-30T12:00:00+07:00"), true), q.id).toBe(true);
    }
  });

  it("marks questions on unconfirmed (⚠) facts as not reviewed", () => {
    // Luật 120/2025 is not here: its facts are confirmed, only its article numbers are ⚠ (and never cited).
    const unconfirmed = [/168\/2024/u, /Điều 321\b/u, /Điều 322\b/u];
    for (const q of questions) {
      if (unconfirmed.some((pattern) => pattern.test(q.source))) {
        expect(q.reviewed, q.id).toBe(false);
      }
    }
  });

  it("cites a law or decree (number or code name) and an article in every source, or says why not", () => {
    const namesLaw = /\d+\/\d{4}\/[A-ZĐ0-9-]+|Bộ luật (Hình sự|Tố tụng hình sự) \d{4}/u;
    // LEGAL_FACTS gives no (confirmed) article for these: cite the text without one, never invent it.
    const withoutArticle = [/^Luật Phòng, chống ma túy số 120\/2025\/QH15$/u, /^Quyết định 93\/2001\/QĐ-TTg/u];
    const policeGuidance = /^Khuyến cáo [^\d]*của cơ quan Công an$/u;
    for (const q of questions) {
      if (policeGuidance.test(q.source)) continue;
      expect(q.source, q.id).toMatch(namesLaw);
      if (withoutArticle.some((p) => p.test(q.source))) {
        expect(q.source, q.id).not.toMatch(/Điều \d/u);
      } else {
        expect(q.source, q.id).toMatch(/Điều \d+[a-z]?/u);
      }
    }
  });

  it("sets validFrom to a plausible in-force date and never after today for reviewed questions", () => {
    for (const q of questions) {
      expect(q.validFrom >= "2001-01-01", q.id).toBe(true);
      if (q.reviewed && q.validUntil === null) expect(q.validFrom <= "2026-12-07", q.id).toBe(true);
    }
  });

  it("writes Vietnamese with diacritics, in NFC", () => {
    for (const q of questions) {
      expect(q.text.vi, q.id).toMatch(VIETNAMESE_LETTER);
      expect(q.explanation.vi, q.id).toMatch(VIETNAMESE_LETTER);
      for (const text of [q.text.vi, q.explanation.vi, ...q.options.map((o) => o.vi)]) {
        expect(text.normalize("NFC"), q.id).toBe(text);
      }
    }
  });

  it("gives every question a real English translation (Vietnamese terms such as lô/đề allowed)", () => {
    const vietnameseLetters = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;
    for (const q of questions) {
      for (const en of [q.text.en, q.explanation.en, ...q.options.map((o) => o.en)]) {
        expect((en.match(vietnameseLetters) ?? []).length, `${q.id}: ${en}`).toBeLessThanOrEqual(3);
      }
      expect(q.text.en, q.id).not.toBe(q.text.vi);
      expect(q.explanation.en, q.id).not.toBe(q.explanation.vi);
    }
  });

  it("has one-sentence explanations in both locales", () => {
    for (const q of questions) {
      expect(countSentences(q.explanation.vi), `${q.id} vi`).toBe(1);
      expect(countSentences(q.explanation.en), `${q.id} en`).toBe(1);
      expect(q.explanation.vi, q.id).toMatch(/[.!?]$/u);
      expect(q.explanation.en, q.id).toMatch(/[.!?]$/u);
    }
  });

  it("keeps texts short enough for chat: questions ≤ 200 chars, options ≤ 60 chars, 2–4 options", () => {
    for (const q of questions) {
      expect(q.text.vi.length, q.id).toBeLessThanOrEqual(200);
      expect(q.options.length, q.id).toBeGreaterThanOrEqual(2);
      expect(q.options.length, q.id).toBeLessThanOrEqual(4);
      for (const o of q.options) {
        expect(o.vi.length, q.id).toBeLessThanOrEqual(60);
        expect(o.en.length, q.id).toBeLessThanOrEqual(60);
      }
      expect(q.correct, q.id).toBeLessThan(q.options.length);
    }
  });

  it("varies the position of the correct option", () => {
    const positions = new Set(questions.map((q) => q.correct));
    expect(positions.size).toBeGreaterThanOrEqual(3);
  });

  it("uses stable topic-prefixed ids", () => {
    for (const q of questions) expect(q.id.startsWith(`${q.topic}-`), q.id).toBe(true);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
  });
});

function question(overrides: Partial<QuizQuestion> = {}): QuizQuestion {
  return {
    id: "luadao-901",
    topic: "luadao",
    text: { vi: "Lừa đảo từ bao nhiêu tiền là tội phạm?", en: "From what amount is fraud a crime?" },
    options: [
      { vi: "2.000.000 đồng", en: "2,000,000 VND" },
      { vi: "500.000 đồng", en: "500,000 VND" },
    ],
    correct: 0,
    explanation: { vi: "Điều 174 quy định mức 2.000.000 đồng.", en: "Article 174 sets 2,000,000 VND." },
    source: "Bộ luật Hình sự 2015, Điều 174",
    validFrom: "2018-01-01",
    validUntil: null,
    reviewed: true,
    ...overrides,
  };
}

describe("isServable", () => {
  it("serves a reviewed, open-ended question from validFrom on", () => {
    const q = question({ validFrom: "2025-07-01" });
    expect(isServable(q, TODAY, false)).toBe(true);
    expect(isServable(q, new Date("2025-07-01T00:00:00+07:00"), false)).toBe(true);
    expect(isServable(q, new Date("2025-06-30T23:59:59+07:00"), false)).toBe(false);
  });

  it("serves unreviewed questions only on opt-in", () => {
    const q = question({ reviewed: false });
    expect(isServable(q, TODAY, false)).toBe(false);
    expect(isServable(q, TODAY, true)).toBe(true);
  });

  it("includes validUntil and stops the next day, in Asia/Ho_Chi_Minh", () => {
    const q = question({ validFrom: "2022-01-01", validUntil: "2026-06-30" });
    // 2026-06-30T16:59Z is 23:59 on 30/6 in Hà Nội; 17:00Z is already 1/7.
    expect(isServable(q, new Date("2026-06-30T16:59:00Z"), false)).toBe(true);
    expect(isServable(q, new Date("2026-06-30T17:00:00Z"), false)).toBe(false);
    expect(isServable(q, TODAY, true)).toBe(false);
  });

  it("uses the Vietnamese calendar day, not UTC, for validFrom", () => {
    const q = question({ validFrom: "2025-12-15" });
    // 2025-12-14T17:30Z is 00:30 on 15/12 in Hà Nội.
    expect(isServable(q, new Date("2025-12-14T17:30:00Z"), false)).toBe(true);
    expect(isServable(q, new Date("2025-12-14T16:30:00Z"), false)).toBe(false);
    expect(vietnamCalendarDay(new Date("2025-12-14T17:30:00Z"))).toBe("2025-12-15");
  });

  it("never serves on an invalid date", () => {
    expect(isServable(question(), new Date("not a date"), true)).toBe(false);
  });
});

describe("QuizQuestionSchema", () => {
  it("accepts a valid question", () => {
    expect(QuizQuestionSchema.safeParse(question()).success).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ["correct out of range", { correct: 2 }],
    ["negative correct", { correct: -1 }],
    ["one option", { options: [{ vi: "Có", en: "Yes" }] }],
    [
      "five options",
      {
        options: ["A", "B", "C", "D", "E"].map((l) => ({ vi: l, en: l })),
      },
    ],
    ["validUntil before validFrom", { validFrom: "2026-07-01", validUntil: "2026-06-30" }],
    ["impossible date", { validFrom: "2025-02-29" }],
    ["non-ISO date", { validFrom: "01/7/2025" }],
    ["id not matching topic", { id: "matuy-001" }],
    ["unknown topic", { topic: "khac", id: "khac-001" }],
    ["decomposed (NFD) Vietnamese", { text: { vi: "Lừa đảo là gì?".normalize("NFD"), en: "What is fraud?" } }],
    ["missing English", { text: { vi: "Lừa đảo là gì?" } }],
    [
      "option too long for a button",
      {
        options: [
          { vi: "x".repeat(61), en: "x" },
          { vi: "y", en: "y" },
        ],
      },
    ],
    ["unknown field", { note: "extra" }],
  ])("rejects %s", (_name, overrides) => {
    expect(QuizQuestionSchema.safeParse({ ...question(), ...overrides }).success).toBe(false);
  });

  it("rejects a bank with duplicate ids", () => {
    const result = QuizBankSchema.safeParse({ version: 1, questions: [question(), question()] });
    expect(result.success).toBe(false);
  });
});

describe("findBankProblems", () => {
  const broken: QuizBank = {
    version: 1,
    questions: [
      question({ id: "luadao-001" }),
      // same id
      question({ id: "luadao-001", text: { vi: "Câu hỏi khác hẳn?", en: "A quite different question?" } }),
      // same text after case, whitespace and NFC normalisation
      question({
        id: "luadao-002",
        text: { vi: "  LỪA ĐẢO từ bao   nhiêu tiền là tội phạm?".normalize("NFD"), en: "Another question?" },
      }),
      // duplicate options
      question({
        id: "luadao-003",
        text: { vi: "Câu hỏi thứ ba về lừa đảo?", en: "A third question?" },
        options: [
          { vi: "Có", en: "Yes" },
          { vi: "có ", en: "Yes." },
        ],
      }),
      // two sentences
      question({
        id: "luadao-004",
        text: { vi: "Câu hỏi thứ tư về lừa đảo?", en: "A fourth question?" },
        explanation: { vi: "Đây là câu một. Đây là câu hai.", en: "One sentence only." },
      }),
      // Luật 73/2021 still open-ended
      question({
        id: "matuy-001",
        topic: "matuy",
        text: { vi: "Câu hỏi về luật ma túy 2021?", en: "A question on the 2021 drug law?" },
        source: "Luật Phòng, chống ma túy số 73/2021/QH14, Điều 23",
        validFrom: "2022-01-01",
        validUntil: null,
      }),
      // Vietnamese without diacritics
      question({
        id: "luadao-005",
        text: { vi: "Lua dao tu bao nhieu tien?", en: "Fifth question?" },
      }),
      // correct index out of range (only possible when a caller skips the schema)
      question({ id: "luadao-006", text: { vi: "Câu hỏi thứ sáu về lừa đảo?", en: "Sixth?" }, correct: 5 }),
    ],
  };

  const problems = findBankProblems(broken, { asOf: TODAY });

  it.each([
    ["duplicate id", /luadao-001: duplicate id/u],
    ["duplicate question text", /luadao-002: same vi question text as luadao-001/u],
    ["duplicate options", /luadao-003: duplicate vi options/u],
    ["duplicate English options", /luadao-003: duplicate en options/u],
    ["explanation of two sentences", /luadao-004: vi explanation must be one sentence/u],
    ["Luật 73/2021 without validUntil", /matuy-001: cites Luật 73\/2021\/QH14, so validUntil must be 2026-06-30/u],
    ["missing diacritics", /luadao-005: Vietnamese text has no diacritics/u],
    ["correct out of range", /luadao-006: correct index 5 out of range/u],
    ["too few questions per topic", /bank: topic giaothong has 0 questions, needs at least 10/u],
    ["too few questions overall", /bank: 8 questions, needs at least 40/u],
    ["too few servable questions", /bank: \d+ reviewed questions servable on 2026-12-07, needs at least 30/u],
  ])("reports %s", (_name, pattern) => {
    expect(
      problems.some((p) => pattern.test(p)),
      problems.join("\n"),
    ).toBe(true);
  });

  it("skips count checks when asked (partial import)", () => {
    const one: QuizBank = { version: 1, questions: [question()] };
    expect(findBankProblems(one, { minPerTopic: 0, minTotal: 0 })).toEqual([]);
  });
});

describe("countSentences", () => {
  it("does not split on numbers, dates or quotes", () => {
    expect(countSentences("Phạt 0,25 mg/l khí thở từ 01/7/2025 theo Điều 7.")).toBe(1);
    expect(countSentences("Breath alcohol up to 0.25 mg/L is fined 2,000,000 VND.")).toBe(1);
    expect(countSentences("Câu một. Câu hai.")).toBe(2);
    expect(countSentences("Cảnh giác với “thuê bao sắp bị khóa”. Hãy báo công an.")).toBe(2);
  });
});
