/**
 * Closing rounds: the scheduler role sweeps rounds past `closesAt` every few seconds (Postgres is
 * the truth), and a round that reached its maximum of answers is closed at once. The reveal is
 * queued under a deterministic key before the round is marked closed, so two sweepers, or a crash
 * between the two steps, still reveal exactly once.
 */
import type { Locale } from "../../core/text.js";
import type { QuizDeps } from "./deps.js";
import { localeOf, revealMessage } from "./question-message.js";
import { quizKeys } from "./types.js";

const BATCH = 100;

/** Reveals every round that is due; returns how many. */
export async function closeDueRounds(deps: QuizDeps): Promise<number> {
  const due = await deps.quizzes.dueRounds(deps.clock.now(), BATCH);
  for (const round of due) await closeRound({ deps, roundId: round.id });
  return due.length;
}

/** `locale`: the presser's, when their answer closed a private round (their Telegram language is not stored). */
export async function closeRound(input: { deps: QuizDeps; roundId: number; locale?: Locale }): Promise<void> {
  const { deps, roundId } = input;
  const found = await deps.quizzes.findRound(roundId);
  if (!found || found.round.closedAt !== null) return;
  const [tally, replyTo] = await Promise.all([deps.quizzes.tally(roundId), deps.quizzes.questionMessageId(roundId)]);
  const locale = input.locale ?? localeOf(found.chat.locale, deps.settings.defaultLocale);
  await deps.outbox.enqueue([
    {
      key: quizKeys.reveal(roundId),
      to: { chatId: found.round.chatId },
      // A campaign's reveals go to every group of its area: bulk, behind alerts and replies.
      priority: found.round.campaignId === null ? "interactive" : "bulk",
      source: quizKeys.source(roundId),
      message: { ...revealMessage({ question: found.question, tally, locale, replyTo }), silent: true },
    },
  ]);
  await deps.quizzes.markClosed(roundId, deps.clock.now());
}
