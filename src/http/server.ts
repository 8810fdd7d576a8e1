/**
 * The HTTP role: a small node:http server with a route table (webhooks, health, metrics, CAP feed,
 * sandbox UI). A route's guard sees the headers before the body is read; bodies are size-limited
 * and read before the handler sees them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { DependencyUnavailableError } from "../core/errors.js";

export const MAX_BODY_BYTES = 1024 * 1024;

/** A request before its body is read. */
export interface HttpRequestHead {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage["headers"];
  readonly params: Readonly<Record<string, string>>;
  /** The socket's peer (never a header): `127.0.0.1`, `::1`, `::ffff:10.0.0.7`… */
  readonly remoteAddress: string | undefined;
}

export interface HttpRequest extends HttpRequestHead {
  readonly body: Buffer;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

export type RouteHandler = (request: HttpRequest) => Promise<HttpResponse> | HttpResponse;

export interface Route {
  readonly method: "GET" | "POST";
  /** A path with `:name` segments, e.g. `/cap/alerts/:id.xml`. */
  readonly path: string;
  readonly handler: RouteHandler;
  /**
   * Checked on the headers alone, before the body is read (webhook secrets, tokens): a response
   * refuses the request without reading what the caller is still sending.
   */
  readonly guard?: (request: HttpRequestHead) => HttpResponse | undefined;
  /** Streams (server-sent events) take the raw response instead. */
  readonly raw?: (request: IncomingMessage, response: ServerResponse) => void;
}

function compile(path: string): RegExp {
  const pattern = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:([a-zA-Z]+)/g, "(?<$1>[^/]+?)");
  return new RegExp(`^${pattern}$`);
}

export const json = (status: number, value: unknown): HttpResponse => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8" },
  body: JSON.stringify(value),
});

/** A request's path for a log line: no query, and no secret that a path carries (a console sign-in link). */
export function loggablePath(url: string | undefined): string {
  return (url ?? "").replace(/\?.*$/s, "").replace(/^\/console\/open\/[^/]+/, "/console/open/…");
}

export class HttpServer {
  private readonly server: Server;
  private readonly routes: { route: Route; pattern: RegExp }[] = [];

  constructor(private readonly logger: Logger) {
    this.server = createServer((req, res) => {
      this.dispatch(req, res).catch((error: unknown) => {
        logger.error({ err: error, event: "http_failed", path: loggablePath(req.url) }, "HTTP handler failed");
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end("internal error");
      });
    });
    this.server.keepAliveTimeout = 5000;
  }

  add(route: Route): this {
    this.routes.push({ route, pattern: compile(route.path) });
    return this;
  }

  async listen(port: number, host = "0.0.0.0"): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", (error: NodeJS.ErrnoException) =>
        reject(
          error.code === "EADDRINUSE"
            ? new DependencyUnavailableError(
                `Port ${port} is already in use. Stop what uses it or set PORT to another port.`,
              )
            : error,
        ),
      );
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address();
    return typeof address === "object" && address ? address.port : port;
  }

  /** Stops listening and ends every connection, streams (server-sent events) included. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = req.method ?? "GET";
    for (const { route, pattern } of this.routes) {
      if (route.method !== method && !(route.method === "GET" && method === "HEAD")) continue;
      const match = pattern.exec(url.pathname);
      if (!match) continue;
      const head: HttpRequestHead = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        params: { ...match.groups },
        remoteAddress: req.socket.remoteAddress,
      };
      const refusal = route.guard?.(head);
      if (refusal) return refuseUnread(req, res, refusal);
      if (route.raw) return route.raw(req, res);
      const body = method === "POST" ? await readBody(req) : Buffer.alloc(0);
      if (body === "too_large") {
        this.logger.warn(
          { event: "http_body_too_large", path: url.pathname, limit: MAX_BODY_BYTES },
          "request body over the limit refused",
        );
        res.writeHead(413, { "content-type": "text/plain", connection: "close" }).end("body too large");
        req.destroy();
        return;
      }
      const response = await route.handler({ ...head, body });
      res.writeHead(response.status, response.headers ?? {});
      res.end(method === "HEAD" ? undefined : response.body);
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}

/**
 * Answers without reading the body: a body still on its way is not read, and the connection is
 * closed once the answer is out (the caller learns at once; we do not take its upload).
 */
function refuseUnread(req: IncomingMessage, res: ServerResponse, response: HttpResponse): void {
  const unread = !req.complete;
  res.writeHead(response.status, { ...response.headers, ...(unread ? { connection: "close" } : {}) });
  res.end(req.method === "HEAD" ? undefined : response.body, () => {
    if (unread) req.destroy();
  });
}

/** Reads a body up to MAX_BODY_BYTES; refuses early on Content-Length. */
function readBody(req: IncomingMessage): Promise<Buffer | "too_large"> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.resolve("too_large");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve("too_large");
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
