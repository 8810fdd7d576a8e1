import type { FakeCallRecord, JsonReply } from "./types.js";

/** Failures injected with `failNext`: each rule answers its next `times` matching calls. */
export class FailureRules<Match, Response> {
  private rules: { match: Match; response: Response; remaining: number }[] = [];

  add(match: Match, response: Response, times: number): void {
    this.rules.push({ match, response, remaining: times });
  }

  clear(): void {
    this.rules = [];
  }

  /** The response of the first rule whose match `fits` the call, counting the rule down; else undefined. */
  take(fits: (match: Match) => boolean): Response | undefined {
    const rule = this.rules.find(({ match }) => fits(match));
    if (rule === undefined) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    return rule.response;
  }
}

/** A call record from a call and its answer; `withResult` says whether it keeps `result`. */
export function callRecordOf(
  call: { method: string; params: Record<string, unknown>; arrival: number },
  reply: JsonReply,
  withResult: boolean,
): FakeCallRecord {
  const { body } = reply;
  return {
    method: call.method,
    params: call.params,
    time: call.arrival,
    status: reply.status,
    ok: body.ok,
    ...(withResult ? { result: body.result } : {}),
    ...(body.error_code === undefined ? {} : { errorCode: body.error_code }),
    ...(body.description === undefined ? {} : { description: body.description }),
  };
}

/** The 500 answer of a method handler that threw something other than an API error. */
export function crashReply(
  fakeName: string,
  error: unknown,
): JsonReply & { body: { ok: false; error_code: number; description: string } } {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    status: 500,
    body: { ok: false, error_code: 500, description: `Internal Server Error: ${fakeName} crashed: ${message}` },
  };
}
