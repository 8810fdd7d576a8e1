/**
 * Posting a question in a chat: choose one the chat has not seen lately, open a round (once per
 * source), queue the question. Used by `/cauhoi` and by campaigns with a quiz topic.
 */
import type { PriorityName } from "../../core/messages.js";
import { afterQuietHours } from "../../core/quiet-hours.js";
import type { Locale } from "../../core/text.js";
import { chooseQuestion } from "./choose-question.js";
import type { QuizDeps } from "./deps.js";
import { questionMessage } from "./question-message.js";
import { quizKeys, type QuizQuestionRecord, type QuizRoundRecord, type QuizTopic } from "./types.js";

/** How many recent rounds count as "seen lately". */
const RECENT_ROUNDS = 40;

/** A servable question of the topic (any topic if none) not seen lately in the chat or campaign. */
export async function pickQuestion(input: {
  deps: QuizDeps;
  topic: QuizTopic | undefined;
  seenIn: { chatId: number } | { campaignId: number };
}): Promise<QuizQuestionRecord | undefined> {
  const { deps } = input;
  const [questions, recent] = await Promise.all([
    deps.quizzes.questions(input.topic),
    deps.quizzes.recentQuestionIds({ ...input.seenIn, limit: RECENT_ROUNDS }),
  ]);
  return chooseQuestion({
    questions,
    recent,
    today: deps.clock.now(),
    includeUnreviewed: deps.settings.includeUnreviewed,
    random: deps.random ?? Math.random,
  });
}

export interface PostRoundInput {
  readonly deps: QuizDeps;
  readonly question: QuizQuestionRecord;
  readonly chat: { readonly id: number; readonly kind: "private" | "group"; readonly locale: Locale };
  /** Posts once per source: a repeated call finds the round it made before. */
  readonly sourceKey: string;
  readonly campaignId: number | null;
  readonly priority: PriorityName;
  /** Not before this moment (a campaign's question follows its message). */
  readonly dueAt?: Date;
}

/** Opens the round and queues the question; in a private chat the first answer closes it. */
export async function postRound(input: PostRoundInput): Promise<QuizRoundRecord> {
  const { deps, chat } = input;
  // A campaign's question waits out quiet hours like its message; one asked by a person goes now.
  const requested = input.dueAt ?? deps.clock.now();
  const opensAt =
    input.campaignId === null
      ? requested
      : afterQuietHours(requested, deps.settings.quietHours ?? null, deps.settings.timeZone);
  const dueAt = input.dueAt || opensAt > requested ? opensAt : undefined;
  const { round } = await deps.quizzes.createRound({
    questionId: input.question.id,
    chatId: chat.id,
    campaignId: input.campaignId,
    closesAt: new Date(opensAt.getTime() + deps.settings.roundSeconds * 1000),
    maxAnswers: chat.kind === "private" ? 1 : (deps.settings.maxAnswers ?? null),
    sourceKey: input.sourceKey,
  });
  // A retried source keeps the question it drew the first time.
  const question =
    round.questionId === input.question.id ? input.question : (await deps.quizzes.findRound(round.id))?.question;
  if (!question) return round;
  await deps.outbox.enqueue([
    {
      key: quizKeys.question(round.id),
      to: { chatId: chat.id },
      priority: input.priority,
      source: quizKeys.source(round.id),
      // Not urgent: no sound (Telegram disable_notification).
      message: {
        ...questionMessage({ question, round, kind: chat.kind, locale: chat.locale, timeZone: deps.settings.timeZone }),
        silent: true,
      },
      ...(dueAt ? { dueAt } : {}),
    },
  ]);
  return round;
}
