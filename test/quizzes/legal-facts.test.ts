/**
 * The bank against LEGAL_FACTS.md as corrected on 2026-12-07 (issue 14 §5): each check here would
 * have caught one finding of that review, so a question that drifts back into the old error fails.
 */
import { describe, expect, it } from "vitest";
import { loadQuestionBank } from "../../src/modules/quizzes/bank/load-bank.js";
import { findBankProblems } from "../../src/modules/quizzes/bank/bank-problems.js";
import { isServable, REPLACED_LAWS, type QuizQuestion } from "../../src/modules/quizzes/bank/question-schema.js";

/** Today, midday in Hà Nội. */
const TODAY = new Date("2026-12-07T12:00:00+07:00");

const questions = loadQuestionBank().questions;

/** Every text a player reads, in both locales. */
function allText(q: QuizQuestion): string {
  return [q.text, ...q.options, q.explanation].flatMap((t) => [t.vi, t.en]).join("\n");
}

const byId = (id: string): QuizQuestion => {
  const q = questions.find((x) => x.id === id);
  if (q === undefined) throw new Error(`${id} is not in the bank`);
  return q;
};

describe("BLHS Điều 256a (illegal drug use)", () => {
  const on256a = questions.filter((q) => /Điều 256a\b/u.test(q.source));
  const underManagementVi = /đang bị quản lý vì sử dụng trái phép chất ma túy/u;
  const underManagementEn = /under management for illegal drug use/u;

  it("never states the 2-year case without the 'under management for illegal drug use' condition", () => {
    const twoYearCase = on256a.filter((q) => /\b2 năm\b|\bhai năm\b|\b2 years\b|\btwo years\b/iu.test(allText(q)));
    expect(twoYearCase.map((q) => q.id)).toContain("matuy-003");
    for (const q of twoYearCase) {
      expect(q.explanation.vi, q.id).toMatch(underManagementVi);
      expect(q.explanation.en, q.id).toMatch(underManagementEn);
    }
  });

  it("matuy-003 says both conditions in its question", () => {
    const q = byId("matuy-003");
    expect(q.text.vi).toMatch(/2 năm/u);
    expect(q.text.vi).toMatch(underManagementVi);
    expect(q.text.en).toMatch(/2 years/u);
    expect(q.text.en).toMatch(underManagementEn);
  });
});

describe("protecting people who report a crime (BLTTHS Điều 484, 486)", () => {
  const secrecy = /bí mật|giấu tên|ẩn danh|danh tính|secret|anonym|identity/iu;
  const onProcedureCode = questions.filter((q) => /Bộ luật Tố tụng hình sự/u.test(q.source));

  it("cites Điều 486 whenever a question on it speaks of secrecy, and says it needs a threat", () => {
    const onSecrecy = onProcedureCode.filter((q) => secrecy.test(allText(q)));
    expect(onSecrecy.map((q) => q.id)).toEqual(expect.arrayContaining(["cobac-009", "luadao-013"]));
    for (const q of onSecrecy) {
      expect(q.source, q.id).toMatch(/Điều 486\b/u);
      expect(q.explanation.vi, q.id).toMatch(/đe dọa/u);
      expect(q.explanation.en, q.id).toMatch(/threat/u);
    }
  });

  it("never gives as the right answer that protection is automatic or anonymous", () => {
    for (const q of onProcedureCode) {
      const right = q.options[q.correct];
      expect(right, q.id).toBeDefined();
      for (const text of [right?.vi ?? "", right?.en ?? ""]) {
        expect(text, q.id).not.toMatch(
          /tự động|luôn được|giấu tên|ẩn danh|danh tính|automatic|always|anonym|identity/iu,
        );
      }
    }
  });

  it("does not cite Điều 484 alone for protection measures", () => {
    for (const q of questions.filter((x) => /Điều 484\b/u.test(x.source))) {
      expect(q.source, q.id).toMatch(/Điều 486\b/u);
    }
  });
});

describe("BLHS Điều 249 (possession)", () => {
  const on249 = questions.filter((q) => /Điều 249\b|Article 249\b/u.test(`${q.source}\n${allText(q)}`));

  it("cites Điều 249 as amended in 2017 and 2025", () => {
    expect(on249.length).toBeGreaterThanOrEqual(2);
    for (const q of on249) {
      expect(q.source, q.id).toMatch(/Điều 249\b/u);
      expect(q.source, q.id).toMatch(/2017/u);
      expect(q.source, q.id).toMatch(/2025/u);
    }
  });

  it("states no penalty range for it (⚠ after 2025)", () => {
    for (const q of on249) {
      expect(allText(q), q.id).not.toMatch(
        /\d+\s*(?:đến|–|-|to)\s*\d+\s*(?:năm|years?)\b|phạt tù|prison|tù chung thân|life/iu,
      );
    }
  });
});

describe("scam questions cite what they teach", () => {
  it("luadao-005…010 teach police practice and scams, so they do not cite Điều 174", () => {
    for (const id of ["luadao-005", "luadao-006", "luadao-007", "luadao-008", "luadao-009", "luadao-010"]) {
      const q = byId(id);
      expect(q.source, id).not.toMatch(/Điều 174\b/u);
      // LEGAL_FACTS gives no article for these practices: cited as police guidance, no invented article.
      expect(q.source, id).toMatch(/^Khuyến cáo .*cơ quan Công an/u);
      expect(q.source, id).not.toMatch(/Điều \d/u);
    }
  });

  it("a question citing Điều 174 teaches Điều 174 (its explanation names it)", () => {
    for (const q of questions.filter((x) => /Điều 174\b/u.test(x.source))) {
      expect(q.explanation.vi, q.id).toMatch(/Điều 174\b/u);
      expect(q.explanation.en, q.id).toMatch(/Article 174\b/u);
    }
  });
});

describe("Luật Phòng, chống ma túy 120/2025/QH15 (in force 01/7/2026)", () => {
  const on120 = questions.filter((q) => /\b120\/2025\/QH15\b/u.test(q.source));

  it("has at least six reviewed questions served today", () => {
    const servedToday = on120.filter((q) => isServable(q, TODAY, false));
    expect(servedToday.length).toBeGreaterThanOrEqual(6);
  });

  it("carries no article number (the numbers are ⚠), and starts on 2026-07-01", () => {
    expect(on120.length).toBeGreaterThan(0);
    for (const q of on120) {
      expect(q.source, q.id).not.toMatch(/Điều\s*\d|Article\s*\d|khoản\s*\d/iu);
      expect(allText(q), q.id).not.toMatch(/Điều\s*\d|Article\s*\d/iu);
      expect(q.validFrom, q.id).toBe("2026-07-01");
      expect(q.validUntil, q.id).toBeNull();
    }
  });

  it("teaches each fact LEGAL_FACTS confirms for it", () => {
    const texts = on120.map(allText).join("\n");
    expect(texts).toMatch(/từ đủ 12 tuổi đến dưới 18 tuổi/u);
    expect(texts).toMatch(/giám sát (?:bằng thiết bị )?điện tử/u);
    expect(texts).toMatch(/24 giờ/u);
  });
});

describe("replaced texts are never served as current law", () => {
  const cases: [name: string, lastDay: string, writtenAs: string[]][] = [
    [
      "Luật 73/2021/QH14",
      "2026-06-30",
      [
        "Luật Phòng, chống ma túy số 73/2021/QH14, Điều 23",
        "Luật số 73/2021/QH14",
        "Luật Phòng, chống ma túy năm 2021",
        "Luật Phòng, chống ma tuý 2021",
      ],
    ],
    [
      "Nghị định 144/2021/NĐ-CP",
      "2025-12-14",
      [
        "Nghị định 144/2021/NĐ-CP, Điều 26",
        "Nghị định số 144/2021/NĐ-CP",
        "144/2021/ND-CP",
        "NĐ 144/2021",
        "Decree 144/2021/ND-CP",
      ],
    ],
    [
      "Nghị định 100/2019/NĐ-CP",
      "2024-12-31",
      [
        "Nghị định 100/2019/NĐ-CP, Điều 6",
        "100/2019/NĐ-CP",
        "Nghị định số 100/2019/NÐ-CP",
        "100/2019/ND-CP",
        "Decree No. 100/2019",
      ],
    ],
    ["Nghị định 123/2021/NĐ-CP", "2024-12-31", ["Nghị định 123/2021/NĐ-CP, Điều 2", "123/2021/NĐ-CP", "NĐ 123/2021"]],
    [
      "Luật Giao thông đường bộ 2008",
      "2024-12-31",
      [
        "Luật Giao thông đường bộ 2008, Điều 8",
        "Luật Giao thông đường bộ năm 2008",
        "Luật Giao thông đường bộ số 23/2008/QH12",
        "23/2008/QH12",
        "Road Traffic Law 2008",
      ],
    ],
  ];

  it.each(cases)("lists %s with its last day %s, matching the ways it is written", (name, lastDay, writtenAs) => {
    const law = REPLACED_LAWS.find((l) => l.name === name);
    expect(law, name).toBeDefined();
    expect(law?.lastDay).toBe(lastDay);
    for (const source of writtenAs) {
      expect(
        REPLACED_LAWS.some((l) => l.name === name && l.pattern.test(source)),
        source,
      ).toBe(true);
    }
  });

  it("does not mistake the texts in force today for replaced ones", () => {
    const current = [
      "Luật Phòng, chống ma túy số 120/2025/QH15",
      "Nghị định 282/2025/NĐ-CP, Điều 36",
      "Nghị định 168/2024/NĐ-CP, Điều 7",
      "Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15, Điều 9 khoản 2",
      "Thông tư 144/2021/TT-BTC",
      "Bộ luật Hình sự 2015, sửa đổi, bổ sung 2017 và 2025, Điều 249",
    ];
    for (const source of current) {
      expect(
        REPLACED_LAWS.filter((l) => l.pattern.test(source)).map((l) => l.name),
        source,
      ).toEqual([]);
    }
  });

  it.each(cases)("rejects a question citing %s that stays valid after its last day", (name, lastDay, writtenAs) => {
    const source = writtenAs[0] ?? name;
    const q: QuizQuestion = {
      id: "giaothong-901",
      topic: "giaothong",
      text: { vi: "Câu hỏi theo văn bản đã bị thay thế?", en: "A question on a replaced text?" },
      options: [
        { vi: "Có", en: "Yes" },
        { vi: "Không", en: "No" },
      ],
      correct: 0,
      explanation: { vi: "Văn bản này đã hết hiệu lực.", en: "This text is no longer in force." },
      source,
      validFrom: "2020-01-01",
      validUntil: null,
      reviewed: true,
    };
    const check = (validUntil: string | null) =>
      findBankProblems({ version: 1, questions: [{ ...q, validUntil }] }, { minPerTopic: 0, minTotal: 0 });
    expect(check(null)).toEqual([`giaothong-901: cites ${name}, so validUntil must be ${lastDay} or earlier`]);
    expect(check("2026-12-31")).toHaveLength(1);
    expect(check(lastDay)).toEqual([]);
    // Decomposed (NFD) diacritics in a pasted source are still recognised.
    const nfd = findBankProblems(
      { version: 1, questions: [{ ...q, source: source.normalize("NFD") }] },
      { minPerTopic: 0, minTotal: 0 },
    );
    expect(nfd).toHaveLength(1);
  });

  it("no question in the bank cites a replaced text and is served today", () => {
    for (const q of questions) {
      if (REPLACED_LAWS.some((l) => l.pattern.test(q.source))) {
        expect(isServable(q, TODAY, true), q.id).toBe(false);
      }
    }
  });
});
