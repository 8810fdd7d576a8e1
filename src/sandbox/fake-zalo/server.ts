import { EventEmitter } from "node:events";
import { createHttpState, resetHttpState, setOutage } from "../fake-shared/http-gate.js";
import { LoopbackServer } from "../fake-shared/loopback-server.js";
import { ZaloApiCallRunner } from "./api-call-runner.js";
import { DEFAULT_PHOTO, PhotoHost } from "./photo-host.js";
import { createZaloRequestHandler, type ZaloHttpState } from "./http-handler.js";
import { ZaloUserSimulator, type ZaloChatAction } from "./simulate-users.js";
import type {
  FakeZaloBotInfo,
  FakeZaloCallRecord,
  FakeZaloEventMap,
  FakeZaloFailureMatch,
  FakeZaloFailureResponse,
  FakeZaloOptions,
  FakeZaloOutageMode,
  FakeZaloPlan,
  FakeZaloRateLimits,
  FakeZaloStats,
  FakeZaloStoredMessage,
  FakeZaloUpdate,
} from "./types.js";
import { ZaloUpdateQueue } from "./update-queue.js";
import { ZaloWaiters } from "./waiters.js";
import { ZaloWorld, type ZaloUserRecord } from "./world.js";

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A fake Zalo Bot API on node:http for tests, benchmarks and the local sandbox. Point the client at
 * it with `new ZaloBotClient({ token: server.token, apiRoot: server.apiRoot })`, simulate people
 * with `sendText`, `sendImage`…, and observe what the bot did with `messagesIn`, `calls`,
 * `waitForMessage`… Events: "botMessage", "call", "update".
 *
 * Like Zalo: one update per getUpdates call (408 "Request timeout" when none comes), no offset,
 * ids are strings, dates Unix milliseconds, and in groups only @mentions of the bot and replies
 * to its messages reach it.
 */
export class FakeZaloServer extends EventEmitter<FakeZaloEventMap> {
  /** The bot token the fake accepts. */
  readonly token: string;
  /** The bot itself, as `getMe` describes it. */
  readonly bot: FakeZaloBotInfo;
  private readonly world: ZaloWorld;
  private readonly updates: ZaloUpdateQueue;
  private readonly runner: ZaloApiCallRunner;
  private readonly users: ZaloUserSimulator;
  private readonly waiters: ZaloWaiters;
  private readonly state: ZaloHttpState = createHttpState();
  private readonly stopController = new AbortController();
  private readonly http = new LoopbackServer("FakeZaloServer");
  private readonly photos: PhotoHost;

  constructor(options: FakeZaloOptions = {}) {
    super();
    this.token = options.token ?? "1234567890:fake-zalo-secret";
    const botId = /^\d+/.exec(this.token)?.[0] ?? "1234567890";
    this.bot = {
      id: botId,
      account_name: options.accountName ?? "Bot Kẻng Test",
      account_type: "BASIC",
      can_join_groups: options.canJoinGroups ?? true,
    };
    this.world = new ZaloWorld(this.bot, this);
    this.updates = new ZaloUpdateQueue(this.world, { allowPlainHttp: options.allowPlainHttpWebhook ?? false });
    this.runner = new ZaloApiCallRunner(this.world, this.updates);
    this.runner.setLimits(options.limits ?? false);
    this.runner.setPlan(options.plan ?? false);
    this.users = new ZaloUserSimulator(this.world, this.updates);
    this.photos = new PhotoHost(options.photoLinkTtlMs ?? 60_000);
    this.waiters = new ZaloWaiters(this.world);
  }

  /** Listens on 127.0.0.1; port 0 picks a free one. */
  async start(port = 0): Promise<void> {
    const handler = createZaloRequestHandler({
      token: this.token,
      runner: this.runner,
      state: this.state,
      stopSignal: this.stopController.signal,
      photos: this.photos,
    });
    await this.http.start(handler, port);
  }

  /** What the client's `apiRoot` should be, e.g. `http://127.0.0.1:41234`. */
  get apiRoot(): string {
    return this.http.apiRoot;
  }

  /** Ends long polls, webhook pushes, waiters and every connection (keep-alive included). */
  async stop(): Promise<void> {
    this.stopController.abort();
    this.updates.stop();
    this.waiters.cancelAll("FakeZaloServer stopped");
    await this.http.stop();
  }

  // ── simulated world ────────────────────────────────────────────────────────────────────────

  /** A person who has a private chat with the bot (its chat id is the user id). */
  addUser(options: { id: string; displayName: string; isBot?: boolean }): ZaloUserRecord {
    return this.users.addUser(options);
  }

  /** A group the bot has been added to (Zalo group ids are opaque strings). */
  addGroup(options: { id: string; title: string }): void {
    this.users.addGroup(options);
  }

  /**
   * A person writes. Returns the update, or null when the platform would not deliver it (a group
   * message that neither @mentions the bot nor replies to one of its messages).
   */
  sendText(options: ZaloChatAction & { text: string }): FakeZaloUpdate | null {
    return this.users.sendText(options);
  }

  /**
   * A person sends a photo, with an optional caption. The update carries a temporary link on this
   * server (see `photoLinkTtlMs`, `expirePhotoLinks`) to `photo` (default a tiny JPEG), or
   * `photoUrl` as given.
   */
  sendImage(
    options: ZaloChatAction & { photo?: Uint8Array; photoUrl?: string; caption?: string },
  ): FakeZaloUpdate | null {
    const { photo, photoUrl, ...action } = options;
    const url = photoUrl ?? `${this.apiRoot}${this.photos.host(photo ?? DEFAULT_PHOTO)}`;
    return this.users.sendImage({ ...action, photoUrl: url });
  }

  /** Every photo link handed out so far expires now, as Zalo's do after a while. */
  expirePhotoLinks(): void {
    this.photos.expireAll();
  }

  /** A person sends a voice message (by its URL on Zalo's CDN). */
  sendVoice(options: ZaloChatAction & { voiceUrl: string }): FakeZaloUpdate | null {
    return this.users.sendVoice(options);
  }

  sendSticker(options: ZaloChatAction & { sticker?: string }): FakeZaloUpdate | null {
    return this.users.sendSticker(options);
  }

  /** A protected sender (e.g. a child account) writes: the bot gets the event, not the content. */
  sendUnsupported(options: ZaloChatAction): FakeZaloUpdate | null {
    return this.users.sendUnsupported(options);
  }

  /** Queues any object as an update, as is (wrapped, flat, malformed…); twice to simulate a redelivery. */
  enqueueRawUpdate(update: unknown): void {
    this.users.enqueueRawUpdate(update);
  }

  // ── faults ─────────────────────────────────────────────────────────────────────────────────

  /** The next `times` matching calls fail with this answer instead of running. */
  failNext(match: FakeZaloFailureMatch, response: FakeZaloFailureResponse, times = 1): void {
    this.runner.failNext(match, response, times);
  }

  /** The user blocks the bot (or the bot leaves the group): sends answer 403 "Internal server error" (ZALO.md); `false` undoes it. */
  blockBotFor(chatId: string, blocked = true): void {
    this.world.requireChat(chatId).blocked = blocked;
  }

  /** Delay before every API request is handled. */
  setLatency(ms: number): void {
    this.state.latencyMs = Math.max(0, ms);
  }

  /** An outage: requests get 502 (or a reset connection); webhook pushes pause. */
  setDown(down: boolean, mode: FakeZaloOutageMode = "502"): void {
    setOutage(this.state, down ? mode : undefined);
    this.updates.setPaused(down);
  }

  /** Turns rate limiting (429 "Quota exceeded" on sends) on, or off with `false`. */
  setLimits(limits: FakeZaloRateLimits | false): void {
    this.runner.setLimits(limits);
  }

  /** Sets the bot's plan (monthly messages, user cap: beyond them sends answer 429 "Quota exceeded"), or none with `false`. */
  setPlan(plan: FakeZaloPlan | false): void {
    this.runner.setPlan(plan);
  }

  /** A new month: the plan's messages start again. */
  newMonth(): void {
    if (!this.runner.newMonth()) throw new Error("FakeZaloServer: no plan set (setPlan)");
  }

  // ── observation ────────────────────────────────────────────────────────────────────────────

  /** Every API request so far, in arrival order. */
  get calls(): readonly FakeZaloCallRecord[] {
    return this.world.calls;
  }

  get stats(): FakeZaloStats {
    return this.world.stats;
  }

  /** Updates waiting for getUpdates or the webhook. */
  get pendingUpdateCount(): number {
    return this.updates.pendingCount;
  }

  /** The bot's messages in a chat (texts, photos with captions, stickers), in order. */
  messagesIn(chatId: string): FakeZaloStoredMessage[] {
    return this.waiters.messagesIn(chatId);
  }

  lastMessage(chatId: string): FakeZaloStoredMessage | undefined {
    return this.messagesIn(chatId).at(-1);
  }

  /** Resolves with the first bot message of the chat (already there or to come) that matches. */
  waitForMessage(
    chatId: string,
    predicate?: (message: FakeZaloStoredMessage) => boolean,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<FakeZaloStoredMessage> {
    return this.waiters.waitForMessage(chatId, predicate, timeoutMs);
  }

  /** Resolves with all calls of `method` once there are at least `count`. */
  waitForCalls(method: string, count = 1, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<FakeZaloCallRecord[]> {
    return this.waiters.waitForCalls(method, count, timeoutMs);
  }

  /** Forgets chats, people, messages, updates, webhook, faults and observations. */
  reset(): void {
    this.world.reset();
    this.updates.clear();
    this.runner.clearFailures();
    this.photos.expireAll();
    resetHttpState(this.state);
    this.updates.setPaused(false);
  }
}
