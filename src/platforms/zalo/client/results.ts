/** Schemas of what the Zalo Bot API answers: the envelope and the results of its methods. */
import { z } from "zod";

/** Every answer: `{ ok, result?, error_code?, description? }`. Odd optional fields are dropped, not fatal. */
export const ZaloEnvelopeSchema = z.looseObject({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.number().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
  parameters: z
    .looseObject({ retry_after: z.number().optional().catch(undefined) })
    .optional()
    .catch(undefined),
});

/** A parsed answer envelope. */
export type ZaloEnvelope = z.infer<typeof ZaloEnvelopeSchema>;

/** `getMe`: the bot account. */
export const ZaloBotInfoSchema = z.looseObject({
  id: z.string(),
  account_name: z.string(),
  account_type: z.string(),
  can_join_groups: z.boolean(),
});

/** The bot account, as `getMe` describes it. */
export type ZaloBotInfo = z.infer<typeof ZaloBotInfoSchema>;

/** `sendMessage`, `sendPhoto`, `sendSticker`: the new message. */
export const ZaloSentMessageSchema = z.looseObject({
  message_id: z.string(),
  /** Unix milliseconds. */
  date: z.number(),
});

/** A message the bot sent: its id and its date (Unix milliseconds). */
export type ZaloSentMessage = z.infer<typeof ZaloSentMessageSchema>;

/** `setWebhook`, `deleteWebhook`, `getWebhookInfo`: the webhook now in force (`url` is "" when none). */
export const ZaloWebhookInfoSchema = z.looseObject({
  url: z.string(),
  /** Unix milliseconds of the last change. */
  updated_at: z.number().optional(),
});

/** The webhook now in force (`url` is "" when polling). */
export type ZaloWebhookInfo = z.infer<typeof ZaloWebhookInfoSchema>;

/** The only chat action documented as available ("upload_photo" is announced as coming). */
export type ZaloChatAction = "typing";
