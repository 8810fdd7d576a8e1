import { FailureRules, callRecordOf, crashReply } from "../fake-shared/dispatch-helpers.js";
import { ZaloApiError, errorReply, quotaExceeded, type ZaloReply } from "./api-error.js";
import { ZALO_METHODS, stringParam } from "./methods.js";
import { ZaloPlanQuota } from "./plan-quota.js";
import { ZaloRateLimiter } from "./rate-limiter.js";
import type {
  FakeZaloFailureMatch,
  FakeZaloFailureResponse,
  FakeZaloParams,
  FakeZaloPlan,
  FakeZaloRateLimits,
} from "./types.js";
import type { ZaloUpdateQueue } from "./update-queue.js";
import type { ZaloWorld } from "./world.js";

/** Runs Zalo Bot API calls: injected failures, then rate limits, then the method; records each call. */
export class ZaloApiCallRunner {
  private readonly failures = new FailureRules<FakeZaloFailureMatch, FakeZaloFailureResponse>();
  private limiter: ZaloRateLimiter | undefined;
  private plan: ZaloPlanQuota | undefined;

  constructor(
    private readonly world: ZaloWorld,
    private readonly updates: ZaloUpdateQueue,
  ) {}

  setLimits(limits: FakeZaloRateLimits | false): void {
    this.limiter = limits === false ? undefined : new ZaloRateLimiter(limits);
  }

  setPlan(plan: FakeZaloPlan | false): void {
    this.plan = plan === false ? undefined : new ZaloPlanQuota(plan);
  }

  /** A new month of the plan; false without a plan. */
  newMonth(): boolean {
    this.plan?.newMonth();
    return this.plan !== undefined;
  }

  failNext(match: FakeZaloFailureMatch, response: FakeZaloFailureResponse, times: number): void {
    this.failures.add(match, response, times);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  /** Executes one call; method names are case-sensitive, as in Zalo. */
  async dispatch(call: {
    method: string;
    params: FakeZaloParams;
    arrival: number;
    signal: AbortSignal;
  }): Promise<ZaloReply> {
    const effects: (() => void)[] = [];
    const reply = await this.run(call, effects);
    this.record(call.method, call.params, call.arrival, reply);
    for (const effect of effects) effect();
    return reply;
  }

  private async run(
    call: { method: string; params: FakeZaloParams; arrival: number; signal: AbortSignal },
    effects: (() => void)[],
  ): Promise<ZaloReply> {
    const spec = Object.hasOwn(ZALO_METHODS, call.method) ? ZALO_METHODS[call.method] : undefined;
    if (spec === undefined) return errorReply(new ZaloApiError(404, "Not Found"));
    const injected = this.takeFailure(call.method, call.params);
    if (injected !== undefined) return injected;
    const chat = spec.kind === "send" ? this.planChat(call.params) : undefined;
    if (chat !== undefined && this.plan?.refuses(chat)) return errorReply(quotaExceeded());
    if (
      spec.kind === "send" &&
      this.limiter !== undefined &&
      !this.limiter.admit(stringParam(call.params, "chat_id"), call.arrival)
    ) {
      return errorReply(quotaExceeded());
    }
    try {
      const later = (effect: () => void): void => {
        effects.push(effect);
      };
      const result: unknown = await spec.handler({
        world: this.world,
        updates: this.updates,
        params: call.params,
        signal: call.signal,
        later,
      });
      if (spec.kind === "send") this.world.stats.sends++;
      if (chat !== undefined) this.plan?.count(chat);
      return { status: 200, body: result === undefined ? { ok: true } : { ok: true, result } };
    } catch (error) {
      if (error instanceof ZaloApiError) return errorReply(error);
      return crashReply("fake Zalo", error);
    }
  }

  /** The chat a send goes to, as the plan counts it. */
  private planChat(params: FakeZaloParams): { id: string; private: boolean } {
    const id = stringParam(params, "chat_id") ?? "";
    return { id, private: this.world.chats.get(id)?.type === "PRIVATE" };
  }

  private takeFailure(method: string, params: FakeZaloParams): ZaloReply | undefined {
    const response = this.failures.take((match) => {
      if (match.method !== undefined && match.method !== method) return false;
      return match.chatId === undefined || match.chatId === stringParam(params, "chat_id");
    });
    if (response === undefined) return undefined;
    const { errorCode, description, httpStatus, parameters } = response;
    return errorReply(new ZaloApiError(errorCode, description, httpStatus ?? errorCode, parameters));
  }

  /** Adds a call to `calls` and `stats` and emits "call". */
  record(method: string, params: FakeZaloParams, arrival: number, reply: ZaloReply): void {
    const { body } = reply;
    if (body.error_code === 429) this.world.stats.rateLimited429++;
    this.world.recordCall(callRecordOf({ method, params, arrival }, reply, body.ok && body.result !== undefined));
  }
}
