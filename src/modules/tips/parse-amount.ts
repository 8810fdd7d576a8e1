/** Numbers as officers type them: people arrested (`3`), and đồng (`5.000.000`, `5tr`, `2,5 triệu`, `500k`). */

const MAX_DONG = 10n ** 15n;
const UNITS: readonly (readonly [RegExp, number])[] = [
  [/^(tỷ|tỉ|ty|ti)$/, 1e9],
  [/^(tr|triệu|trieu|m)$/, 1e6],
  [/^(k|nghìn|nghin|ngàn|ngan)$/, 1e3],
  [/^(đ|d|đồng|dong|vnd|vnđ)?$/, 1],
];

export function parseCount(input: string): number | undefined {
  const text = input.trim();
  if (!/^\d{1,5}$/.test(text)) return undefined;
  return Number(text);
}

export function parseDong(input: string): bigint | undefined {
  const match = /^([\d.,\s]+?)\s*([\p{L}]*)$/u.exec(input.trim().toLowerCase());
  if (!match?.[1]) return undefined;
  const unit = UNITS.find(([pattern]) => pattern.test(match[2] ?? ""));
  if (!unit) return undefined;
  const digits = match[1].replace(/\s/g, "");
  const value = unit[1] === 1 ? wholeNumber(digits) : decimalNumber(digits, unit[1]);
  return value !== undefined && value <= MAX_DONG ? value : undefined;
}

/** `5.000.000` or `5,000,000` or `5000000`: separators group thousands. */
function wholeNumber(digits: string): bigint | undefined {
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(digits)) return undefined;
  return BigInt(digits.replace(/[.,]/g, ""));
}

/** `2,5` or `2.5` with a unit: one decimal separator. */
function decimalNumber(digits: string, unit: number): bigint | undefined {
  if (!/^\d+([.,]\d+)?$/.test(digits)) return undefined;
  return BigInt(Math.round(Number(digits.replace(",", ".")) * unit));
}
