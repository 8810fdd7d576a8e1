/** Legal-awareness campaigns: records, the store port and the quiz port. */
import type { DeliverySource } from "../../core/delivery-source.js";
import type { PriorityName } from "../../core/messages.js";
import type { Locale } from "../../core/text.js";
import type { QuizTopic } from "../quizzes/bank/question-schema.js";
import type { QuizQuestionRecord } from "../quizzes/types.js";

export type { QuizTopic };

export type CampaignStatus = "scheduled" | "done" | "cancelled";

export interface CampaignRecord {
  readonly id: number;
  /** Empty for campaigns made with the one-line form (the message then has a generic header). */
  readonly title: string;
  readonly text: string;
  readonly photoFileId: string | null;
  readonly areaId: number;
  readonly areaCode: string;
  readonly areaName: string;
  /** The area's police unit as named by an admin (a campaign run's code records it as its sender). */
  readonly unitName: string | null;
  readonly createdById: number;
  /** Stored form: `once`, `daily@08:00`, `weekly@mon@08:00` (see schedule.ts). */
  readonly schedule: string;
  readonly nextRunAt: Date | null;
  readonly quizTopic: QuizTopic | null;
  readonly status: CampaignStatus;
  readonly createdAt: Date;
}

export interface NewCampaign {
  readonly title: string;
  readonly text: string;
  readonly photoFileId: string | null;
  readonly areaId: number;
  readonly createdById: number;
  readonly schedule: string;
  readonly nextRunAt: Date;
  readonly quizTopic: QuizTopic | null;
  /** Where it was created (`platform:updateKey` or a flow's confirmation): created once. */
  readonly sourceKey: string;
}

/** A group a campaign goes to. */
export interface CampaignTarget {
  readonly chatId: number;
  readonly locale: string | null;
}

/** Per-campaign figures for /dschiendich. */
export interface CampaignFigures {
  readonly sent: number;
  readonly failed: number;
  readonly pending: number;
  readonly runs: number;
  readonly quizAnswers: number;
  readonly quizPeople: number;
  readonly quizCorrect: number;
}

/** One group's share of a campaign, for `/dschiendich <ID>`. */
export interface CampaignGroupFigures {
  readonly chatId: number;
  readonly title: string | null;
  readonly sent: number;
  readonly failed: number;
  readonly pending: number;
  readonly quizAnswers: number;
  readonly quizCorrect: number;
}

/** Persistence of campaigns and their runs. */
export interface CampaignStore {
  /** Creates the campaign once per source key; a second call returns the first. */
  create(input: NewCampaign): Promise<{ campaign: CampaignRecord; created: boolean }>;
  find(id: number): Promise<CampaignRecord | null>;
  /** Scheduled campaigns whose next run is due at `now`. */
  due(now: Date, limit: number): Promise<CampaignRecord[]>;
  /**
   * Claims one run (`CampaignRun @@unique([campaignId, runAt])`): true for exactly one caller, or
   * again once a claim older than `leaseMs` was left unfinished by a process that died.
   */
  claimRun(input: { campaignId: number; runAt: Date; now: Date; leaseMs: number }): Promise<boolean>;
  /** The id of the claimed run at `runAt` (what its messages' verification code signs), null if unclaimed. */
  runId(input: { campaignId: number; runAt: Date }): Promise<number | null>;
  /** Moves a scheduled campaign from the run at `runAt` to the next one (null: done); false if it moved already or was cancelled. */
  advance(input: { campaignId: number; runAt: Date; nextRunAt: Date | null }): Promise<boolean>;
  /** Active registered groups of the area and every area below it. */
  targets(areaCode: string): Promise<CampaignTarget[]>;
  /** Cancels a scheduled campaign; false if it was not scheduled any more. */
  cancel(input: { campaignId: number; at: Date }): Promise<boolean>;
  /** Cancels the campaign's deliveries not sent yet; returns how many. */
  cancelPending(campaignId: number): Promise<number>;
  /** Campaigns of the given areas and below (all areas when null), scheduled first, newest first. */
  list(input: { areaCodes: readonly string[] | null; limit: number }): Promise<CampaignRecord[]>;
  figures(campaignIds: readonly number[]): Promise<Map<number, CampaignFigures>>;
  /** Deliveries and quiz answers of one campaign, per group, most delivered first. */
  groupFigures(campaignId: number): Promise<CampaignGroupFigures[]>;
}

/**
 * Posts a quiz question after a campaign message (the quizzes module implements it): one question
 * for the whole run, one round per group.
 */
export interface CampaignQuizPort {
  /** Draws the run's question; undefined when the topic has no servable question. */
  pick(input: { topic: QuizTopic; campaignId: number }): Promise<QuizQuestionRecord | undefined>;
  post(input: {
    question: QuizQuestionRecord;
    chat: { id: number; locale: Locale };
    campaignId: number;
    sourceKey: string;
    priority: PriorityName;
    dueAt: Date;
  }): Promise<void>;
}

/** Outbox keys and sources of campaign messages. */
export const campaignKeys = {
  source: (campaignId: number): DeliverySource => ({ kind: "campaign", id: campaignId }),
  message: (campaignId: number, runAt: Date, chatId: number) => `campaign:${campaignId}:${runAt.getTime()}:${chatId}`,
  /** Also the quiz round's source key, so a retried run posts each group's question once. */
  quiz: (campaignId: number, runAt: Date, chatId: number) => `campaign:${campaignId}:${runAt.getTime()}:${chatId}:quiz`,
};

/** `C12` */
export const campaignId = (id: number) => `C${id}`;

/** `C12`, `c12` or `12` → 12. */
export function parseCampaignId(input: string): number | undefined {
  const match = /^c?(\d{1,9})$/i.exec(input.trim());
  return match?.[1] ? Number(match[1]) : undefined;
}
