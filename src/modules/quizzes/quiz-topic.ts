/** Quiz topics as people type them: `matuy`, `ma-túy`, `drugs`… */
import { QUIZ_TOPICS, type QuizTopic } from "./bank/question-schema.js";

const ALIASES: ReadonlyMap<string, QuizTopic> = new Map([
  ["drugs", "matuy"],
  ["drug", "matuy"],
  ["gambling", "cobac"],
  ["traffic", "giaothong"],
  ["scams", "luadao"],
  ["scam", "luadao"],
  ["fraud", "luadao"],
]);

/** Lower case, without diacritics or separators: `Ma-Túy` → `matuy`. */
function fold(word: string): string {
  return word
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

export function parseTopic(word: string): QuizTopic | undefined {
  const folded = fold(word);
  return (QUIZ_TOPICS as readonly string[]).includes(folded) ? (folded as QuizTopic) : ALIASES.get(folded);
}
