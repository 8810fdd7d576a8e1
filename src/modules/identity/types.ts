/** The identity store port. */
import type { ChatRef, PlatformName, UserRef } from "../../core/messages.js";
import type { ChatRecord, UserRecord } from "../../core/actors.js";
import type { Locale } from "../../core/text.js";

export type { ChatRecord, UserRecord };

/** Users, chats and who was seen where. */
export interface IdentityStore {
  /** Creates or refreshes the user behind an update. */
  upsertUser(ref: UserRef): Promise<UserRecord>;
  /** Creates or refreshes a chat (reactivating a group the bot was re-added to is explicit, not here). */
  upsertChat(ref: ChatRef): Promise<ChatRecord>;
  /** A chat we already know, by platform id. */
  findChat(ref: { platform: PlatformName; chatId: string }): Promise<ChatRecord | null>;
  /** The private chat with a user (Telegram and Zalo: chat id = user id). */
  privateChatOf(user: UserRecord): Promise<ChatRecord>;
  /**
   * The user and chat behind an update, created or refreshed, with the user recorded as seen in the
   * chat when it is a registered group: what upsertUser, upsertChat and recordSeen do, at once. A
   * chat marked inactive is made active again (it wrote, so it can be written to) unless
   * `reactivate` is false (the update says the bot was removed).
   */
  resolveActors(
    user: UserRef,
    chat: ChatRef,
    options?: { reactivate?: boolean },
  ): Promise<{ user: UserRecord; chat: ChatRecord }>;
  /** Remembers that the user was seen in a registered group. */
  recordSeen(userId: number, chatId: number): Promise<void>;
  setUserLocale(userId: number, locale: Locale): Promise<void>;
  /** True once per person who has not chosen a language: the "English" button is offered then only. */
  claimLanguageOffer(userId: number): Promise<boolean>;
  setChatActive(chatId: number, active: boolean, reason?: string): Promise<void>;
  /** Follows a group to its new platform id, keeping area and history. */
  migrateChat(options: { platform: PlatformName; fromChatId: string; toChatId: string }): Promise<void>;
  /** Area ids of the registered groups a user was seen in. */
  areasSeenIn(userId: number): Promise<number[]>;
}
