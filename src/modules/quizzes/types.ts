/** Quizzes: questions as served, rounds (one question posted in one chat), answers, and the store ports. */
import type { DeliverySource } from "../../core/delivery-source.js";
import type { QuizQuestion, QuizTopic } from "./bank/question-schema.js";

export type { QuizTopic };

/** A question as stored and served: the bank's shape (`validFrom`/`validUntil` as `YYYY-MM-DD`). */
export type QuizQuestionRecord = QuizQuestion;

/** One question posted in one chat; open until `closesAt` (or `maxAnswers`), then revealed. */
export interface QuizRoundRecord {
  readonly id: number;
  readonly questionId: string;
  readonly chatId: number;
  readonly campaignId: number | null;
  readonly postedAt: Date;
  readonly closesAt: Date;
  readonly closedAt: Date | null;
  readonly maxAnswers: number | null;
  /** What posted it (`platform:updateKey`, `campaign:<id>:<run>:<chat>`). */
  readonly sourceKey: string;
}

/** The chat a round is in, as far as rendering its messages needs. */
export interface RoundChat {
  readonly kind: "private" | "group";
  readonly locale: string | null;
}

export type AnswerOutcome =
  /** Counted; `full` when the round has now reached its maximum number of answers. */
  { readonly kind: "recorded"; readonly full: boolean } | { readonly kind: "already" } | { readonly kind: "closed" };

export interface RoundTally {
  readonly answered: number;
  readonly correct: number;
}

/** One line of a group's leaderboard. */
export interface UserScore {
  readonly rank: number;
  readonly userId: number;
  readonly name: string | null;
  readonly points: number;
  readonly answered: number;
}

/** One line of an area's ranking of groups. */
export interface GroupScore {
  readonly rank: number;
  readonly chatId: number;
  readonly title: string | null;
  readonly points: number;
  readonly participants: number;
}

/** A quiz round to post (`sourceKey`: what posts it, so a retry posts it once). */
export interface NewQuizRound {
  readonly questionId: string;
  readonly chatId: number;
  readonly campaignId: number | null;
  readonly closesAt: Date;
  readonly maxAnswers: number | null;
  readonly sourceKey: string;
}

/** Rounds, answers and scores. */
export interface QuizStore {
  /** Every stored question of a topic (or of all topics); the caller filters with `isServable`. */
  questions(topic: QuizTopic | undefined): Promise<QuizQuestionRecord[]>;
  /** Question ids of the latest rounds in a chat (or of a campaign), newest first. */
  recentQuestionIds(input: { chatId?: number; campaignId?: number; limit: number }): Promise<string[]>;
  /** Creates the round once per source; a second call with the same key returns the first. */
  createRound(input: NewQuizRound): Promise<{ round: QuizRoundRecord; created: boolean }>;
  findRound(id: number): Promise<{ round: QuizRoundRecord; question: QuizQuestionRecord; chat: RoundChat } | null>;
  /** The chat's newest round that is still open at `now`. */
  openRound(chatId: number, now: Date): Promise<QuizRoundRecord | null>;
  /**
   * Records a user's first answer while the round is open at `now` (atomically: the first answer
   * counts, and no answer is taken past `maxAnswers`); a round that becomes full closes at `now`.
   */
  recordAnswer(input: {
    roundId: number;
    userId: number;
    option: number;
    correct: boolean;
    now: Date;
  }): Promise<AnswerOutcome>;
  /** Rounds past their closing time that have not been revealed yet. */
  dueRounds(now: Date, limit: number): Promise<QuizRoundRecord[]>;
  tally(roundId: number): Promise<RoundTally>;
  /** Marks a round revealed; false if another process already did. */
  markClosed(roundId: number, at: Date): Promise<boolean>;
  /** The platform message id of the posted question, once sent. */
  questionMessageId(roundId: number): Promise<string | null>;
  /** Users of a group by points (correct first answers), best first, and the given user's line. */
  groupRanking(input: {
    chatId: number;
    limit: number;
    userId: number;
  }): Promise<{ top: UserScore[]; mine: UserScore | null }>;
  /** Active groups of an area and below by points, best first. */
  areaRanking(input: { areaCode: string; limit: number }): Promise<GroupScore[]>;
}

/** Outbox keys and sources of quiz messages. */
export const quizKeys = {
  question: (roundId: number) => `quiz:${roundId}:question`,
  reveal: (roundId: number) => `quiz:${roundId}:reveal`,
  source: (roundId: number): DeliverySource => ({ kind: "quiz", id: roundId }),
};

/** The stored question bank: what the seed step and the import CLI write. */
export interface QuestionBankStore {
  /** Every stored question. */
  all(): Promise<QuizQuestionRecord[]>;
  /** Inserts new questions and updates changed ones by id, in one statement (concurrent seeds are safe). */
  upsert(questions: readonly QuizQuestionRecord[]): Promise<{ inserted: number; updated: number }>;
  /**
   * Takes questions out of service: deletes those no round refers to, and ends the others on
   * `lastDay` (so they are never served again while old rounds keep their question).
   */
  retire(ids: readonly string[], lastDay: string): Promise<{ deleted: number; ended: number }>;
}
