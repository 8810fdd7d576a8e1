/** Wire shapes of the fake Zalo Bot API, the records it keeps for tests, and its options. */
import type { FakeCallRecord, OutageMode } from "../fake-shared/types.js";

/** Chat types as Zalo spells them. */
export type ZaloChatType = "PRIVATE" | "GROUP";

/** Event names the fake produces (the documented ones). */
export type FakeZaloEventName =
  | "message.text.received"
  | "message.image.received"
  | "message.voice.received"
  | "message.sticker.received"
  | "message.unsupported.received";

/** `getMe`. */
export interface FakeZaloBotInfo {
  id: string;
  account_name: string;
  account_type: string;
  can_join_groups: boolean;
}

/** A message inside an update, as Zalo sends it. */
export interface FakeZaloMessage {
  message_id: string;
  /** Unix milliseconds. */
  date: number;
  from: { id: string; display_name: string; is_bot: boolean };
  chat: { id: string; chat_type: ZaloChatType };
  text?: string;
  /** A photo's temporary link (ZALO.md: download it when it arrives). */
  photo?: string;
  caption?: string;
  sticker?: string;
  /**
   * A voice message's address (`message.voice.received`, in Zalo's newer docs). The field's name is
   * not documented: `voice` is our assumption (with `url`, which the bot also reads).
   */
  voice?: string;
  url?: string;
}

/** An update in the flat shape: what the webhook receives (as observed in 2026). */
export interface FakeZaloUpdate {
  event_name: FakeZaloEventName;
  message: FakeZaloMessage;
}

/** A person, as tests describe them. */
export interface FakeZaloUserInput {
  /** Zalo user ids are opaque strings (hex-looking), e.g. "e4ea2cd5189df1c3a88c". */
  id: string;
  displayName?: string;
  isBot?: boolean;
}

/** A message the bot sent. */
export interface FakeZaloStoredMessage {
  chatId: string;
  messageId: string;
  /** sendMessage, sendPhoto or sendSticker. */
  method: string;
  /** Unix milliseconds. */
  date: number;
  text?: string;
  photoUrl?: string;
  caption?: string;
  sticker?: string;
  /** `text`, else `caption`, else "": what the user reads. */
  plainText: string;
}

/** Parameters of an API call after parsing query string and body. */
export type FakeZaloParams = Record<string, unknown>;

/** One API request as the fake saw it. */
export type FakeZaloCallRecord = FakeCallRecord;

/** Counters for tests and benchmarks. */
export interface FakeZaloStats {
  /** Successful sendMessage / sendPhoto / sendSticker. */
  sends: number;
  rateLimited429: number;
  /** Every request by method name, whatever its outcome. */
  byMethod: Record<string, number>;
  /** Updates handed out by getUpdates. */
  polled: number;
  /** Group messages the platform would not deliver (no @mention, no reply to the bot). */
  notDelivered: number;
  /** Webhook POSTs that got a 2xx / updates lost (Zalo does not resend, ZALO.md). */
  webhookDelivered: number;
  webhookDropped: number;
}

/** Zalo publishes no limits; these defaults are guesses that make bursts visible in tests. */
export interface FakeZaloRateLimits {
  /** Sends per second over all chats; default 30. */
  globalPerSecond?: number;
  /** Sends per second to one chat; default 5. */
  perChatPerSecond?: number;
}

/**
 * The bot's plan: publicly reported Basic limits are 3,000 messages a month and 50 users per bot
 * (unconfirmed by Zalo). Beyond either, a send answers 429 "Quota exceeded".
 */
export interface FakeZaloPlan {
  /** Messages accepted per month (until `newMonth()`); default unlimited. */
  monthlyMessages?: number;
  /** Private chats the bot may write to; default unlimited. */
  users?: number;
}

/** How to build a FakeZaloServer. */
export interface FakeZaloOptions {
  /** Default "1234567890:fake-zalo-secret"; the bot id is the part before ":". */
  token?: string;
  /** `account_name` of getMe, the display name people pick to @mention the bot; default "Bot Kẻng Test". */
  accountName?: string;
  /** Default true (groups are "in internal testing" on the real platform). */
  canJoinGroups?: boolean;
  /** Default false: no enforcement. */
  limits?: FakeZaloRateLimits | false;
  /** Default none: no quota. */
  plan?: FakeZaloPlan;
  /**
   * Accept an `http://` webhook URL (tests and the sandbox post to a local port). Default false:
   * Zalo takes HTTPS webhooks only (ZALO.md).
   */
  allowPlainHttpWebhook?: boolean;
  /** How long a photo link people send stays downloadable; default 60 000 ms (ZALO.md: links are temporary). */
  photoLinkTtlMs?: number;
}

/** Which requests `failNext` applies to; omitted fields match anything. */
export interface FakeZaloFailureMatch {
  method?: string;
  chatId?: string;
}

/** The answer an injected failure gives. */
export interface FakeZaloFailureResponse {
  errorCode: number;
  description: string;
  /** HTTP status of the answer; default `errorCode` (Zalo may also answer 200 with `ok: false`). */
  httpStatus?: number;
  parameters?: { retry_after?: number };
}

/** How `setDown(true)` fails requests: a 502 HTML page, or a destroyed socket. */
export type FakeZaloOutageMode = OutageMode;

/** Events for live views (the sandbox) and tests. */
export type FakeZaloEventMap = {
  botMessage: [message: FakeZaloStoredMessage];
  call: [call: FakeZaloCallRecord];
  update: [update: unknown];
};
