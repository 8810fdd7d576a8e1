/** Texts of law the bank knows to be replaced (LEGAL_FACTS.md): a question citing one is never served as current law. */

/**
 * A decree number as sources write it: `100/2019/NĐ-CP`, `NÐ-CP` (Latin eth for Đ), `ND-CP`,
 * or "Nghị định (số) 100/2019", "NĐ 100/2019", "Decree (No.) 100/2019" without the suffix.
 */
function decreePattern(numberAndYear: string): RegExp {
  const n = numberAndYear.replace("/", "\\/");
  return new RegExp(
    `\\b${n}\\/N[ĐDÐ]\\s*-?\\s*CP\\b|(?:Nghị\\s+định|NĐ|ND|Decree)\\s+(?:số\\s+|No\\.?\\s*)?${n}\\b`,
    "iu",
  );
}

/**
 * Laws the bank knows to be replaced (LEGAL_FACTS.md), with the last day they were in force. A
 * question citing one must end (`validUntil`) no later than that day. Matched against `source`
 * (after Unicode NFC), in the ways the texts are written in sources: by number, with or without
 * diacritics in "NĐ-CP", or by name and year.
 */
export const REPLACED_LAWS: readonly { readonly pattern: RegExp; readonly name: string; readonly lastDay: string }[] = [
  // Luật Phòng, chống ma túy 73/2021/QH14: in force 01/01/2022 – 30/6/2026, replaced by Luật 120/2025/QH15.
  {
    pattern: /\b73\/2021\/QH\s?14\b|Luật\s+Phòng,?\s+chống\s+ma\s+t(?:úy|uý)\s+(?:năm\s+)?2021\b/iu, // glossary: allow (imported text may use either spelling)
    name: "Luật 73/2021/QH14",
    lastDay: "2026-06-30",
  },
  // Nghị định 144/2021/NĐ-CP: replaced by Nghị định 282/2025/NĐ-CP from 15/12/2025.
  { pattern: decreePattern("144/2021"), name: "Nghị định 144/2021/NĐ-CP", lastDay: "2025-12-14" },
  // Traffic fines: Nghị định 100/2019/NĐ-CP and its amendment 123/2021/NĐ-CP, replaced by Nghị định 168/2024/NĐ-CP from 01/01/2025.
  { pattern: decreePattern("100/2019"), name: "Nghị định 100/2019/NĐ-CP", lastDay: "2024-12-31" },
  { pattern: decreePattern("123/2021"), name: "Nghị định 123/2021/NĐ-CP", lastDay: "2024-12-31" },
  // Luật Giao thông đường bộ 23/2008/QH12: replaced from 01/01/2025 (Luật 36/2024/QH15 in force).
  {
    pattern:
      /\b23\/2008\/QH\s?12\b|Luật\s+Giao\s+thông\s+đường\s+bộ\s+(?:năm\s+)?2008\b|(?:Road\s+Traffic\s+Law|Law\s+on\s+Road\s+Traffic)\s+(?:of\s+)?2008\b/iu,
    name: "Luật Giao thông đường bộ 2008",
    lastDay: "2024-12-31",
  },
];
