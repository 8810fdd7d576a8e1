/** Shared helpers of the fake Telegram server tests: raw Bot API calls and a webhook receiver. */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import type { FakeTelegramServer, FakeUserInput } from "../../src/sandbox/fake-telegram/index.js";

export const TOKEN = "123456:TEST";
export const GROUP = -1001;
export const ALICE: FakeUserInput = { id: 501, first_name: "Alice", username: "alice" };
export const BOB: FakeUserInput = { id: 502, first_name: "Bob" };

export interface Answer {
  status: number;
  body: {
    ok: boolean;
    result?: unknown;
    error_code?: number;
    description?: string;
    parameters?: { retry_after?: number; migrate_to_chat_id?: number };
  };
}

/** One raw Bot API call over HTTP, as JSON (or urlencoded with `form`). */
export async function call(
  server: FakeTelegramServer,
  method: string,
  params: Record<string, unknown> = {},
  options: { form?: boolean; token?: string } = {},
): Promise<Answer> {
  const url = `${server.apiRoot}/bot${options.token ?? TOKEN}/${method}`;
  const init: RequestInit = options.form
    ? {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(
          Object.entries(params).map(([key, value]) => [
            key,
            typeof value === "string" ? value : JSON.stringify(value),
          ]),
        ).toString(),
      }
    : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params) };
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

export function resultOf<T>(answer: Answer): T {
  expect(answer.body.ok, JSON.stringify(answer.body)).toBe(true);
  return answer.body.result as T;
}

/** A tiny webhook receiver that records requests and answers with a scripted status. */
export async function startReceiver(
  respond: (count: number) => { status: number; body?: string },
): Promise<{ server: Server; url: string; received: { headers: IncomingHttpHeaders; body: unknown }[] }> {
  const received: { headers: IncomingHttpHeaders; body: unknown }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown });
      const answer = respond(received.length);
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}
