/** Commands and buttons of the quizzes module. */
import { type ButtonSpec, commandsOf, type CommandSpec } from "../../core/commands.js";
import { answerQuestion } from "./answer-question.js";
import { askQuestion } from "./ask-question.js";
import { QUIZ_BUTTON_PREFIX } from "./callback-data.js";
import type { QuizDeps } from "./deps.js";
import { showLeaderboard } from "./show-leaderboard.js";

export function quizCommands(deps: QuizDeps): CommandSpec[] {
  return commandsOf("quizzes", {}, [
    { names: ["cauhoi", "quiz"], where: "any", audience: "anyone", run: (ctx) => askQuestion({ ctx, deps }) },
    { names: ["bxh", "top"], where: "any", audience: "anyone", run: (ctx) => showLeaderboard({ ctx, deps }) },
  ]);
}

export function quizButtons(deps: QuizDeps): ButtonSpec[] {
  return [{ prefix: QUIZ_BUTTON_PREFIX, run: (ctx, payload) => answerQuestion({ ctx, payload, deps }) }];
}
