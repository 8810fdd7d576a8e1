/** Which question to serve: only servable ones, preferring those the chat (or campaign) has not seen lately. */
import { isServable } from "./bank/question-schema.js";
import type { QuizQuestionRecord } from "./types.js";

export function chooseQuestion(input: {
  questions: readonly QuizQuestionRecord[];
  /** Question ids of recent rounds, newest first. */
  recent: readonly string[];
  today: Date;
  includeUnreviewed: boolean;
  random: () => number;
}): QuizQuestionRecord | undefined {
  const servable = input.questions.filter((q) => isServable(q, input.today, input.includeUnreviewed));
  const lastSeen = new Map<string, number>();
  input.recent.forEach((id, age) => {
    if (!lastSeen.has(id)) lastSeen.set(id, age);
  });
  const unseen = servable.filter((q) => !lastSeen.has(q.id));
  if (unseen.length > 0) return unseen[Math.floor(input.random() * unseen.length)] ?? unseen[0];
  // Everything was seen lately: the one seen longest ago.
  return [...servable].sort((a, b) => (lastSeen.get(b.id) ?? 0) - (lastSeen.get(a.id) ?? 0))[0];
}
