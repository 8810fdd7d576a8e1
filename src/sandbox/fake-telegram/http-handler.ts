import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "./api-error.js";
import { errorReply, type ApiReply, type Dispatcher } from "./dispatcher.js";
import { parseParams, readBody } from "./request-body.js";
import type { ApiParams, OutageMode } from "./types.js";
import type { World } from "./world.js";

/** Knobs the server changes at run time. */
export interface HttpState {
  latencyMs: number;
  down: OutageMode | undefined;
  /** Requests being handled; an outage aborts them (long polls end). */
  inFlight: Set<AbortController>;
}

const METHOD_ROUTE = /^\/bot([^/]+)\/([^/]+)\/?$/;
const FILE_ROUTE = /^\/file\/bot([^/]+)\/(.+)$/;

/** The node:http request listener of the fake Bot API. */
export function createRequestHandler(deps: {
  token: string;
  world: World;
  dispatcher: Dispatcher;
  state: HttpState;
  stopSignal: AbortSignal;
}): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      const description = error instanceof ApiError ? error.description : `Internal Server Error: ${String(error)}`;
      const status = error instanceof ApiError ? error.code : 500;
      if (!res.headersSent && !res.destroyed) sendReply(res, { status, body: { ok: false, error_code: status, description } });
    });
  };
}

async function handle(
  deps: { token: string; world: World; dispatcher: Dispatcher; state: HttpState; stopSignal: AbortSignal },
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const arrival = Date.now();
  const url = new URL(req.url ?? "/", "http://fake-telegram");
  const methodRoute = METHOD_ROUTE.exec(url.pathname);
  const fileRoute = FILE_ROUTE.exec(url.pathname);
  const method = methodRoute?.[2] ?? (fileRoute === null ? url.pathname : "downloadFile");
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
  if (fileRoute !== null) {
    serveFile(deps, res, { token: safeDecode(fileRoute[1] ?? ""), path: safeDecode(fileRoute[2] ?? "") });
    return;
  }
  if (methodRoute === null) {
    sendReply(res, errorReply(new ApiError(404, "Not Found")));
    return;
  }
  const params = tryParseParams(url, req, body);
  const tokenOk = safeDecode(methodRoute[1] ?? "") === deps.token;
  if (!tokenOk || params instanceof ApiError) {
    const reply = errorReply(tokenOk && params instanceof ApiError ? params : new ApiError(401, "Unauthorized"));
    deps.dispatcher.record(method, params instanceof ApiError ? {} : params, arrival, reply);
    sendReply(res, reply);
    return;
  }
  // telegraf repeats the method name as a multipart field; it is no parameter of any method.
  delete params["method"];
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

function tryParseParams(url: URL, req: IncomingMessage, body: Buffer): ApiParams | ApiError {
  try {
    return parseParams({ query: url.searchParams, headers: req.headers, body });
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
}

function failAsOutage(
  deps: { dispatcher: Dispatcher },
  request: { req: IncomingMessage; res: ServerResponse; method: string; arrival: number; mode: OutageMode },
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

function serveFile(deps: { token: string; world: World }, res: ServerResponse, request: { token: string; path: string }): void {
  const file = request.token === deps.token ? deps.world.filesByPath.get(request.path) : undefined;
  if (file === undefined) {
    sendReply(res, errorReply(new ApiError(request.token === deps.token ? 404 : 401, request.token === deps.token ? "Not Found" : "Unauthorized")));
    return;
  }
  res.writeHead(200, { "content-type": file.mimeType, "content-length": file.bytes.length });
  res.end(file.bytes);
}

function sendReply(res: ServerResponse, reply: ApiReply): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
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
