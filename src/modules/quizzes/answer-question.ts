/**
 * An answer button: the presser's first answer counts and is scored at once (so /bxh shows it);
 * the toast never says whether it was right — that is revealed when the question closes.
 */
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { parseQuizButton } from "./callback-data.js";
import { closeRound } from "./close-rounds.js";
import type { QuizDeps } from "./deps.js";

export async function answerQuestion(input: { ctx: ButtonContext; payload: string; deps: QuizDeps }): Promise<void> {
  const { ctx: pressCtx, deps } = input;
  const ctx = quietInZaloGroups(pressCtx, deps, parseQuizButton(input.payload)?.roundId);
  const pressed = parseQuizButton(input.payload);
  const found = pressed ? await deps.quizzes.findRound(pressed.roundId) : null;
  // A button copied into another chat, or an option the question does not have, is not an answer.
  if (!pressed || !found || found.round.chatId !== ctx.chat.id || pressed.option >= found.question.options.length) {
    return ctx.answer(t("common:errors.buttonExpired"));
  }
  const outcome = await deps.quizzes.recordAnswer({
    roundId: pressed.roundId,
    userId: ctx.user.id,
    option: pressed.option,
    correct: pressed.option === found.question.correct,
    now: deps.clock.now(),
  });
  switch (outcome.kind) {
    case "closed":
      return ctx.answer(t("quizzes:answer.closed"));
    case "already":
      return ctx.answer(t("quizzes:answer.already"));
    case "recorded":
      await ctx.answer(t("quizzes:answer.recorded"));
      if (outcome.full)
        await closeRound({
          deps,
          roundId: pressed.roundId,
          ...(ctx.chat.kind === "private" ? { locale: ctx.locale } : {}),
        });
      return;
    default: {
      const never: never = outcome;
      throw new Error(`unknown answer outcome ${JSON.stringify(never)}`);
    }
  }
}

/**
 * In a Zalo group a "toast" is a message everyone reads: the group hears one note per question
 * (keyed per round, the outbox skips the rest), never one per answer (DESIGN.md §4 "On Zalo").
 */
function quietInZaloGroups(ctx: ButtonContext, deps: QuizDeps, roundId: number | undefined): ButtonContext {
  if (ctx.chat.platform !== "zalo" || ctx.chat.kind !== "group") return ctx;
  return {
    ...ctx,
    answer: async () => {
      await ctx.answer();
      if (roundId === undefined) return;
      await deps.outbox.enqueue([
        {
          key: `quiz:${roundId}:zalo-answers:${ctx.chat.id}`,
          to: { chatId: ctx.chat.id },
          priority: "interactive",
          message: { locale: ctx.locale, text: t("quizzes:answer.groupRecorded") },
        },
      ]);
    },
  };
}
