/** The fake Telegram's parts, its HTTP lifecycle, fault controls and reset; FakeTelegramServer adds the rest. */
import { EventEmitter } from "node:events";
import { createHttpState, resetHttpState, setOutage } from "../fake-shared/http-gate.js";
import { LoopbackServer } from "../fake-shared/loopback-server.js";
import type { WebhookAnswer } from "../fake-shared/webhook-poster.js";
import { ApiCallRunner } from "./api-call-runner.js";
import { createRequestHandler, type HttpState } from "./http-handler.js";
import { parseParams } from "./request-body.js";
import type {
  FailureMatch,
  FailureResponse,
  FakeTelegramEventMap,
  FakeTelegramOptions,
  OutageMode,
  RateLimits,
  User,
} from "./types.js";
import { UpdateQueue } from "./update-queue.js";
import { Waiters } from "./waiters.js";
import { World } from "./world.js";

/** Builds the world, the update queue and the API runner from the options; see FakeTelegramServer. */
export class FakeTelegramServerBase extends EventEmitter<FakeTelegramEventMap> {
  /** The bot token the fake accepts. */
  readonly token: string;
  /** The bot itself, as `getMe` describes it. */
  readonly bot: User;
  protected readonly world: World;
  protected readonly updates: UpdateQueue;
  protected readonly waiters: Waiters;
  private readonly runner: ApiCallRunner;
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

  /**
   * The bot's Stars balance, which pays 0.1 Star for each `allow_paid_broadcast` send beyond the
   * regular limit; a flagged send it cannot pay (or that would leave less than `minimum`) gets a 400.
   */
  setStarsBalance(balance: number, minimum = 0): void {
    this.runner.setStars(balance, minimum);
  }

  get starsBalance(): number {
    return this.runner.starsBalance;
  }

  /** Turns rate-limit enforcement on (missing fields take Telegram's values) or off. */
  setLimits(limits: RateLimits | false): void {
    this.runner.setLimits(limits);
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
