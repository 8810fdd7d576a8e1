/**
 * Words people type instead of commands ("tố giác …", "tra cuu TG-…", "xin chào"): the keyword must
 * open the message; diacritics and case do not matter. Only for private text nothing else took.
 */

/** What a keyword leads to: a command of the table, or the welcome. */
export type KeywordTarget = { readonly command: string; readonly takesArgs: boolean } | { readonly welcome: true };

const command = (name: string, takesArgs = false): KeywordTarget => ({ command: name, takesArgs });
const WELCOME: KeywordTarget = { welcome: true };

/** Keywords as words without diacritics; longer ones first so "tro giup" wins over "giup". */
const KEYWORDS: readonly (readonly [string, KeywordTarget])[] = [
  ["to giac", command("togiac", true)],
  ["togiac", command("togiac", true)],
  ["bao tin", command("togiac", true)],
  ["tra cuu", command("tracuu", true)],
  ["tracuu", command("tracuu", true)],
  ["theo doi", command("theodoi", true)],
  ["theodoi", command("theodoi", true)],
  ["kiem tra", command("kiemtra", true)],
  ["kiemtra", command("kiemtra", true)],
  ["cau hoi", command("cauhoi")],
  ["tro giup", command("trogiup")],
  ["trogiup", command("trogiup")],
  ["huong dan", command("trogiup")],
  ["giup", command("trogiup")],
  ["help", command("trogiup")],
  ["xin chao", WELCOME],
  ["chao", WELCOME],
  ["menu", WELCOME],
  ["hello", WELCOME],
];

/** Lower case, no diacritics (đ → d), so "Tố Giác" and "to giac" are the same words. */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

const TRACKING_CODE = /^tg-?[a-z0-9]{6}$/i;

/** The keyword a message opens with, and what follows it (as typed); undefined when none does. */
export function matchKeyword(text: string): { target: KeywordTarget; rest: string } | undefined {
  const trimmed = text.trim();
  // A tracking code alone is a question about that tip.
  if (TRACKING_CODE.test(trimmed)) return { target: command("tracuu", true), rest: trimmed };
  const words = trimmed.split(/\s+/);
  const folded = words.map((word) => foldVietnamese(word).replace(/[^a-z0-9]+$/, ""));
  for (const [keyword, target] of KEYWORDS) {
    const parts = keyword.split(" ");
    if (parts.every((part, i) => folded[i] === part)) {
      // What follows the keyword's words, with the person's own spacing and line breaks.
      const consumed = new RegExp(`^\\s*(?:\\S+\\s+){${parts.length - 1}}\\S+`).exec(text)?.[0].length ?? text.length;
      return {
        target,
        rest: text
          .slice(consumed)
          .replace(/^[\s:,.!-]+/, "")
          .trim(),
      };
    }
  }
  return undefined;
}
