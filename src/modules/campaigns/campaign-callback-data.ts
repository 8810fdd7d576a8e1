/**
 * Callback data of the campaign flow's buttons (`cd:…`). It comes back from the platform as
 * hostile input: parsed strictly, anything else is null.
 */
import { z } from "zod";
import { QUIZ_TOPICS } from "../quizzes/bank/question-schema.js";
import type { QuizTopic } from "./types.js";

export const CAMPAIGN_BUTTON_PREFIX = "cd";

/** The schedules offered as buttons, by their callback word. */
export const WHEN_CHOICES = { now: "now", daily: "daily@08:00", weekly: "weekly@mon@08:00" } as const;
export type WhenChoice = keyof typeof WHEN_CHOICES;

export type CampaignButton =
  | { readonly kind: "area"; readonly areaId: number }
  | { readonly kind: "when"; readonly choice: WhenChoice }
  | { readonly kind: "quiz"; readonly topic: QuizTopic | null }
  | { readonly kind: "confirm" }
  | { readonly kind: "cancel" };

/** Decimal digits only (no `1e3`, `0x1f` or padding: one spelling per area), within Postgres' int range. */
const Id = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().max(2_147_483_647));

/** Parses the part after `cd:`. */
export function parseCampaignButton(payload: string): CampaignButton | null {
  if (payload.length > 40 || !/^[a-z0-9:]+$/.test(payload)) return null;
  const [verb, value, ...rest] = payload.split(":");
  if (rest.length > 0) return null;
  if (verb === "ok" && value === undefined) return { kind: "confirm" };
  if (verb === "x" && value === undefined) return { kind: "cancel" };
  if (verb === "w" && value !== undefined && Object.hasOwn(WHEN_CHOICES, value))
    return { kind: "when", choice: value as WhenChoice };
  if (verb === "q" && value === "none") return { kind: "quiz", topic: null };
  if (verb === "q" && (QUIZ_TOPICS as readonly string[]).includes(value ?? ""))
    return { kind: "quiz", topic: value as QuizTopic };
  const id = verb === "a" ? Id.safeParse(value) : undefined;
  return id?.success ? { kind: "area", areaId: id.data } : null;
}

export const campaignData = {
  area: (areaId: number) => `cd:a:${areaId}`,
  when: (choice: WhenChoice) => `cd:w:${choice}`,
  quiz: (topic: QuizTopic | null) => `cd:q:${topic ?? "none"}`,
  confirm: () => "cd:ok",
  cancel: () => "cd:x",
} as const;
