/** The guided campaign flow's draft: what has been given so far, and which step comes next. */
import { z } from "zod";
import { QUIZ_TOPICS } from "../quizzes/bank/question-schema.js";
import { MAX_CAMPAIGN_TEXT } from "./parse-campaign-command.js";

export const CAMPAIGN_FLOW = "campaign";
/** An abandoned draft disappears after an hour. */
export const CAMPAIGN_FLOW_TTL_SECONDS = 3600;
export const MAX_TITLE = 100;

/** Flow data read back from the database: parsed, not trusted. */
export const CampaignDraftSchema = z.object({
  title: z.string().min(1).max(MAX_TITLE).optional(),
  text: z.string().min(1).max(MAX_CAMPAIGN_TEXT).optional(),
  photoFileId: z.string().min(1).max(300).optional(),
  areaId: z.number().int().positive().optional(),
  /** `<when>` as typed or chosen; read again on confirmation, so `+30m` counts from then. */
  when: z.string().min(1).max(40).optional(),
  /** Undefined: not asked yet; null: no quiz. */
  quizTopic: z.enum(QUIZ_TOPICS).nullable().optional(),
});
export type CampaignDraft = z.infer<typeof CampaignDraftSchema>;

export type CampaignStep = "title" | "content" | "area" | "when" | "quiz" | "confirm";

export function nextStep(draft: CampaignDraft): CampaignStep {
  if (draft.title === undefined) return "title";
  if (draft.text === undefined) return "content";
  if (draft.areaId === undefined) return "area";
  if (draft.when === undefined) return "when";
  if (draft.quizTopic === undefined) return "quiz";
  return "confirm";
}
