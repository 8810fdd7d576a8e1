/** Records the fake Telegram server keeps for tests, and its options. */
import type { FakeCallRecord, OutageMode as SharedOutageMode } from "../fake-shared/types.js";
import type { InlineKeyboardButton, Location, MessageEntity, ReplyMarkup, CallbackQuery } from "./bot-api-types.js";

export type * from "./bot-api-types.js";

/** A file part of a multipart request. */
export interface UploadedFile {
  filename: string;
  bytes: Buffer;
  contentType?: string;
}

/** Parameters of an API call after parsing query string and body (JSON-ish fields decoded). */
export type ApiParams = Record<string, unknown>;

/** A photo or document the bot sent: uploaded bytes, a known file_id, or a URL. */
export interface SentFile {
  fileId: string;
  fileUniqueId: string;
  filename?: string;
  mimeType?: string;
  size?: number;
  bytes?: Buffer;
  url?: string;
}

/** The content of a bot message before an edit. */
export interface MessageSnapshot {
  text?: string;
  caption?: string;
  plainText: string;
  parseMode?: string;
  replyMarkup?: ReplyMarkup;
}

export interface MessageEdit {
  method: string;
  /** Unix seconds. */
  date: number;
  /** The message as it was before this edit. */
  previous: MessageSnapshot;
}

/** A message the bot sent, in its current state (edits applied; history in `edits`). */
export interface StoredMessage {
  chatId: number;
  messageId: number;
  /** The method that created it: sendMessage, sendPhoto, copyMessage, forwardMessage… */
  method: string;
  /** Unix seconds. */
  date: number;
  editDate?: number;
  /** Text exactly as sent (HTML included) — text messages only. */
  text?: string;
  /** Caption exactly as sent — media messages only. */
  caption?: string;
  /** Text or caption with tags stripped and HTML entities decoded: what the user reads. */
  plainText: string;
  entities: MessageEntity[];
  parseMode?: string;
  replyMarkup?: ReplyMarkup;
  /** The inline keyboard flattened, in reading order (empty without one). */
  buttons: InlineKeyboardButton[];
  replyToMessageId?: number;
  /** The forum topic it is in (`message_thread_id`); none: General, or a chat without topics. */
  threadId?: number;
  /** Sent with `disable_notification: true`: members get it without a sound. */
  disableNotification?: boolean;
  /** Sent with `allow_paid_broadcast: true` (a paid broadcast, up to 1,000/s). */
  paidBroadcast?: boolean;
  photo?: SentFile;
  document?: SentFile;
  voice?: SentFile;
  video?: SentFile;
  videoNote?: SentFile;
  location?: Location;
  copiedFrom?: { chatId: number; messageId: number };
  forwardedFrom?: { chatId: number; messageId: number };
  edits: MessageEdit[];
  deleted: boolean;
}

/** One API request as the fake saw it. */
export interface CallRecord extends FakeCallRecord {
  params: ApiParams;
  /** True when the bot made the call in its answer to a webhook request. */
  viaWebhookReply?: boolean;
}

export interface CallbackAnswer {
  callbackQueryId: string;
  /** The query it answers, when the fake created it. */
  query?: CallbackQuery;
  text?: string;
  showAlert: boolean;
  url?: string;
  cacheTime?: number;
  /** Epoch milliseconds. */
  time: number;
}

export interface FakeStats {
  /** Successful sends (send*, copyMessage, forwardMessage). */
  sends: number;
  /** Successful edit* calls. */
  edits: number;
  deletes: number;
  rateLimited429: number;
  /** Sends flagged `allow_paid_broadcast` that went beyond the regular limit and cost 0.1 Stars each. */
  paidBilled: number;
  /** Flagged sends refused because the Stars balance could not pay for them. */
  paidRefused: number;
  /** Every request by method name, whatever its outcome. */
  byMethod: Record<string, number>;
  /** Webhook POSTs that got a 2xx / updates given up after all retries. */
  webhookDelivered: number;
  webhookDropped: number;
}

/** Telegram's limits; a missing field takes Telegram's value (30/s, 20/min, 1/s). */
export interface RateLimits {
  globalPerSecond?: number;
  groupPerMinute?: number;
  privatePerSecond?: number;
  /** Sends flagged `allow_paid_broadcast` a second, bot-wide (Telegram: 1,000). */
  paidPerSecond?: number;
}

export interface FakeTelegramOptions {
  /** Default "123456:TEST". */
  token?: string;
  /** Default: the number before ":" in the token. */
  botId?: number;
  /** Default "KengTestBot". */
  botUsername?: string;
  /** Default false: no enforcement. */
  limits?: RateLimits | false;
  /**
   * First message id of every chat; default 1. The sandbox starts later runs higher, so ids the bot
   * stored in a previous run (replies, progress edits) do not point at new messages.
   */
  firstMessageId?: number;
  /** First update_id (default 1); the sandbox starts later runs higher, past the updates the bot already handled. */
  firstUpdateId?: number;
  /** Webhook retries on a non-2xx answer or network error; defaults 5 attempts from 100 ms doubling. */
  webhookRetry?: { attempts?: number; baseDelayMs?: number };
  /**
   * Not how Telegram behaves: accept `http://` webhooks on any port (e.g. http://127.0.0.1:<port>),
   * for tests and local runs. Default false: like Telegram, only https on ports 443, 80, 88 or 8443.
   */
  allowInsecureWebhooks?: boolean;
}

/** Which requests `failNext` applies to; omitted fields match anything. */
export interface FailureMatch {
  method?: string;
  chatId?: number | string;
  /** Only a call whose text or caption contains this (e.g. the second part of a split message). */
  textIncludes?: string;
}

export interface FailureResponse {
  errorCode: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** How `setDown(true)` fails requests: a 502 answer, or a destroyed socket. */
export type OutageMode = SharedOutageMode;

/** Events for live views (the sandbox) and tests. */
export type FakeTelegramEventMap = {
  botMessage: [message: StoredMessage];
  botEdit: [message: StoredMessage, edit: MessageEdit];
  botDelete: [message: StoredMessage];
  call: [call: CallRecord];
  update: [update: unknown];
  callbackAnswer: [answer: CallbackAnswer];
};
