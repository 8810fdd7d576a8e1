/**
 * Issue 14 §4.5: a webhook request without the right secret is refused on its headers, before its
 * body is read. The client here sends the headers and the first 64 KB of a much larger body, then
 * stops and waits: the refusal arrives although the body never finished (so the server cannot have
 * read it), and the server closes the connection instead of waiting for the rest.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../support/harness.js";
import { freePort } from "../support/net.js";

const TELEGRAM_SECRET = "early-refusal_telegram-secret";
const ZALO_SECRET = "early-refusal-zalo-secret";
const FIRST_CHUNK = 64 * 1024;

let h: Harness;
let port: number;

beforeAll(async () => {
  port = await freePort();
  const hook = (path: string) => `http://127.0.0.1:${port}${path}`;
  h = await startHarness({
    // Not how Telegram behaves: it pushes only to https on ports 443, 80, 88 or 8443.
    fake: { allowInsecureWebhooks: true },
    zalo: true,
    env: {
      PORT: String(port),
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_URL: hook("/telegram/webhook"),
      TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
      ZALO_MODE: "webhook",
      ZALO_WEBHOOK_URL: hook("/zalo/webhook"),
      ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    },
  });
});

afterAll(async () => {
  await h?.stop();
});

interface PartialPost {
  /** The status line's code, or "no answer" when none came within the wait. */
  readonly status: number | "no answer";
  /** Bytes of the body the client wrote (all it ever writes). */
  readonly sent: number;
  /** The server closed the connection after answering. */
  readonly closed: boolean;
}

/** Sends the headers and the first FIRST_CHUNK bytes of a `declared`-byte body, then only waits. */
function partialPost(
  path: string,
  headers: Record<string, string>,
  declared: number,
  waitMs = 3000,
): Promise<PartialPost> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    let sent = 0;
    let status: number | "no answer" = "no answer";
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status, sent, closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on("connect", () => {
      const head = [
        `POST ${path} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        "Content-Type: application/json",
        `Content-Length: ${declared}`,
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      ];
      socket.write(`${head.join("\r\n")}\r\n\r\n`);
      socket.write(Buffer.alloc(FIRST_CHUNK, 0x20));
      sent = FIRST_CHUNK; // and never more
    });
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString("latin1");
      const code = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      if (code && status === "no answer") status = Number(code);
    });
    socket.on("end", () => finish(true));
    socket.on("close", () => finish(true));
    socket.on("error", () => finish(true));
  });
}

describe.each([
  {
    platform: "Telegram",
    path: "/telegram/webhook",
    header: "X-Telegram-Bot-Api-Secret-Token",
    secret: TELEGRAM_SECRET,
  },
  { platform: "Zalo", path: "/zalo/webhook", header: "X-Bot-Api-Secret-Token", secret: ZALO_SECRET },
])("$platform webhook", ({ path, header, secret }) => {
  it("refuses a wrong secret with 403 before the body has arrived, under the size limit and over it", async () => {
    for (const declared of [900 * 1024, 50 * 1024 * 1024]) {
      for (const headers of [{ [header]: "wrong-secret-0123456789" }, {}]) {
        const result = await partialPost(path, headers, declared);
        expect(result, `${declared} bytes declared, headers ${JSON.stringify(headers)}`).toEqual({
          status: 403,
          sent: FIRST_CHUNK,
          closed: true,
        });
      }
    }
  });

  it("with the right secret, waits for the body as before", async () => {
    const result = await partialPost(path, { [header]: secret }, 900 * 1024, 1500);
    expect(result.status).toBe("no answer");
  });

  it("keeps serving afterwards", async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });
});
