import type { IncomingMessage, ServerResponse } from "node:http";
import { admitRequest, runAbortable, type FakeHttpState } from "../fake-shared/http-gate.js";
import { safeDecode, sendJson } from "../fake-shared/http-helpers.js";
// Zalo takes parameters the way Telegram does (query string, JSON, urlencoded, multipart).
import { parseParams, readBody } from "../fake-telegram/request-body.js";
import { ZaloApiError, errorReply, type ZaloReply } from "./api-error.js";
import type { ZaloApiCallRunner } from "./api-call-runner.js";
import type { PhotoHost } from "./photo-host.js";
import type { FakeZaloParams } from "./types.js";

/** Knobs the server changes at run time. */
export type ZaloHttpState = FakeHttpState;

/** What the request listener needs. */
export interface ZaloHttpDeps {
  token: string;
  runner: ZaloApiCallRunner;
  state: ZaloHttpState;
  stopSignal: AbortSignal;
  /** People's photos, served at `/photos/<id>.jpg` while their links last. */
  photos: PhotoHost;
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
  if (req.method === "GET" && servePhoto(deps.photos, url.pathname, res)) return;
  const route = METHOD_ROUTE.exec(url.pathname);
  const method = route?.[2] ?? url.pathname;
  const gate = {
    ...deps,
    readBody,
    recordOutage: (name: string, time: number, reply: ZaloReply) => deps.runner.record(name, {}, time, reply),
  };
  const body = await admitRequest(gate, { req, res, method, arrival });
  if (body === undefined) return;
  if (route === null) {
    sendReply(res, errorReply(new ZaloApiError(404, "Not Found")));
    return;
  }
  const params = tryParseParams(url, req, body);
  const tokenOk = safeDecode(route[1] ?? "") === deps.token;
  if (!tokenOk || params instanceof ZaloApiError) {
    const reply = errorReply(
      tokenOk && params instanceof ZaloApiError ? params : new ZaloApiError(401, "Unauthorized"),
    );
    deps.runner.record(method, params instanceof ZaloApiError ? {} : params, arrival, reply);
    sendReply(res, reply);
    return;
  }
  await runAbortable(
    deps,
    { req, res },
    (signal) => deps.runner.dispatch({ method, params, arrival, signal }),
    (reply) => sendReply(res, reply),
  );
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

/** A photo link (Zalo's CDN, not the API): the bytes, or 404 once the link has expired. */
function servePhoto(photos: PhotoHost, pathname: string, res: ServerResponse): boolean {
  const bytes = photos.serve(pathname);
  if (bytes === undefined) return false;
  if (bytes === null) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("Not Found");
    return true;
  }
  res.writeHead(200, { "content-type": "image/jpeg", "content-length": bytes.byteLength });
  res.end(bytes);
  return true;
}

function sendReply(res: ServerResponse, reply: ZaloReply): void {
  sendJson(res, reply.status, reply.body, "application/json; charset=utf-8");
}
