/** The quizzes side of a campaign with a quiz topic: one question per run, one round per group. */
import type { CampaignQuizPort } from "../campaigns/types.js";
import type { QuizDeps } from "./deps.js";
import { pickQuestion, postRound } from "./post-question.js";

export function campaignQuiz(deps: QuizDeps): CampaignQuizPort {
  return {
    pick: ({ topic, campaignId }) => pickQuestion({ deps, topic, seenIn: { campaignId } }),
    post: async (input) => {
      await postRound({
        deps,
        question: input.question,
        chat: { id: input.chat.id, kind: "group", locale: input.chat.locale },
        sourceKey: input.sourceKey,
        campaignId: input.campaignId,
        priority: input.priority,
        dueAt: input.dueAt,
      });
    },
  };
}
