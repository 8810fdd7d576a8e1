/**
 * Inbound hardening end to end: webhook mode with its secret header, malformed and oversized
 * bodies, and the per-user flood limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../support/harness.js";
import { freePort } from "../support/net.js";

const SECRET = "s3cret-webhook_token";
let h: Harness;
let port: number;

const post = (body: string | Uint8Array, secret?: string) =>
  fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
    body: typeof body === "string" ? body : new Blob([new Uint8Array(body)]),
  });

beforeAll(async () => {
  port = await freePort();
  h = await startHarness({
    // Not how Telegram behaves: it pushes only to https on ports 443, 80, 88 or 8443.
    fake: { allowInsecureWebhooks: true },
    env: {
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PORT: String(port),
    },
  });
});

afterAll(async () => {
  await h?.stop();
});

describe("webhook mode", () => {
  it("registers the webhook with its secret and answers updates pushed to it", async () => {
    const setWebhook = h.fake.calls.find((c) => c.method === "setWebhook");
    expect(setWebhook?.params.secret_token).toBe(SECRET);
    const user = { id: 31337, first_name: "Hoa", language_code: "vi" };
    h.fake.addPrivateChatUser(user);
    expect((await h.dm(user, "/start")).plainText).toContain("Xin chào");
  });

  it("refuses a wrong or missing secret with 403", async () => {
    const update = JSON.stringify({
      update_id: 999_001,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 5, type: "private" },
        from: { id: 5, is_bot: false, first_name: "X" },
        text: "/start",
      },
    });
    expect((await post(update, "wrong")).status).toBe(403);
    expect((await post(update)).status).toBe(403);
    expect(await h.app.db.inboundUpdate.count({ where: { updateKey: "999001" } })).toBe(0);
  });

  it("answers malformed bodies with 400 and a 1 MB body with 413, and keeps serving", async () => {
    expect((await post("{not json", SECRET)).status).toBe(400);
    expect((await post(JSON.stringify({ hello: "world" }), SECRET)).status).toBe(400);
    expect((await post(JSON.stringify({ update_id: -1 }), SECRET)).status).toBe(400);
    expect((await post(Buffer.alloc(1024 * 1024 + 10, 0x20), SECRET)).status).toBe(413);
    // A well-formed update of a kind Kẻng ignores is accepted.
    expect((await post(JSON.stringify({ update_id: 999_002, edited_message: {} }), SECRET)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });
});

describe("flood limit", () => {
  it("slows down one user who presses buttons faster than 40 a minute", async () => {
    const user = { id: 31338, first_name: "Nhanh", language_code: "vi" };
    h.fake.addPrivateChatUser(user);
    const ids = Array.from(
      { length: 45 },
      () => h.fake.pressButton({ chatId: user.id, from: user, messageId: 1, data: "zz:1" }).callback_query?.id ?? "",
    );
    await expect
      .poll(() => h.fake.callbackAnswers.filter((a) => ids.includes(a.callbackQueryId)).length, { timeout: 20_000 })
      .toBe(41);
    await new Promise((r) => setTimeout(r, 1000));
    const answers = h.fake.callbackAnswers.filter((a) => ids.includes(a.callbackQueryId));
    expect(answers).toHaveLength(41);
    expect(answers.filter((a) => a.text?.includes("gửi quá nhanh"))).toHaveLength(1);
    expect(answers.filter((a) => a.text?.includes("không còn dùng được"))).toHaveLength(40);
  });
});
