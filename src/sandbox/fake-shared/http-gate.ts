import type { IncomingMessage, ServerResponse } from "node:http";
import { abortableSleep, sendBadGateway } from "./http-helpers.js";
import type { JsonReply, OutageMode } from "./types.js";

/** Knobs a fake server changes at run time. */
export interface FakeHttpState {
  latencyMs: number;
  down: OutageMode | undefined;
  /** Requests being handled; an outage aborts them (long polls end). */
  inFlight: Set<AbortController>;
}

/** What the request steps below need from their server. */
export interface HttpGateDeps {
  state: FakeHttpState;
  /** Aborts when the server stops. */
  stopSignal: AbortSignal;
  readBody: (req: IncomingMessage) => Promise<Buffer>;
  /** Records a request the outage answered (status 0 for a reset connection). */
  recordOutage: (method: string, arrival: number, reply: JsonReply) => void;
}

/** One request being handled. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** The API method, as the fake records it. */
  method: string;
  /** Epoch milliseconds. */
  arrival: number;
}

/** No latency, no outage, nothing in flight. */
export function createHttpState(): FakeHttpState {
  return { latencyMs: 0, down: undefined, inFlight: new Set() };
}

/** Starts an outage (`mode`) or ends it (undefined); starting one aborts the requests in flight. */
export function setOutage(state: FakeHttpState, mode: OutageMode | undefined): void {
  state.down = mode;
  if (mode !== undefined) for (const request of state.inFlight) request.abort();
}

/** Back to no latency and no outage. */
export function resetHttpState(state: FakeHttpState): void {
  state.latencyMs = 0;
  state.down = undefined;
}

/**
 * The first steps of every request: fail it the outage's way, read its body, wait the configured
 * latency, then check for an outage again. Resolves with the body, or undefined when the request
 * has been answered (or its client went away).
 */
export async function admitRequest(deps: HttpGateDeps, exchange: Exchange): Promise<Buffer | undefined> {
  if (failIfDown(deps, exchange)) return undefined;
  const body = await deps.readBody(exchange.req);
  if (deps.state.latencyMs > 0) await abortableSleep(deps.state.latencyMs, deps.stopSignal);
  if (exchange.res.destroyed) return undefined;
  if (failIfDown(deps, exchange)) return undefined;
  return body;
}

/**
 * Runs a call with a signal that aborts when the client goes away, the server stops or an outage
 * begins, then answers: the outage's way if one began meanwhile (a long poll), else with `send`.
 */
export async function runAbortable<R>(
  deps: Pick<HttpGateDeps, "state" | "stopSignal">,
  exchange: Pick<Exchange, "req" | "res">,
  run: (signal: AbortSignal) => Promise<R>,
  send: (reply: R) => void,
): Promise<void> {
  const { req, res } = exchange;
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  res.on("close", () => {
    if (!res.writableFinished) abort();
  });
  deps.stopSignal.addEventListener("abort", abort, { once: true });
  deps.state.inFlight.add(controller);
  try {
    const reply = await run(controller.signal);
    if (res.destroyed) return;
    if (deps.state.down === "reset") req.socket.destroy();
    else if (deps.state.down === "502") sendBadGateway(res);
    else send(reply);
  } finally {
    deps.state.inFlight.delete(controller);
    deps.stopSignal.removeEventListener("abort", abort);
  }
}

/** During an outage: records the request, then resets the connection or answers 502. */
function failIfDown(deps: HttpGateDeps, exchange: Exchange): boolean {
  const { req, res, method, arrival } = exchange;
  const mode = deps.state.down;
  if (mode === undefined) return false;
  if (mode === "reset") {
    deps.recordOutage(method, arrival, {
      status: 0,
      body: { ok: false, description: "connection reset by the fake server" },
    });
    req.socket.destroy();
    return true;
  }
  deps.recordOutage(method, arrival, { status: 502, body: { ok: false, error_code: 502, description: "Bad Gateway" } });
  // Drain the body so the keep-alive connection stays usable after the outage.
  req.resume();
  sendBadGateway(res);
  return true;
}
