import { EventEmitter } from "node:events";
import { createHttpState, resetHttpState, setOutage } from "../fake-shared/http-gate.js";
import { LoopbackServer } from "../fake-shared/loopback-server.js";
import type { WebhookAnswer } from "../fake-shared/webhook-poster.js";
import { ApiCallRunner } from "./api-call-runner.js";
import { addForumTopic, requireTopic } from "./forum-topics.js";
import { createRequestHandler, type HttpState } from "./http-handler.js";
import { parseParams } from "./request-body.js";
import { UserSimulator, type ChatAction, type ClipKind } from "./simulate-users.js";
import type {
  CallRecord,
  CallbackAnswer,
  Chat,
  ChatMemberStatus,
  FailureMatch,
  FailureResponse,
  FakeStats,
  FakeTelegramEventMap,
  FakeTelegramOptions,
  FakeUserInput,
  Message,
  OutageMode,
  RateLimits,
  StoredMessage,
  Update,
  User,
} from "./types.js";
import { UpdateQueue } from "./update-queue.js";
import { Waiters } from "./waiters.js";
import { World } from "./world.js";

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A fake Telegram Bot API on node:http for tests, benchmarks and the local sandbox. Point telegraf
 * at it with `new Telegraf(token, { telegram: { apiRoot: server.apiRoot } })`, simulate people
 * with `sendText`, `pressButton`…, and observe what the bot did with `messagesIn`, `calls`,
 * `waitForMessage`… Events: "botMessage", "botEdit", "botDelete", "call", "update", "callbackAnswer".
 */
export class FakeTelegramServer extends EventEmitter<FakeTelegramEventMap> {
  /** The bot token the fake accepts. */
  readonly token: string;
  /** The bot itself, as `getMe` describes it. */
  readonly bot: User;
  private readonly world: World;
  private readonly updates: UpdateQueue;
  private readonly runner: ApiCallRunner;
  private readonly users: UserSimulator;
  private readonly waiters: Waiters;
  private readonly state: HttpState = createHttpState();
  private readonly stopController = new AbortController();
  private readonly http = new LoopbackServer("FakeTelegramServer");

  constructor(options: FakeTelegramOptions = {}) {
    super();
    this.token = options.token ?? "123456:TEST";
    const tokenId = Number(this.token.split(":")[0]);
    const botId = options.botId ?? (Number.isSafeInteger(tokenId) && tokenId > 0 ? tokenId : 123456);
    this.bot = { id: botId, is_bot: true, first_name: "Kẻng", username: options.botUsername ?? "KengTestBot" };
    this.world = new World(this.bot, this);
    if (options.firstMessageId !== undefined) this.world.firstMessageId = options.firstMessageId;
    this.world.allowInsecureWebhooks = options.allowInsecureWebhooks ?? false;
    this.updates = new UpdateQueue(this.world, {
      attempts: options.webhookRetry?.attempts ?? 5,
      baseDelayMs: options.webhookRetry?.baseDelayMs ?? 100,
      onWebhookReply: (answer) => this.runWebhookReply(answer),
      ...(options.firstUpdateId !== undefined ? { firstUpdateId: options.firstUpdateId } : {}),
    });
    this.runner = new ApiCallRunner(this.world, this.updates);
    this.runner.setLimits(options.limits ?? false);
    this.users = new UserSimulator(this.world, this.updates);
    this.waiters = new Waiters(this.world);
  }

  /** Listens on 127.0.0.1; port 0 picks a free one. */
  async start(port = 0): Promise<void> {
    const deps = {
      token: this.token,
      world: this.world,
      runner: this.runner,
      state: this.state,
      stopSignal: this.stopController.signal,
    };
    await this.http.start(createRequestHandler(deps), port);
  }

  /** What telegraf's `telegram.apiRoot` should be, e.g. `http://127.0.0.1:41234`. */
  get apiRoot(): string {
    return this.http.apiRoot;
  }

  /** Ends long polls, webhook pushes, waiters and every connection (keep-alive included). */
  async stop(): Promise<void> {
    this.stopController.abort();
    this.updates.stop();
    this.waiters.cancelAll("FakeTelegramServer stopped");
    await this.http.stop();
  }

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
    return this.users.addBotToGroup(options);
  }

  /** A `?startgroup=<payload>` link: the bot joins the chosen group, then `/start@bot <payload>` arrives there. */
  startGroupLink(options: {
    chatId: number;
    by: FakeUserInput;
    payload: string;
    title?: string;
    status?: "member" | "administrator";
  }): Update {
    return this.users.startGroupLink(options);
  }

  /** `my_chat_member`: the bot is kicked; later sends answer 403. */
  removeBotFromGroup(options: { chatId: number; by: FakeUserInput }): Update {
    return this.users.removeBotFromGroup(options);
  }

  /** The group becomes a supergroup; later sends to the old id answer 400 with `migrate_to_chat_id`. */
  migrateGroup(oldId: number, newSupergroupId: number, by?: FakeUserInput): Update {
    return this.users.migrateGroup(oldId, newSupergroupId, by);
  }

  /** Queues any object as an update, as is; enqueue the same object twice to simulate a redelivery. */
  enqueueRawUpdate(update: unknown): void {
    this.users.enqueueRawUpdate(update);
  }

  // ── faults ─────────────────────────────────────────────────────────────────────────────────

  /** The next `times` matching calls fail with this answer instead of running. */
  failNext(match: FailureMatch, response: FailureResponse, times = 1): void {
    this.runner.failNext(match, response, times);
  }

  /** Silently removes the bot: sends answer 403 (kicked from a group, blocked by a user). */
  kickBotFrom(chatId: number): void {
    this.world.requireChat(chatId).botStatus = "kicked";
  }

  /** Delay before every API request is handled. */
  setLatency(ms: number): void {
    this.state.latencyMs = Math.max(0, ms);
  }

  /** An outage: requests get 502 (or a reset connection); webhook pushes pause. */
  setDown(down: boolean, mode: OutageMode = "502"): void {
    setOutage(this.state, down ? mode : undefined);
    this.updates.setPaused(down);
  }

  /** Turns rate-limit enforcement on (missing fields take Telegram's values) or off. */
  setLimits(limits: RateLimits | false): void {
    this.runner.setLimits(limits);
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

  /** Forgets chats, people, messages, files, updates, webhook, faults and observations (update ids keep growing). */
  reset(): void {
    this.world.reset();
    this.updates.clear();
    this.runner.clearFailures();
    resetHttpState(this.state);
    this.updates.setPaused(false);
  }

  /** Telegram runs a method the bot put in its answer to a webhook request. */
  private async runWebhookReply(answer: WebhookAnswer): Promise<void> {
    const params = parseParams({
      query: new URLSearchParams(),
      headers: new Headers({ "content-type": answer.contentType }),
      body: answer.body,
    });
    const method = params["method"];
    if (typeof method !== "string") return;
    delete params["method"];
    await this.runner.dispatch({
      method,
      params,
      arrival: Date.now(),
      signal: this.stopController.signal,
      viaWebhookReply: true,
    });
  }
}
