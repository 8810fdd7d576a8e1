/** zod schemas for messages read back from JSON (delivery payloads in Postgres, job data). */
import { z } from "zod";
import { CLIP_KINDS, type OutboundMessage } from "./messages.js";
import type { Text, TextParam } from "./text.js";

export const TextSchema: z.ZodType<Text> = z.lazy(() =>
  z.union([
    z.object({ key: z.string().min(1), params: z.record(z.string(), TextParamSchema).optional() }),
    z.object({ raw: z.string() }),
    z.object({ lines: z.array(TextSchema) }),
  ]),
);

const TextParamSchema: z.ZodType<TextParam> = z.lazy(() => z.union([z.string(), z.number(), TextSchema]));

const MediaSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("url"), url: z.string().url() }),
  z.object({ kind: z.literal("file"), platformFileId: z.string().min(1) }),
  z.object({ kind: z.literal("bytes"), base64: z.string(), filename: z.string().min(1) }),
]);

const ButtonSchema = z.union([
  z.object({ text: TextSchema, callback: z.string().min(1).max(64), primary: z.boolean().optional() }),
  z.object({ text: TextSchema, url: z.string().url() }),
]);

export const OutboundMessageSchema: z.ZodType<OutboundMessage> = z.object({
  locale: z.enum(["vi", "en"]),
  text: TextSchema,
  buttons: z.array(z.array(ButtonSchema)).optional(),
  replyToMessageId: z.string().optional(),
  photo: MediaSchema.optional(),
  document: MediaSchema.optional(),
  clip: z.object({ kind: z.enum(CLIP_KINDS), media: MediaSchema }).optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  editMessageId: z.string().optional(),
  summary: z.boolean().optional(),
  silent: z.boolean().optional(),
  expectsText: z.boolean().optional(),
});
