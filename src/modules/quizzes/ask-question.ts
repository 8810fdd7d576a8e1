/** `/cauhoi [topic]` (`/quiz`): one question in this chat, a group or a private chat. */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { formatTime } from "../../core/time.js";
import type { QuizDeps } from "./deps.js";
import { pickQuestion, postRound } from "./post-question.js";
import { parseTopic } from "./quiz-topic.js";

export async function askQuestion(input: { ctx: CommandContext; deps: QuizDeps }): Promise<void> {
  const { ctx, deps } = input;
  const words = ctx.args.split(/\s+/).filter(Boolean);
  const topic = words[0] ? parseTopic(words[0]) : undefined;
  if (words.length > 1 || (words[0] && !topic)) return ctx.reply(t("quizzes:ask.usage"));

  const sourceKey = `${ctx.event.platform}:${ctx.event.updateKey}`;
  if (ctx.chat.kind === "group") {
    // One open question at a time in a group, so answers and reveals do not get mixed up.
    const open = await deps.quizzes.openRound(ctx.chat.id, deps.clock.now());
    if (open && open.sourceKey !== sourceKey)
      return ctx.reply(
        t("quizzes:ask.stillOpen", { time: formatTime(open.closesAt, ctx.locale, deps.settings.timeZone) }),
      );
  }
  const question = await pickQuestion({ deps, topic, seenIn: { chatId: ctx.chat.id } });
  if (!question) return ctx.reply(t("quizzes:ask.none"));
  await postRound({
    deps,
    question,
    chat: { id: ctx.chat.id, kind: ctx.chat.kind, locale: ctx.locale },
    sourceKey,
    campaignId: null,
    priority: "interactive",
  });
}
