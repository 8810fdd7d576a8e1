/** The tipster's guided flow: its draft (zod-validated when read back) and the order of its steps. */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ALL_TIP_CATEGORIES } from "./types.js";

export const TIP_FLOW = "tip";
/** An abandoned draft (it may hold the tip's text) disappears after TIP_DRAFT_MINUTES (an hour). */
export function draftTtlSeconds(settings: { readonly draftMinutes: number }): number {
  return Math.max(1, Math.round(settings.draftMinutes * 60));
}
export const MAX_TIP_TEXT = 8000;
export const MAX_TIP_PHOTOS = 10;
export const MAX_CONTACT = 300;

const Location = z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) });

export const TipDraftSchema = z.object({
  /** `help`: a student's help request, started from a school's link (help-request.ts). */
  kind: z.enum(["crime", "help"]).default("crime"),
  category: z.enum(ALL_TIP_CATEGORIES).optional(),
  text: z.string().max(MAX_TIP_TEXT).optional(),
  /** Photos, voice notes and videos, in their stored form (core/attachment.ts). */
  photos: z.array(z.string().min(1).max(512)).max(MAX_TIP_PHOTOS).default([]),
  location: Location.optional(),
  /** The tipster pressed "continue" after the photos-and-location step. */
  mediaDone: z.boolean().default(false),
  anonymous: z.boolean().optional(),
  contact: z.string().max(MAX_CONTACT).optional(),
  areaId: z.number().int().positive().optional(),
  /** `/togiac <text>`: filed as soon as the area is known, without a confirmation. */
  quick: z.boolean().default(false),
  /**
   * A first tip: the privacy notice comes with the confirmation, before anything is stored, and a
   * quick tip waits for the "📮 Gửi tin" press (DESIGN.md §7).
   */
  privacyNotice: z.boolean().default(false),
  /** The album (Telegram `media_group_id`) last answered: its other photos are added without an answer. */
  album: z.string().max(64).optional(),
  /** The tipster's chat, sealed: where the scheduler says so when the draft expires unsent. */
  seal: z.string().max(1024).optional(),
  /** The language to say it in. */
  locale: z.enum(["vi", "en"]).optional(),
  /** Random, made when the flow starts: names the tip's source (never a hash of the tipster's chat). */
  nonce: z.string().max(32).optional(),
});
export type TipDraft = z.infer<typeof TipDraftSchema>;

export const TIP_STEPS = ["category", "description", "media", "identity", "contact", "area", "confirm"] as const;
export type TipStep = (typeof TIP_STEPS)[number];

export function isTipStep(value: string): value is TipStep {
  return (TIP_STEPS as readonly string[]).includes(value);
}

/** The step a draft needs next: the data decides, so a repeated or late message cannot skip a step. */
export function nextStep(draft: TipDraft): TipStep {
  if (!draft.category) return "category";
  if (!draft.text) return "description";
  if (!draft.mediaDone) return "media";
  if (draft.anonymous === undefined) return "identity";
  if (!draft.anonymous && !draft.contact) return "contact";
  if (!draft.areaId) return "area";
  return "confirm";
}

/** A fresh nonce for a new draft. */
export function draftNonce(): string {
  return randomBytes(12).toString("base64url");
}

/** Appends text to the description, within the limit; undefined when it would not fit. */
export function appendText(current: string | undefined, more: string): string | undefined {
  const joined = current ? `${current}\n${more}` : more;
  return joined.length <= MAX_TIP_TEXT ? joined : undefined;
}
