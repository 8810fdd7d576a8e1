/** How a quiz question and its answer read in a chat. */
import type { Button, OutboundMessage } from "../../core/messages.js";
import { isLocale, lines, raw, t, type Locale } from "../../core/text.js";
import { formatTime } from "../../core/time.js";
import { quizButtonData } from "./callback-data.js";
import type { QuizQuestionRecord, QuizRoundRecord, RoundTally } from "./types.js";

const LETTERS = ["A", "B", "C", "D"] as const;

export const optionLetter = (index: number): string => LETTERS[index] ?? String(index + 1);

export function localeOf(value: string | null, fallback: Locale): Locale {
  return isLocale(value) ? value : fallback;
}

/** The question with one button per option; nothing in it gives the answer away. */
export function questionMessage(input: {
  question: QuizQuestionRecord;
  round: QuizRoundRecord;
  kind: "private" | "group";
  locale: Locale;
  timeZone: string;
}): OutboundMessage {
  const { question, round, locale } = input;
  const buttons: Button[][] = question.options.map((option, index) => [
    {
      text: t("quizzes:question.option", { letter: optionLetter(index), text: option[locale] }),
      callback: quizButtonData(round.id, index),
    },
  ]);
  const time = formatTime(round.closesAt, locale, input.timeZone);
  return {
    locale,
    text: lines(
      t("quizzes:question.title", { topic: t(`quizzes:topic.${question.topic}`) }),
      raw(question.text[locale]),
      t(input.kind === "private" ? "quizzes:question.closesPrivate" : "quizzes:question.closesGroup", { time }),
    ),
    buttons,
  };
}

/** The correct answer, its explanation and legal citation, and how many answered right. */
export function revealMessage(input: {
  question: QuizQuestionRecord;
  tally: RoundTally;
  locale: Locale;
  replyTo: string | null;
}): OutboundMessage {
  const { question, tally, locale } = input;
  const right = question.options[question.correct];
  return {
    locale,
    text: lines(
      t("quizzes:reveal.title", { topic: t(`quizzes:topic.${question.topic}`) }),
      raw(question.text[locale]),
      t("quizzes:reveal.correct", { letter: optionLetter(question.correct), text: right ? right[locale] : "" }),
      t("quizzes:reveal.explanation", { text: question.explanation[locale] }),
      t("quizzes:reveal.source", { source: question.source }),
      tally.answered === 0
        ? t("quizzes:reveal.nobody")
        : t("quizzes:reveal.tally", { answered: tally.answered, correct: tally.correct }),
    ),
    ...(input.replyTo ? { replyToMessageId: input.replyTo } : {}),
  };
}
