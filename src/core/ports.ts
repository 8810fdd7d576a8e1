/**
 * Ports the domain talks to. Adapters (Prisma repos, BullMQ queues, platform clients) implement
 * them; use cases receive them in an options object and never import the libraries behind them.
 */
import type { ChatKind, ChatRef, OutboundMessage, PlatformName, PriorityName } from "./messages.js";
import type { DeliverySource } from "./delivery-source.js";
import type { Text } from "./text.js";

/** One message to queue for one chat. */
export interface OutboxItem {
  /** Deterministic key of (message, chat): enqueueing the same key twice sends once. */
  readonly key: string;
  /** The target: a chat row, or a sealed private chat (a tipster, never stored in clear). */
  readonly to: { readonly chatId: number } | { readonly sealed: string };
  readonly message: OutboundMessage;
  readonly priority: PriorityName;
  /** What produced it (an alert, a tip card…), so progress and statistics can count it. */
  readonly source?: DeliverySource;
  /** Not before this moment. */
  readonly dueAt?: Date;
  /** An emergency (a khẩn alert): may go at a platform's paid rate where the deployment allows it. */
  readonly emergency?: boolean;
}

/** Every outgoing message goes through the outbox: a Delivery row, then a deliver job. */
export interface Outbox {
  /** Records and queues messages; keys already recorded are skipped (idempotent). */
  enqueue(items: readonly OutboxItem[]): Promise<void>;
}

/**
 * A message a platform splits into parts (long text, a caption's overflow): which parts an earlier
 * attempt already sent, and where to record each part as it goes, so a retry sends only the rest.
 */
export interface SendProgress {
  readonly partsSent: number;
  /** The first part's message id, once sent. */
  readonly firstMessageId: string | undefined;
  recordPart(progress: { partsSent: number; firstMessageId: string }): Promise<void>;
}

/** Sends one rendered message through a platform. Throws PlatformError on failure. */
export interface ChatSender {
  readonly platform: PlatformName;
  /**
   * `threadId`: a forum topic of the chat (Telegram); every part of the message goes there.
   * `paidBroadcast`: send as a paid broadcast (Telegram's `allow_paid_broadcast`; others ignore it).
   */
  send(
    target: { chatId: string; kind: ChatKind; threadId?: string; paidBroadcast?: boolean },
    message: OutboundMessage,
    progress?: SendProgress,
  ): Promise<{ messageId: string }>;
}

/** Answers a button press (a response to the presser, not a send: it bypasses the deliver queue). */
/** The press a button answer belongs to: Telegram answers its callback query, Zalo (no callback answers) the chat. */
export interface ButtonPress {
  readonly callbackId: string;
  readonly chat: ChatRef;
  readonly messageId: string;
}

export interface ButtonAnswerer {
  answer(options: {
    press: ButtonPress;
    text?: Text;
    locale: OutboundMessage["locale"];
    alert?: boolean;
  }): Promise<void>;
}

/** Questions only a platform can answer about a chat. */
export interface ChatDirectory {
  /**
   * Whether the user is an administrator of the group (platforms without member lists answer true);
   * "unknown" when the platform would not tell (Telegram guarantees member lookups only to admin bots).
   */
  isGroupAdmin(options: { platform: PlatformName; chatId: string; userId: string }): Promise<GroupAdminAnswer>;
  /** The bot's public username on a platform, for deep links. */
  botUsername(platform: PlatformName): string | undefined;
  /** Deletes a message from a chat, best effort: false when the platform refuses (no right, too old, gone). */
  deleteMessage(options: { platform: PlatformName; chatId: string; messageId: string }): Promise<boolean>;
}

/** Whether a person administers a group, or "unknown" when the platform would not tell. */
export type GroupAdminAnswer = boolean | "unknown";

/** One platform's answers to ChatDirectory questions. */
export interface PlatformDirectory {
  isGroupAdmin(options: { chatId: string; userId: string }): Promise<GroupAdminAnswer>;
  botUsername(): string | undefined;
  /** False when the platform refuses the deletion. */
  deleteMessage(options: { chatId: string; messageId: string }): Promise<boolean>;
}

/** Counts attempts per key in a window (invite redemption, tips per hour, command flood). */
export interface AttemptLimiter {
  /** Counts one attempt; returns whether it is within `max` per `windowSeconds`. */
  hit(options: {
    key: string;
    max: number;
    windowSeconds: number;
  }): Promise<{ allowed: boolean; count: number; retryInSeconds: number }>;
}

/** Records who did what, for admins. */
export interface AuditLog {
  record(entry: {
    actorUserId?: number;
    action: string;
    areaId?: number;
    subject?: string;
    details?: Record<string, unknown>;
  }): Promise<void>;
}

/** Wall-clock time, injectable for tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Remembers handled updates so a redelivered one has a single effect. */
export interface UpdateLedger {
  /**
   * True if this process should handle the update (new, or an earlier attempt died unfinished).
   * `resume`: our own claim attempt failed in flight and may have been written — take the update
   * if it is not done, however recent its claim.
   */
  claim(platform: PlatformName, updateKey: string, options?: { resume?: boolean }): Promise<boolean>;
  /** Marks the update handled. */
  done(platform: PlatformName, updateKey: string): Promise<void>;
}

/** Numbered choices for platforms without buttons (Zalo): "reply 1 to …". */
export interface PromptStore {
  /** Gives each option a number not used by the chat's open prompts. */
  allocate(input: {
    chatKey: string;
    options: readonly { data: string; primary: boolean }[];
    expiresAt: Date;
  }): Promise<number[]>;
  /** The callback data behind a number the chat replied, if that prompt is still open. */
  resolveNumber(input: { chatKey: string; number: number; now: Date }): Promise<string | null>;
  /** A question that wants typed words (a number of people…) was sent: it becomes the chat's newest prompt. */
  expectText(input: { chatKey: string; expiresAt: Date }): Promise<void>;
  /** Whether the chat's newest open prompt is such a question: a bare number then is an answer, not a choice. */
  awaitsText(input: { chatKey: string; now: Date }): Promise<boolean>;
}

/** Bytes we serve at a public link (Zalo takes photos only by URL), with what describes them. */
export interface StoredMedia {
  readonly contentType: string;
  readonly bytes: Uint8Array;
  /** File name offered for download (documents); none for photos. */
  readonly filename?: string;
}

/**
 * Files behind `PUBLIC_BASE_URL/media/<id>`: a random id (the link is the only access right),
 * readable until `expiresAt`. Expired rows are swept; a destroyed tip takes its photos' rows along.
 */
export interface MediaStore {
  /** Stores bytes under a new random id. `source` (`telegram:<file id>`, `sha256:<hex>`) lets `findFresh` reuse the row. */
  put(
    input: StoredMedia & { readonly source?: string; readonly expiresAt: Date },
  ): Promise<{ id: string; expiresAt: Date }>;
  /** A row of this source still readable at `validAt`, so the same poster is stored and fetched once. */
  findFresh(source: string, validAt: Date): Promise<{ id: string; expiresAt: Date; filename?: string } | null>;
  /** The file, or null when the id is unknown or expired at `now`. */
  get(id: string, now: Date): Promise<(StoredMedia & { readonly expiresAt: Date }) | null>;
  /** Deletes the rows expired at `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

/** Where a command menu applies (Telegram's BotCommandScope; Zalo has no menus). */
export type MenuScope =
  | { readonly kind: "private_chats" }
  | { readonly kind: "group_chats" }
  | { readonly kind: "chat"; readonly chatId: string };

/** One line of a command menu: the name without `/`, and a one-line description. */
export interface MenuEntry {
  readonly command: string;
  readonly description: Text;
}

/** The command menu a platform shows beside the text box. */
export interface CommandMenus {
  /**
   * Sets the menu of a scope for clients in `language` (none: every other language), its descriptions
   * rendered in `renderIn`. False when the platform refused (logged by the adapter).
   */
  set(input: {
    scope: MenuScope;
    language?: "vi" | "en";
    renderIn: "vi" | "en";
    entries: readonly MenuEntry[];
  }): Promise<boolean>;
  /** Removes the menu of a scope (the broader one shows again). False when the platform refused. */
  remove(scope: MenuScope): Promise<boolean>;
}
