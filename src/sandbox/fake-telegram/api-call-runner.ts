import { FailureRules, callRecordOf, crashReply } from "../fake-shared/dispatch-helpers.js";
import { ApiError, badRequest, tooManyRequests } from "./api-error.js";
import { CHAT_METHODS } from "./chat-methods.js";
import { EDIT_METHODS } from "./edit-methods.js";
import type { MethodSpec } from "./method-context.js";
import { Params } from "./params.js";
import { RateLimiter } from "./rate-limiter.js";
import { SEND_METHODS } from "./send-methods.js";
import type { ApiParams, FailureMatch, FailureResponse, RateLimits } from "./types.js";
import type { UpdateQueue } from "./update-queue.js";
import { parseChatId, type World } from "./world.js";

/** An HTTP answer in Bot API shape. */
export interface ApiReply {
  status: number;
  body: {
    ok: boolean;
    result?: unknown;
    error_code?: number;
    description?: string;
    parameters?: Record<string, unknown>;
  };
}

/** Turns an ApiError into Telegram's error answer. */
export function errorReply(error: ApiError): ApiReply {
  const body: ApiReply["body"] = { ok: false, error_code: error.code, description: error.description };
  if (error.parameters !== undefined) body.parameters = { ...error.parameters };
  return { status: error.code, body };
}

/** Runs Bot API calls: injected failures, then rate limits, then the method; records each call. */
export class ApiCallRunner {
  private readonly methods = new Map<string, { name: string; spec: MethodSpec }>();
  private readonly failures = new FailureRules<FailureMatch, FailureResponse>();
  private limiter: RateLimiter | undefined;
  /** The bot's Stars balance and the least it must keep for paid broadcasts; kept when the limits change. */
  private stars = { balance: 0, minimum: 0 };

  constructor(
    private readonly world: World,
    private readonly updates: UpdateQueue,
  ) {
    for (const [name, spec] of Object.entries({ ...SEND_METHODS, ...EDIT_METHODS, ...CHAT_METHODS })) {
      this.methods.set(name.toLowerCase(), { name, spec });
    }
  }

  setLimits(limits: RateLimits | false): void {
    this.limiter = limits === false ? undefined : new RateLimiter(limits);
    this.limiter?.setStars(this.stars.balance, this.stars.minimum);
  }

  /** Sets the bot's Stars balance (and the minimum a paid broadcast needs, if the test models one). */
  setStars(balance: number, minimum = 0): void {
    this.stars = { balance, minimum };
    this.limiter?.setStars(balance, minimum);
  }

  /** What is left of the Stars balance, as paid sends spent it. */
  get starsBalance(): number {
    return this.limiter?.stars ?? this.stars.balance;
  }

  failNext(match: FailureMatch, response: FailureResponse, times: number): void {
    this.failures.add(match, response, times);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  /** Executes one call; method names are case-insensitive, as in Telegram. */
  async dispatch(call: {
    method: string;
    params: ApiParams;
    arrival: number;
    signal: AbortSignal;
    viaWebhookReply?: boolean;
  }): Promise<ApiReply> {
    const entry = this.methods.get(call.method.toLowerCase());
    const effects: (() => void)[] = [];
    const reply =
      entry === undefined
        ? errorReply(new ApiError(404, "Not Found: method not found"))
        : await this.run({
            name: entry.name,
            spec: entry.spec,
            params: call.params,
            arrival: call.arrival,
            signal: call.signal,
            effects,
          });
    this.record(entry?.name ?? call.method, call.params, call.arrival, reply, call.viaWebhookReply === true);
    for (const effect of effects) effect();
    return reply;
  }

  private async run(call: {
    name: string;
    spec: MethodSpec;
    params: ApiParams;
    arrival: number;
    signal: AbortSignal;
    effects: (() => void)[];
  }): Promise<ApiReply> {
    const { name, spec, params, arrival, signal, effects } = call;
    const injected = this.takeFailure(name, params);
    if (injected !== undefined) return injected;
    if (spec.kind !== "other" && this.limiter !== undefined) {
      const paid = new Params(params).bool("allow_paid_broadcast") === true;
      const admission = this.limiter.admit(parseChatId(params["chat_id"]), arrival, paid);
      if (!admission.ok && "starsShort" in admission) {
        this.world.stats.paidRefused++;
        // Telegram's docs name no error for this; a 400 is what a refused parameter gets.
        return errorReply(badRequest("not enough Stars on the bot's balance for a paid broadcast"));
      }
      if (!admission.ok) return errorReply(tooManyRequests(admission.retryAfter));
      if (admission.billed) this.world.stats.paidBilled++;
    }
    try {
      const later = (effect: () => void): void => {
        effects.push(effect);
      };
      const result: unknown = await spec.handler({
        world: this.world,
        updates: this.updates,
        params: new Params(params),
        method: name,
        signal,
        later,
      });
      if (spec.kind === "send") this.world.stats.sends++;
      if (spec.kind === "edit") this.world.stats.edits++;
      return { status: 200, body: { ok: true, result } };
    } catch (error) {
      if (error instanceof ApiError) return errorReply(error);
      return crashReply("fake Telegram", error);
    }
  }

  private takeFailure(method: string, params: ApiParams): ApiReply | undefined {
    const response = this.failures.take((match) => {
      if (match.method !== undefined && match.method.toLowerCase() !== method.toLowerCase()) return false;
      if (
        match.textIncludes !== undefined &&
        !String(params["text"] ?? params["caption"] ?? "").includes(match.textIncludes)
      )
        return false;
      return match.chatId === undefined || String(match.chatId) === String(params["chat_id"]);
    });
    if (response === undefined) return undefined;
    const { errorCode, description, parameters } = response;
    return errorReply(new ApiError(errorCode, description, parameters));
  }

  /** Adds a call to `calls` and `stats` and emits "call". */
  record(method: string, params: ApiParams, arrival: number, reply: ApiReply, viaWebhookReply = false): void {
    const { body } = reply;
    if (body.error_code === 429) this.world.stats.rateLimited429++;
    this.world.recordCall({
      ...callRecordOf({ method, params, arrival }, reply, body.ok),
      ...(viaWebhookReply ? { viaWebhookReply } : {}),
    });
  }
}
