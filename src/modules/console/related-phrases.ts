/**
 * What links two tips: a licence plate (`29A-123.45`, `29A12345`), a phone number (`0912 345 678`)
 * or a street address (`ngõ 12`, `số 5`, `hẻm 34/2`) written in both.
 */
const PLATE = /\b\d{2}[A-Z]{1,2}\d?[- .]?\d{3}[.]?\d{2}\b/giu;
const PHONE = /(?:\+84|\b0)(?:[ .-]?\d){9,10}\b/gu;
// glossary: allow (a parser of Vietnamese address words)
const PLACE = /(?<!\p{L})(?:[Nn]gõ|[Nn]gách|[Hh]ẻm|[Kk]iệt|[Ss]ố|[Đđ]ường|[Pp]hố)\s+[\p{L}\d/]+(?:\s+\p{Lu}\p{L}*)*/gu;

export function relatedPhrases(text: string): string[] {
  const found = new Set<string>();
  for (const pattern of [PLATE, PHONE, PLACE]) {
    for (const match of text.matchAll(pattern)) {
      const phrase = match[0].trim();
      if (phrase.length >= 5) found.add(phrase);
    }
  }
  return [...found].slice(0, 10);
}
