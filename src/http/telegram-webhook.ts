/**
 * `POST /telegram/webhook`: checks X-Telegram-Bot-Api-Secret-Token before reading the body,
 * validates, hands the update on, and answers with the method call the handling left for the
 * response (a button press's answerCallbackQuery), which Telegram then runs.
 */
import type { Logger } from "pino";
import type { Update } from "telegraf/types";
import { z } from "zod";
import { toInboundEvent } from "../platforms/telegram/to-inbound-event.js";
import { json, type Route } from "./server.js";
import { webhookRoute } from "./webhook-route.js";

/*
 * Lenient about fields Kẻng does not read, strict about the types of those it does (the adapter
 * reads them as Telegram documents them: a `message: null` or a `document.mime_type` number would
 * otherwise fail deep inside it, logged as a failure of ours instead of answered with a 400).
 */
const UserShape = z.looseObject({
  id: z.number().int(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
const ChatShape = z.looseObject({ id: z.number().int(), type: z.string(), title: z.string().optional() });
const MessageShape = z.looseObject({
  message_id: z.number().int(),
  from: UserShape.optional(),
  chat: ChatShape,
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(z.looseObject({ file_id: z.string() })).optional(),
  document: z.looseObject({ file_id: z.string(), mime_type: z.string().optional() }).optional(),
  location: z.looseObject({ latitude: z.number(), longitude: z.number() }).optional(),
  migrate_to_chat_id: z.number().int().optional(),
  reply_to_message: z.looseObject({ message_id: z.number().int() }).optional(),
});
const UpdateShape = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: MessageShape.optional(),
  callback_query: z
    .looseObject({
      id: z.string(),
      from: UserShape,
      data: z.string().optional(),
      message: z.looseObject({ message_id: z.number().int(), chat: ChatShape }).optional(),
    })
    .optional(),
  my_chat_member: z
    .looseObject({
      chat: ChatShape,
      from: UserShape,
      new_chat_member: z.looseObject({ status: z.string(), is_member: z.boolean().optional() }),
    })
    .optional(),
});

/** Where the body is wrong (paths only: values may hold what people wrote). */
const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.code}`).join("; ");

export function telegramWebhookRoute(options: {
  secret: string;
  /** Returns the method call to put in the response (a press's answer), if any. */
  handle: (update: Update) => Promise<Record<string, unknown> | undefined>;
  logger: Logger;
}): Route {
  const { logger } = options;
  return webhookRoute({
    platform: "telegram",
    path: "/telegram/webhook",
    secretHeader: "x-telegram-bot-api-secret-token",
    secret: options.secret,
    logger,
    accept: async (body) => {
      const parsed = UpdateShape.safeParse(body);
      if (!parsed.success) {
        logger.warn(
          { event: "webhook_bad_update", platform: "telegram", error: issuesOf(parsed.error) },
          "webhook body is not an update",
        );
        return json(400, { ok: false, error: "not a Telegram update" });
      }
      const update = parsed.data as unknown as Update;
      // Kinds Kẻng does not serve (edits, channel posts, stickers…) are accepted, or Telegram would resend them.
      if (toInboundEvent(update, undefined) === null) {
        logger.debug(
          { event: "update_ignored", platform: "telegram", updateId: parsed.data.update_id },
          "update of a kind Kẻng does not handle",
        );
        return json(200, { ok: true });
      }
      const reply = await options.handle(update);
      return json(200, reply ?? { ok: true });
    },
  });
}
