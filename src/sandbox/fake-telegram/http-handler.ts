import type { IncomingMessage, ServerResponse } from "node:http";
import { admitRequest, runAbortable, type FakeHttpState } from "../fake-shared/http-gate.js";
import { safeDecode, sendJson } from "../fake-shared/http-helpers.js";
import { ApiError } from "./api-error.js";
import { errorReply, type ApiReply, type ApiCallRunner } from "./api-call-runner.js";
import { parseParams, readBody } from "./request-body.js";
import type { ApiParams } from "./types.js";
import type { World } from "./world.js";

/** Knobs the server changes at run time. */
export type HttpState = FakeHttpState;

interface HandlerDeps {
  token: string;
  world: World;
  runner: ApiCallRunner;
  state: HttpState;
  stopSignal: AbortSignal;
}

const METHOD_ROUTE = /^\/bot([^/]+)\/([^/]+)\/?$/;
const FILE_ROUTE = /^\/file\/bot([^/]+)\/(.+)$/;

/** The node:http request listener of the fake Bot API. */
export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      const description = error instanceof ApiError ? error.description : `Internal Server Error: ${String(error)}`;
      const status = error instanceof ApiError ? error.code : 500;
      if (!res.headersSent && !res.destroyed)
        sendReply(res, { status, body: { ok: false, error_code: status, description } });
    });
  };
}

async function handle(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const arrival = Date.now();
  const url = new URL(req.url ?? "/", "http://fake-telegram");
  const methodRoute = METHOD_ROUTE.exec(url.pathname);
  const fileRoute = FILE_ROUTE.exec(url.pathname);
  const method = methodRoute?.[2] ?? (fileRoute === null ? url.pathname : "downloadFile");
  const gate = {
    ...deps,
    readBody,
    recordOutage: (name: string, time: number, reply: ApiReply) => deps.runner.record(name, {}, time, reply),
  };
  const body = await admitRequest(gate, { req, res, method, arrival });
  if (body === undefined) return;
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
    deps.runner.record(method, params instanceof ApiError ? {} : params, arrival, reply);
    sendReply(res, reply);
    return;
  }
  // telegraf repeats the method name as a multipart field; it is no parameter of any method.
  delete params["method"];
  await runAbortable(
    deps,
    { req, res },
    (signal) => deps.runner.dispatch({ method, params, arrival, signal }),
    (reply) => sendReply(res, reply),
  );
}

function tryParseParams(url: URL, req: IncomingMessage, body: Buffer): ApiParams | ApiError {
  try {
    return parseParams({ query: url.searchParams, headers: req.headers, body });
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
}

function serveFile(
  deps: { token: string; world: World },
  res: ServerResponse,
  request: { token: string; path: string },
): void {
  const file = request.token === deps.token ? deps.world.filesByPath.get(request.path) : undefined;
  if (file === undefined) {
    sendReply(
      res,
      errorReply(
        new ApiError(
          request.token === deps.token ? 404 : 401,
          request.token === deps.token ? "Not Found" : "Unauthorized",
        ),
      ),
    );
    return;
  }
  res.writeHead(200, { "content-type": file.mimeType, "content-length": file.bytes.length });
  res.end(file.bytes);
}

function sendReply(res: ServerResponse, reply: ApiReply): void {
  sendJson(res, reply.status, reply.body);
}
