/** One glossary for the product (issue 15): every user-visible text uses its words, tone placement and quotes. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GLOSSARY, QUOTES, TONE_PLACEMENT, type BannedVariant } from "../../src/core/glossary.js";
import { readLocaleResources } from "../../src/core/i18n.js";

type Lang = "vi" | "en";
interface Text {
  readonly where: string;
  readonly lang: Lang;
  readonly text: string;
  /** Source lines hold code, whose straight quotes are not quotation marks. */
  readonly code?: boolean;
}

/** Letters only Vietnamese uses: a line with one of them is Vietnamese text. */
const VIETNAMESE = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/iu;

function rulesFor(lang: Lang, code: boolean): BannedVariant[] {
  // In source lines only Vietnamese words are checked: "group" there is an identifier, not text.
  const terms = GLOSSARY.flatMap((term) => (lang === "vi" ? term.bannedVi : term.bannedEn)).filter(
    (rule) => !code || VIETNAMESE.test(rule.variant),
  );
  const quotes = QUOTES[lang].filter((rule) => !(code && rule.pattern.source === '"'));
  return [...terms, ...(lang === "vi" ? TONE_PLACEMENT : []), ...quotes];
}

/** HTML tags carry attribute quotes that are not quotation marks; {{placeholders}} are names, not words. */
function withoutTags(text: string): string {
  return text.replace(/<[^>]*>/g, " ").replace(/\{\{\w+\}\}/g, " ");
}

function violations(texts: readonly Text[]): string[] {
  const found: string[] = [];
  for (const { where, lang, text, code = false } of texts) {
    for (const rule of rulesFor(lang, code)) {
      const match = rule.pattern.exec(withoutTags(text.normalize("NFC")));
      if (match) found.push(`${where}: "${match[0]}" (${rule.variant}) → use ${rule.use}`);
    }
  }
  return found;
}

function strings(value: unknown, prefix: string): { key: string; text: string }[] {
  if (typeof value === "string") return [{ key: prefix, text: value }];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
}

function localeTexts(): Text[] {
  const resources = readLocaleResources();
  return (["vi", "en"] as const).flatMap((lang) =>
    Object.entries(resources[lang] ?? {}).flatMap(([ns, tree]) =>
      strings(tree, "").map(({ key, text }) => ({ where: `${lang} ${ns}:${key}`, lang, text })),
    ),
  );
}

interface BankQuestion {
  id: string;
  text: Record<Lang, string>;
  options: Record<Lang, string>[];
  explanation: Record<Lang, string>;
  source: string;
}

function quizBankTexts(): Text[] {
  const bank = JSON.parse(readFileSync("src/modules/quizzes/bank/questions.json", "utf8")) as {
    questions: BankQuestion[];
  };
  return bank.questions.flatMap((q) => [
    ...(["vi", "en"] as const).flatMap((lang) => [
      { where: `quiz ${q.id} text.${lang}`, lang, text: q.text[lang] },
      { where: `quiz ${q.id} explanation.${lang}`, lang, text: q.explanation[lang] },
      ...q.options.map((o, i) => ({ where: `quiz ${q.id} options[${i}].${lang}`, lang, text: o[lang] })),
    ]),
    { where: `quiz ${q.id} source`, lang: "vi" as const, text: q.source },
  ]);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path.endsWith("generated") ? [] : sourceFiles(path);
    return /\.(ts|js|html)$/.test(name) ? [path] : [];
  });
}

/** A source line that must match a banned spelling in what people type (a parser) says so with this comment. */
const ALLOW = "glossary: allow";

/** Vietnamese written in src/ outside the locales: the sandbox page, area kinds, the CLI, posters. */
function sourceTexts(): Text[] {
  return sourceFiles("src")
    .filter((path) => !path.endsWith(join("core", "glossary.ts")))
    .flatMap((path) =>
      readFileSync(path, "utf8")
        .split("\n")
        .flatMap((line, i) =>
          VIETNAMESE.test(line) && !line.includes(ALLOW)
            ? [{ where: `${path}:${i + 1}`, lang: "vi" as const, text: line, code: true }]
            : [],
        ),
    );
}

describe("the glossary", () => {
  it("catches each kind of banned variant (the check itself works)", () => {
    const samples: Text[] = [
      { where: "a", lang: "vi", text: "Cán bộ gõ kẻng" },
      { where: "b", lang: "vi", text: "Tin báo của bạn" },
      { where: "c", lang: "vi", text: "Mã tra cứu: TG-1" },
      { where: "d", lang: "vi", text: "✖️ Huỷ" },
      { where: "e", lang: "vi", text: "ma tuý" },
      { where: "f", lang: "vi", text: "Bấm “Gửi”" },
      { where: "g", lang: "en", text: "Press «Send»" },
    ];
    expect(violations(samples).map((v) => v.split(":")[0])).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    const fine: Text[] = [
      {
        where: "h",
        lang: "vi",
        text: "📮 Báo tin · người báo tin · quý · hoàn tất · khoảng · thuyền · hủy · túy · hòa · khỏe",
      },
      { where: "i", lang: "vi", text: 'Bấm «Gửi» <a href="x">ở đây</a>' },
      { where: "j", lang: "vi", text: "tin nhắn · mã tin nhắn" },
    ];
    expect(violations(fine)).toEqual([]);
  });

  it("is followed by every string of locales/vi and locales/en", () => {
    expect(violations(localeTexts())).toEqual([]);
  });

  it("is followed by the quiz bank", () => {
    expect(violations(quizBankTexts())).toEqual([]);
  });

  it("is followed by Vietnamese written in src/ (sandbox page, area kinds, CLI, posters)", () => {
    expect(violations(sourceTexts())).toEqual([]);
  });
});
