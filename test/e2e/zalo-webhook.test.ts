/**
 * Zalo in webhook mode: the secret header, malformed bodies, both update shapes, repeated message
 * ids, and unsupported events, which may carry no message at all (ZALO.md).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../support/harness.js";
import { freePort } from "../support/net.js";

const SECRET = "zalo-secret-1234";
let h: Harness;
let port: number;

const post = (body: string, secret?: string) =>
  fetch(`http://127.0.0.1:${port}/zalo/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret ? { "x-bot-api-secret-token": secret } : {}) },
    body,
  });

const textUpdate = (id: string, text: string) => ({
  event_name: "message.text.received",
  message: {
    message_id: id,
    date: Date.now(),
    from: { id: "7001", display_name: "Bà Tư" },
    chat: { id: "7001", chat_type: "PRIVATE" },
    text,
  },
});

beforeAll(async () => {
  port = await freePort();
  h = await startHarness({
    zalo: true,
    env: {
      ZALO_MODE: "webhook",
      ZALO_WEBHOOK_URL: `http://127.0.0.1:${port}/zalo/webhook`,
      ZALO_WEBHOOK_SECRET: SECRET,
      PORT: String(port),
    },
  });
  h.zalo?.addUser({ id: "7001", displayName: "Bà Tư" });
});

afterAll(async () => {
  await h?.stop();
});

describe("Zalo webhook", () => {
  it("sets the webhook with the secret and answers what Zalo pushes", async () => {
    const zalo = h.zalo;
    if (!zalo) throw new Error("no zalo");
    expect(zalo.calls.find((c) => c.method === "setWebhook")?.params.secret_token).toBe(SECRET);
    zalo.sendText({ chatId: "7001", chatType: "PRIVATE", from: { id: "7001", displayName: "Bà Tư" }, text: "/start" });
    expect((await zalo.waitForMessage("7001", undefined, 15_000)).plainText).toContain("Xin chào");
  });

  it("refuses a wrong or missing secret with 403 and a malformed body with 400", async () => {
    const body = JSON.stringify(textUpdate("m-1", "/start"));
    expect((await post(body, "not-the-secret")).status).toBe(403);
    expect((await post(body)).status).toBe(403);
    expect((await post("{oops", SECRET)).status).toBe(400);
    expect(
      (await post(JSON.stringify({ event_name: "message.text.received", message: { message_id: 5 } }), SECRET)).status,
    ).toBe(400);
    expect(await h.app.db.inboundUpdate.count({ where: { platform: "zalo", updateKey: "m-1" } })).toBe(0);
  });

  it("takes an unsupported event without a message with 200 and answers one with a message in words", async () => {
    const zalo = h.zalo;
    if (!zalo) throw new Error("no zalo");
    const before = zalo.messagesIn("7001").length;
    expect((await post(JSON.stringify({ event_name: "message.unsupported.received" }), SECRET)).status).toBe(200);
    expect(
      (await post(JSON.stringify({ ok: true, result: { event_name: "message.unsupported.received" } }), SECRET)).status,
    ).toBe(200);
    zalo.sendUnsupported({ chatId: "7001", from: { id: "7001", displayName: "Bà Tư" } });
    const answer = await zalo.waitForMessage(
      "7001",
      (m) => m.plainText.includes("Kẻng chưa đọc được loại tin nhắn này"),
      10_000,
    );
    // The empty events were answered by nothing: the one reply is to the event with a message.
    expect(zalo.messagesIn("7001").slice(before)).toEqual([answer]);
  });

  it("accepts the wrapped shape and drops a repeated message_id", async () => {
    const zalo = h.zalo;
    if (!zalo) throw new Error("no zalo");
    const before = zalo.messagesIn("7001").length;
    const wrapped = JSON.stringify({ ok: true, result: textUpdate("m-2", "/trogiup") });
    expect((await post(wrapped, SECRET)).status).toBe(200);
    expect((await post(wrapped, SECRET)).status).toBe(200);
    await zalo.waitForMessage("7001", (m) => m.plainText.includes("Kẻng giúp bạn"), 10_000);
    await new Promise((r) => setTimeout(r, 2000));
    expect(
      zalo
        .messagesIn("7001")
        .slice(before)
        .filter((m) => m.plainText.includes("Kẻng giúp bạn")),
    ).toHaveLength(1);
  });
});
