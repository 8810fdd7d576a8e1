/** Shared helpers of the Zalo client and fake server tests: a fake per test and a webhook receiver. */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import { PlatformError } from "../../src/core/errors.js";
import { ZaloBotClient } from "../../src/platforms/zalo/client/index.js";
import { FakeZaloServer } from "../../src/sandbox/fake-zalo/index.js";

export const TOKEN = "1234567890:fake-zalo-secret";
export const ALICE = { id: "e4ea2cd5189df1c3a88c", displayName: "Nguyễn Thị Alice" };
export const BOB = { id: "b0b0b0b0b0b0b0b0b0b0", displayName: "Trần Văn Bob" };
export const GROUP = "g7f3a9c2e1d4b5a6c7d8";

/** A started fake with Alice (private chat) and one group, and a client pointed at it. */
export async function startFake(): Promise<{ server: FakeZaloServer; client: ZaloBotClient }> {
  const server = new FakeZaloServer({ token: TOKEN, allowPlainHttpWebhook: true });
  await server.start();
  server.addUser(ALICE);
  server.addGroup({ id: GROUP, title: "Tổ dân phố 5" });
  return { server, client: new ZaloBotClient({ token: TOKEN, apiRoot: server.apiRoot, timeoutMs: 5000 }) };
}

/** The PlatformError a promise rejects with (fails the test if it resolves or throws anything else). */
export async function platformErrorOf(promise: Promise<unknown>): Promise<PlatformError> {
  const error: unknown = await promise.then(
    () => new Error("expected a rejection"),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

/** One raw call over HTTP, as JSON: for what the client would never send. */
export async function rawCall(
  server: FakeZaloServer,
  method: string,
  params: Record<string, unknown> = {},
  token = TOKEN,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A tiny webhook receiver that records requests and answers with a scripted status. */
export async function startReceiver(
  respond: (count: number) => number,
): Promise<{ server: Server; url: string; received: { headers: IncomingHttpHeaders; body: unknown }[] }> {
  const received: { headers: IncomingHttpHeaders; body: unknown }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown });
      res.writeHead(respond(received.length), { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo/webhook`, received };
}

/** Closes a receiver and its keep-alive connections. */
export async function stopReceiver(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/** Polls `check` until it is true (for effects that happen in the background, e.g. webhook pushes). */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
