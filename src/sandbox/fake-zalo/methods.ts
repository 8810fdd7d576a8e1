import { badRequest, pollTimeout } from "./api-error.js";
import type { FakeZaloParams, FakeZaloStoredMessage } from "./types.js";
import type { ZaloUpdateQueue } from "./update-queue.js";
import type { ZaloChatRecord, ZaloWorld } from "./world.js";

/** Texts and captions: 1 to 2000 characters (UTF-16 units). */
export const MAX_TEXT_LENGTH = 2000;
const DEFAULT_POLL_SECONDS = 30;
const MAX_POLL_SECONDS = 120;

/** What a method handler gets. */
export interface ZaloMethodContext {
  world: ZaloWorld;
  updates: ZaloUpdateQueue;
  params: FakeZaloParams;
  /** Aborted when the client goes away or the server stops (long polls watch it). */
  signal: AbortSignal;
  /** Runs `effect` once the call is recorded, so a "botMessage" listener also finds the call. */
  later: (effect: () => void) => void;
}

/** A method: "send" methods are rate-limited and counted in stats. */
export interface ZaloMethodSpec {
  kind: "send" | "other";
  /** Returns the `result` (undefined: the envelope has none), or throws a ZaloApiError. */
  handler: (context: ZaloMethodContext) => unknown;
}

/** Zalo's methods; names are case-sensitive. */
export const ZALO_METHODS: Record<string, ZaloMethodSpec> = {
  getMe: { kind: "other", handler: ({ world }) => ({ ...world.bot }) },
  getUpdates: { kind: "other", handler: getUpdates },
  setWebhook: { kind: "other", handler: setWebhook },
  deleteWebhook: {
    kind: "other",
    handler: ({ updates }) => {
      updates.deleteWebhook();
      return updates.webhookInfo();
    },
  },
  getWebhookInfo: { kind: "other", handler: ({ updates }) => updates.webhookInfo() },
  sendMessage: { kind: "send", handler: sendMessage },
  sendPhoto: { kind: "send", handler: sendPhoto },
  sendSticker: { kind: "send", handler: sendSticker },
  sendChatAction: { kind: "other", handler: sendChatAction },
};

/** A string parameter (numbers as sent by form encodings are accepted too). */
export function stringParam(params: FakeZaloParams, name: string): string | undefined {
  const value = params[name];
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

async function getUpdates({ world, updates, params, signal }: ZaloMethodContext): Promise<unknown> {
  const raw = stringParam(params, "timeout");
  const seconds = raw === undefined || raw.trim() === "" ? DEFAULT_POLL_SECONDS : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw badRequest("timeout must be a number of seconds");
  const update = await updates.poll({ timeoutMs: Math.min(seconds, MAX_POLL_SECONDS) * 1000, signal });
  if (update === undefined) throw pollTimeout();
  world.stats.polled++;
  return update;
}

function setWebhook({ updates, params }: ZaloMethodContext): unknown {
  const url = stringParam(params, "url") ?? "";
  // Zalo demands HTTPS (ZALO.md); http:// only behind the fake's local switch (tests, sandbox).
  const scheme = updates.options.allowPlainHttp ? /^https?:\/\/[^\s/]+/i : /^https:\/\/[^\s/]+/i;
  if (!scheme.test(url)) throw badRequest("url must be an HTTPS URL");
  const secret = stringParam(params, "secret_token") ?? "";
  if (secret.length < 8 || secret.length > 256) throw badRequest("secret_token must be 8 to 256 characters");
  const webhook = updates.setWebhook(url, secret);
  return { url: webhook.url, updated_at: webhook.updatedAt };
}

function sendMessage(context: ZaloMethodContext): unknown {
  const record = context.world.chatForSend(context.params["chat_id"]);
  const text = stringParam(context.params, "text");
  if (text === undefined || text.length < 1 || text.length > MAX_TEXT_LENGTH)
    throw badRequest(`text must be 1 to ${MAX_TEXT_LENGTH} characters`);
  return store(context, record, { method: "sendMessage", text, plainText: text });
}

function sendPhoto(context: ZaloMethodContext): unknown {
  const record = context.world.chatForSend(context.params["chat_id"]);
  const photoUrl = stringParam(context.params, "photo") ?? "";
  if (!/^https?:\/\/\S+$/i.test(photoUrl)) throw badRequest("photo must be an image URL");
  const caption = stringParam(context.params, "caption");
  if (caption !== undefined && caption.length > MAX_TEXT_LENGTH)
    throw badRequest(`caption must be 1 to ${MAX_TEXT_LENGTH} characters`);
  const withCaption = caption === undefined || caption === "" ? {} : { caption };
  return store(context, record, { method: "sendPhoto", photoUrl, ...withCaption, plainText: caption ?? "" });
}

function sendSticker(context: ZaloMethodContext): unknown {
  const record = context.world.chatForSend(context.params["chat_id"]);
  const sticker = stringParam(context.params, "sticker") ?? "";
  if (sticker.trim() === "") throw badRequest("sticker is required");
  return store(context, record, { method: "sendSticker", sticker, plainText: "" });
}

function sendChatAction({ world, params }: ZaloMethodContext): undefined {
  world.chatForSend(params["chat_id"]);
  const action = stringParam(params, "action");
  if (action !== "typing" && action !== "upload_photo") throw badRequest("action must be typing");
  // Zalo answers a bare `{ ok: true }`, without a result.
  return undefined;
}

/** Stores the bot message, announces it once recorded, and returns Zalo's `{ message_id, date }`. */
function store(
  context: ZaloMethodContext,
  record: ZaloChatRecord,
  content: Omit<FakeZaloStoredMessage, "chatId" | "messageId" | "date">,
): unknown {
  const { world } = context;
  const message: FakeZaloStoredMessage = {
    chatId: record.id,
    messageId: world.newMessageId(),
    date: world.now(),
    ...content,
  };
  world.storeBotMessage(record, message);
  context.later(() => world.events.emit("botMessage", message));
  return { message_id: message.messageId, date: message.date };
}
