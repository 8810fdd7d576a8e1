/**
 * Zod schemas of inbound Zalo Bot API updates (long-poll results and webhook bodies).
 * Lenient about extra fields, strict about the types of the fields we read.
 */
import { z } from "zod";

/** The event names Zalo documents (late 2026). */
export const ZALO_EVENT_NAMES = [
  "message.text.received",
  "message.image.received",
  "message.voice.received",
  "message.sticker.received",
  "message.unsupported.received",
] as const;

/** One of the documented event names. */
export type ZaloEventName = (typeof ZALO_EVENT_NAMES)[number];

const KNOWN_EVENTS: ReadonlySet<string> = new Set(ZALO_EVENT_NAMES);

/** Below this a `date` cannot be Unix milliseconds of this century: it is read as seconds. */
const SECONDS_CEILING = 100_000_000_000;

/** The sender of a message. */
export const ZaloSenderSchema = z.looseObject({
  id: z.string().min(1),
  display_name: z.string().optional(),
  is_bot: z.boolean().optional(),
});

/** The chat a message was written in. */
export const ZaloChatSchema = z.looseObject({
  id: z.string().min(1),
  chat_type: z.enum(["PRIVATE", "GROUP"]),
});

/** A message as Zalo delivers it; content fields depend on the event. */
export const ZaloMessageSchema = z.looseObject({
  message_id: z.string().min(1),
  /** Unix milliseconds (a value that can only be seconds is converted, so callers always get ms). */
  date: z
    .number()
    .nonnegative()
    .transform((value) => (value > 0 && value < SECONDS_CEILING ? value * 1000 : value)),
  from: ZaloSenderSchema,
  chat: ZaloChatSchema,
  text: z.string().optional(),
  photo: z.string().optional(),
  photo_url: z.string().optional(),
  caption: z.string().optional(),
  sticker: z.string().optional(),
  /** A voice message's address (newer docs: `message.voice.received`); the field name is our assumption, `url` is read too. */
  voice: z.string().optional().catch(undefined),
  url: z.string().optional(),
});

/** A parsed Zalo message. */
export type ZaloMessage = z.infer<typeof ZaloMessageSchema>;

const TextEventSchema = z.object({
  event_name: z.literal("message.text.received"),
  message: ZaloMessageSchema.extend({ text: z.string() }),
});
const ImageEventSchema = z.object({ event_name: z.literal("message.image.received"), message: ZaloMessageSchema });
const VoiceEventSchema = z.object({ event_name: z.literal("message.voice.received"), message: ZaloMessageSchema });
const StickerEventSchema = z.object({ event_name: z.literal("message.sticker.received"), message: ZaloMessageSchema });
/** May come without any `message` at all (ZALO.md): `{"event_name": "message.unsupported.received"}`. */
const UnsupportedEventSchema = z.object({
  event_name: z.literal("message.unsupported.received"),
  message: ZaloMessageSchema.optional(),
});
/** An event this code does not know (Zalo adds some): keep the name, leave the payload unread. */
const UnknownEventSchema = z.object({
  event_name: z.literal("unknown"),
  original_event_name: z.string(),
  message: z.unknown(),
});

/**
 * An inbound update, normalised to `{ event_name, message }`. Accepts the documented wrapped shape
 * `{ ok: true, result: { event_name, message } }` and the flat shape observed in 2026. An unknown
 * event name parses as `{ event_name: "unknown", original_event_name, message }` for callers to
 * ignore. A missing `event_name` (the documentation's getUpdates sample has none) is inferred
 * from the content: `text`, then `photo`/`photo_url`, then `sticker`.
 */
export const ZaloUpdateSchema = z.preprocess(
  normaliseUpdate,
  z.discriminatedUnion("event_name", [
    TextEventSchema,
    ImageEventSchema,
    VoiceEventSchema,
    StickerEventSchema,
    UnsupportedEventSchema,
    UnknownEventSchema,
  ]),
);

/** A parsed inbound update (discriminated on `event_name`). */
export type ZaloUpdate = z.infer<typeof ZaloUpdateSchema>;
/** An update with one of the documented event names. */
export type ZaloKnownUpdate = Exclude<ZaloUpdate, { event_name: "unknown" }>;
/** An update with an event name this code does not know. */
export type ZaloUnknownUpdate = Extract<ZaloUpdate, { event_name: "unknown" }>;

/** True for the updates callers act on; false for unknown events, which they may ignore. */
export function isKnownZaloUpdate(update: ZaloUpdate): update is ZaloKnownUpdate {
  return update.event_name !== "unknown";
}

/** Validates an update body; the error is one line naming the offending fields. */
export function parseZaloUpdate(body: unknown): { ok: true; update: ZaloUpdate } | { ok: false; error: string } {
  if (isRecord(body) && body["ok"] === false) {
    const code = typeof body["error_code"] === "number" ? ` ${body["error_code"]}` : "";
    const description = typeof body["description"] === "string" ? ` ${body["description"]}` : "";
    return {
      ok: false,
      error: `an error envelope (${`${code}${description}`.trim() || "no description"}), not an update`,
    };
  }
  const parsed = ZaloUpdateSchema.safeParse(body);
  if (parsed.success) return { ok: true, update: parsed.data };
  const issues = parsed.error.issues.map(
    (issue) => `${issue.path.length === 0 ? "(root)" : issue.path.join(".")}: ${issue.message}`,
  );
  return { ok: false, error: issues.join("; ") };
}

/** Unwraps `{ ok, result }`, maps unknown event names to "unknown" and infers a missing one. */
function normaliseUpdate(input: unknown): unknown {
  if (!isRecord(input)) return input;
  const event =
    isRecord(input["result"]) && input["event_name"] === undefined && input["message"] === undefined
      ? input["result"]
      : input;
  const name = event["event_name"];
  const message = event["message"];
  if (typeof name === "string") {
    return KNOWN_EVENTS.has(name)
      ? { event_name: name, message }
      : { event_name: "unknown", original_event_name: name, message };
  }
  if (name !== undefined || !isRecord(message)) return event;
  const inferred = inferEventName(message);
  return inferred === undefined ? event : { event_name: inferred, message };
}

function inferEventName(message: Record<string, unknown>): ZaloEventName | undefined {
  if (typeof message["text"] === "string") return "message.text.received";
  if (typeof message["photo"] === "string" || typeof message["photo_url"] === "string") return "message.image.received";
  if (typeof message["sticker"] === "string") return "message.sticker.received";
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
