import type { IncomingMessage, ServerResponse } from "node:http";
// Zalo takes parameters the way Telegram does (query string, JSON, urlencoded, multipart).
import { parseParams, readBody } from "../fake-telegram/request-body.js";
import { ZaloApiError, errorReply, type ZaloReply } from "./api-error.js";
import type { ZaloDispatcher } from "./dispatcher.js";
import type { FakeZaloOutageMode, FakeZaloParams } from "./types.js";

/** Knobs the server changes at run time. */
export interface ZaloHttpState {
  latencyMs: number;
  down: FakeZaloOutageMode | undefined;
  /** Requests being handled; an outage aborts them (long polls end). */
  inFlight: Set<AbortController>;
}

/** What the request listener needs. */
export interface ZaloHttpDeps {
  token: string;
  dispatcher: ZaloDispatcher;
  state: ZaloHttpState;
  stopSignal: AbortSignal;
}

const METHOD_ROUTE = /^\/bot([^/]+)\/([^/]+)\/?$/;

/** The node:http request listener of the fake Zalo Bot API. */
export function createZaloRequestHandler(deps: ZaloHttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      const reply = errorReply(asApiError(error) ?? new ZaloApiError(500, `Internal Server Error: ${String(error)}`));
      if (!res.headersSent && !res.destroyed) sendReply(res, reply);
    });
  };
}

async function handle(deps: ZaloHttpDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const arrival = Date.now();
  const url = new URL(req.url ?? "/", "http://fake-zalo");
  const route = METHOD_ROUTE.exec(url.pathname);
  const method = route?.[2] ?? url.pathname;
  if (deps.state.down !== undefined) {
    failAsOutage(deps, { req, res, method, arrival, mode: deps.state.down });
    return;
  }
  const body = await readBody(req);
  if (deps.state.latencyMs > 0) await sleep(deps.state.latencyMs, deps.stopSignal);
  if (res.destroyed) return;
  if (deps.state.down !== undefined) {
    failAsOutage(deps, { req, res, method, arrival, mode: deps.state.down });
    return;
  }
  if (route === null) {
    sendReply(res, errorReply(new ZaloApiError(404, "Not Found")));
    return;
  }
  const params = tryParseParams(url, req, body);
  const tokenOk = safeDecode(route[1] ?? "") === deps.token;
  if (!tokenOk || params instanceof ZaloApiError) {
    const reply = errorReply(tokenOk && params instanceof ZaloApiError ? params : new ZaloApiError(401, "Unauthorized"));
    deps.dispatcher.record(method, params instanceof ZaloApiError ? {} : params, arrival, reply);
    sendReply(res, reply);
    return;
  }
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  res.on("close", () => {
    if (!res.writableFinished) abort();
  });
  deps.stopSignal.addEventListener("abort", abort, { once: true });
  deps.state.inFlight.add(controller);
  try {
    const reply = await deps.dispatcher.dispatch({ method, params, arrival, signal: controller.signal });
    if (res.destroyed) return;
    // An outage that began while the call was running (a long poll) fails it the outage's way.
    if (deps.state.down === "reset") req.socket.destroy();
    else if (deps.state.down === "502") sendOutage(res);
    else sendReply(res, reply);
  } finally {
    deps.state.inFlight.delete(controller);
    deps.stopSignal.removeEventListener("abort", abort);
  }
}

function tryParseParams(url: URL, req: IncomingMessage, body: Buffer): FakeZaloParams | ZaloApiError {
  try {
    return parseParams({ query: url.searchParams, headers: req.headers, body });
  } catch (error) {
    const apiError = asApiError(error);
    if (apiError !== undefined) return apiError;
    throw error;
  }
}

/** The shared body parser throws errors with a numeric `code` and a Bot API description. */
function asApiError(error: unknown): ZaloApiError | undefined {
  if (error instanceof ZaloApiError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === "number" ? new ZaloApiError(code, error.message) : undefined;
}

function failAsOutage(
  deps: ZaloHttpDeps,
  request: { req: IncomingMessage; res: ServerResponse; method: string; arrival: number; mode: FakeZaloOutageMode },
): void {
  const { req, res, method, arrival, mode } = request;
  if (mode === "reset") {
    deps.dispatcher.record(method, {}, arrival, { status: 0, body: { ok: false, description: "connection reset by the fake server" } });
    req.socket.destroy();
    return;
  }
  deps.dispatcher.record(method, {}, arrival, { status: 502, body: { ok: false, error_code: 502, description: "Bad Gateway" } });
  // Drain the body so the keep-alive connection stays usable after the outage.
  req.resume();
  sendOutage(res);
}

function sendOutage(res: ServerResponse): void {
  res.writeHead(502, { "content-type": "text/html" });
  res.end("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>\r\n");
}

function sendReply(res: ServerResponse, reply: ZaloReply): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
