import { addForumTopic, requireTopic } from "./forum-topics.js";
import { UpdatePoster, type ChatAction } from "./post-update.js";
import { FakeTelegramServerBase } from "./server-base.js";
import { MembershipSimulator } from "./simulate-membership.js";
import { UserSimulator, type ClipKind } from "./simulate-users.js";
import type {
  CallRecord,
  CallbackAnswer,
  Chat,
  ChatMemberStatus,
  FakeStats,
  FakeUserInput,
  Message,
  StoredMessage,
  Update,
  User,
} from "./types.js";

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A fake Telegram Bot API on node:http for tests, benchmarks and the local sandbox. Point telegraf
 * at it with `new Telegraf(token, { telegram: { apiRoot: server.apiRoot } })`, simulate people
 * with `sendText`, `pressButton`…, and observe what the bot did with `messagesIn`, `calls`,
 * `waitForMessage`… Events: "botMessage", "botEdit", "botDelete", "call", "update", "callbackAnswer".
 */
export class FakeTelegramServer extends FakeTelegramServerBase {
  private readonly poster = new UpdatePoster(this.world, this.updates);
  private readonly users = new UserSimulator(this.world, this.updates, this.poster);
  private readonly membership = new MembershipSimulator(this.world, this.poster);

  // ── simulated world ────────────────────────────────────────────────────────────────────────

  /** A group the bot is already in (as administrator unless `botStatus` says otherwise); `isForum`: a supergroup with topics. */
  addGroup(options: {
    id: number;
    title: string;
    type?: "group" | "supergroup";
    username?: string;
    botStatus?: ChatMemberStatus;
    isForum?: boolean;
  }): Chat {
    return this.users.addGroup(options);
  }

  /** A topic of a forum supergroup; returns its `message_thread_id` (write in it with `threadId`). */
  addForumTopic(chatId: number, name: string): number {
    return addForumTopic(this.world, chatId, name);
  }

  /** Closes (or reopens) a topic: the bot's sends there get 400 TOPIC_CLOSED. */
  setForumTopicClosed(chatId: number, threadId: number, closed = true): void {
    requireTopic(this.world.requireChat(chatId), threadId).closed = closed;
  }

  /** A person who has started a private chat with the bot (chat id = user id). */
  addPrivateChatUser(user: FakeUserInput): User {
    return this.users.addPrivateChatUser(user);
  }

  /** Makes a user an administrator of a group for `getChatMember` / `getChatAdministrators`, or not. */
  setChatAdmin(chatId: number, userId: number, isAdmin: boolean): void {
    this.users.setChatMemberStatus(chatId, userId, isAdmin ? "administrator" : "member");
  }

  /** Any membership status of a user in a chat (creator, left, kicked…). */
  setChatMemberStatus(chatId: number, userId: number, status: ChatMemberStatus): void {
    this.users.setChatMemberStatus(chatId, userId, status);
  }

  /** A user writes; a leading "/command" gets its `bot_command` entity. */
  sendText(options: ChatAction & { text: string; replyTo?: number }): Update {
    return this.users.sendText(options);
  }

  /** A user sends a photo (or, with `asDocument`, an uncompressed image/jpeg document). */
  sendPhoto(
    options: ChatAction & {
      caption?: string;
      bytes?: Buffer | Uint8Array;
      asDocument?: boolean;
      replyTo?: number;
      mediaGroupId?: string;
    },
  ): Update {
    return this.users.sendPhoto(options);
  }

  /** A user sends a voice note, a video or a round video note (shaped as Telegram shapes them). */
  sendClip(options: ChatAction & { kind: ClipKind; caption?: string; mediaGroupId?: string }): Update {
    return this.users.sendClip(options);
  }

  /** A user sends a sticker: something the bot cannot take. */
  sendSticker(options: ChatAction & { emoji?: string }): Update {
    return this.users.sendSticker(options);
  }

  sendLocation(options: ChatAction & { latitude: number; longitude: number }): Update {
    return this.users.sendLocation(options);
  }

  /** A user presses an inline button of a bot message; the answer lands in `callbackAnswers`. */
  pressButton(options: ChatAction & { messageId: number; data: string }): Update {
    return this.users.pressButton(options);
  }

  /** `my_chat_member`: the bot joins (the group is created if unknown), as a plain member unless `status` says "administrator". */
  addBotToGroup(options: {
    chatId: number;
    by: FakeUserInput;
    title?: string;
    status?: "member" | "administrator";
  }): Update {
    return this.membership.addBotToGroup(options);
  }

  /** A `?startgroup=<payload>` link: the bot joins the chosen group, then `/start@bot <payload>` arrives there. */
  startGroupLink(options: {
    chatId: number;
    by: FakeUserInput;
    payload: string;
    title?: string;
    status?: "member" | "administrator";
  }): Update {
    return this.membership.startGroupLink(options);
  }

  /** `my_chat_member`: the bot is kicked; later sends answer 403. */
  removeBotFromGroup(options: { chatId: number; by: FakeUserInput }): Update {
    return this.membership.removeBotFromGroup(options);
  }

  /** The group becomes a supergroup; later sends to the old id answer 400 with `migrate_to_chat_id`. */
  migrateGroup(oldId: number, newSupergroupId: number, by?: FakeUserInput): Update {
    return this.membership.migrateGroup(oldId, newSupergroupId, by);
  }

  /** Queues any object as an update, as is; enqueue the same object twice to simulate a redelivery. */
  enqueueRawUpdate(update: unknown): void {
    this.users.enqueueRawUpdate(update);
  }

  // ── observation ────────────────────────────────────────────────────────────────────────────

  /** Every API request so far, in arrival order. */
  get calls(): readonly CallRecord[] {
    return this.world.calls;
  }

  get callbackAnswers(): readonly CallbackAnswer[] {
    return this.world.callbackAnswers;
  }

  get stats(): FakeStats {
    return this.world.stats;
  }

  /** Updates waiting for getUpdates or the webhook. */
  get pendingUpdateCount(): number {
    return this.updates.pendingCount;
  }

  /** The bot's messages in a chat, in order, as they are now (edits applied, deleted ones left out). */
  messagesIn(chatId: number | string): StoredMessage[] {
    return this.waiters.messagesIn(chatId);
  }

  /** What people (simulated users) sent in a chat, in order, as the bot received it. */
  userMessagesIn(chatId: number | string): Message[] {
    const record = this.world.chats.get(Number(chatId));
    return record === undefined ? [] : [...record.userMessages.values()].sort((a, b) => a.message_id - b.message_id);
  }

  /**
   * The command menu set for a scope (`all_private_chats`, `all_group_chats`, `chat:<id>` …) and a
   * client language ("" = none), as getMyCommands answers it; undefined when none is set.
   */
  menu(scope: string, language = ""): { command: string; description: string }[] | undefined {
    const [type, chatId = ""] = scope.split(":");
    return this.world.commands.get(`${type ?? ""}|${chatId}|${language}`) as
      { command: string; description: string }[] | undefined;
  }

  lastMessage(chatId: number | string): StoredMessage | undefined {
    return this.messagesIn(chatId).at(-1);
  }

  /** Bytes of a file by file_id (a photo the bot sent or a user sent). */
  fileBytes(fileId: string): Buffer | undefined {
    return this.world.files.get(fileId)?.bytes;
  }

  /** Resolves with the first bot message of the chat (already there or to come) that matches. */
  waitForMessage(
    chatId: number | string,
    predicate?: (message: StoredMessage) => boolean,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<StoredMessage> {
    return this.waiters.waitForMessage(chatId, predicate, timeoutMs);
  }

  /** Resolves with all calls of `method` once there are at least `count`. */
  waitForCalls(method: string, count = 1, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<CallRecord[]> {
    return this.waiters.waitForCalls(method, count, timeoutMs);
  }

  waitForCallbackAnswer(
    query: string | ((answer: CallbackAnswer) => boolean),
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<CallbackAnswer> {
    return this.waiters.waitForCallbackAnswer(query, timeoutMs);
  }
}
