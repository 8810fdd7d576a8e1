import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseZaloUpdate, type ZaloBotClient } from "../../src/platforms/zalo/client/index.js";
import type { FakeZaloServer, FakeZaloStoredMessage } from "../../src/sandbox/fake-zalo/index.js";
import { ALICE, BOB, GROUP, eventually, rawCall, startFake, startReceiver, stopReceiver } from "./helpers.js";

describe("FakeZaloServer", () => {
  let server: FakeZaloServer;
  let client: ZaloBotClient;

  beforeEach(async () => {
    ({ server, client } = await startFake());
  });

  afterEach(async () => {
    await server.stop();
  });

  it("answers Zalo's envelopes for a wrong token and unknown methods (names are case-sensitive)", async () => {
    expect(await rawCall(server, "getMe", {}, "1234567890:nope")).toEqual({ status: 401, body: { ok: false, error_code: 401, description: "Unauthorized" } });
    expect(await rawCall(server, "getme")).toEqual({ status: 404, body: { ok: false, error_code: 404, description: "Not Found" } });
    expect(await rawCall(server, "sendChatAction", { chat_id: ALICE.id, action: "typing" })).toEqual({ status: 200, body: { ok: true } });
  });

  it("delivers group messages only when they @mention the bot or reply to a bot message", async () => {
    server.addUser(BOB);
    expect(server.sendText({ chatId: GROUP, from: BOB, text: "chuyện phiếm" })).toBeNull();
    const mention = server.sendText({ chatId: GROUP, from: BOB, text: "/keng cao Cháy nhà số 5", mentionBot: true });
    expect(mention?.message).toMatchObject({ text: "@bot.KengTest /keng cao Cháy nhà số 5", chat: { id: GROUP, chat_type: "GROUP" }, from: { id: BOB.id, display_name: BOB.displayName, is_bot: false } });
    const alert = await client.sendMessage({ chatId: GROUP, text: "🔔 Kẻng K12: cháy nhà số 5. Trả lời tin này để xác nhận." });
    const reply = server.sendText({ chatId: GROUP, from: BOB, text: "đã nhận", replyTo: alert.message_id });
    expect(reply?.message.quote_message_id).toBe(alert.message_id);
    const chatter = server.sendText({ chatId: GROUP, from: ALICE, text: "ai đó?", replyTo: mention?.message.message_id });
    expect(chatter).toBeNull();
    expect(server.sendImage({ chatId: GROUP, from: BOB, photoUrl: "https://cdn.zalo/p.jpg" })).toBeNull();
    expect(server.stats.notDelivered).toBe(3);
    expect(server.pendingUpdateCount).toBe(2);
    const first = await client.getUpdates({ timeoutSeconds: 1 });
    const second = await client.getUpdates({ timeoutSeconds: 1 });
    expect([first?.event_name, second?.event_name]).toEqual(["message.text.received", "message.text.received"]);
    expect(second?.event_name === "message.text.received" && second.message.quote_message_id).toBe(alert.message_id);
  });

  it("delivers private messages, images, stickers and protected senders' events with string ids and ms dates", async () => {
    server.sendText({ chatId: ALICE.id, from: ALICE, text: "1" });
    server.sendImage({ chatId: ALICE.id, from: ALICE, photoUrl: "https://cdn.zalo/bien-so.jpg", caption: "xe lạ" });
    server.sendSticker({ chatId: ALICE.id, from: ALICE });
    server.sendUnsupported({ chatId: ALICE.id, from: { id: "child01", displayName: "Bé" } });
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      const update = await client.getUpdates({ timeoutSeconds: 1 });
      if (update === null) throw new Error("missing update");
      names.push(update.event_name);
      if (update.event_name !== "unknown") {
        expect(typeof update.message.message_id).toBe("string");
        expect(update.message.date).toBeGreaterThan(1e12);
      }
      if (update.event_name === "message.image.received") expect(update.message).toMatchObject({ photo_url: "https://cdn.zalo/bien-so.jpg", caption: "xe lạ" });
      if (update.event_name === "message.unsupported.received") expect(update.message.text).toBeUndefined();
    }
    expect(names).toEqual(["message.text.received", "message.image.received", "message.sticker.received", "message.unsupported.received"]);
  });

  it("serves raw updates as queued: wrapped, flat, unknown events", async () => {
    const message = { message_id: "m1", date: Date.now(), from: { id: ALICE.id }, chat: { id: ALICE.id, chat_type: "PRIVATE" }, text: "hi" };
    server.enqueueRawUpdate({ event_name: "message.text.received", message });
    server.enqueueRawUpdate({ event_name: "user.followed", message: {} });
    expect((await client.getUpdates({ timeoutSeconds: 1 }))?.event_name).toBe("message.text.received");
    expect(await client.getUpdates({ timeoutSeconds: 1 })).toEqual({ event_name: "unknown", original_event_name: "user.followed", message: {} });
    const wrapped = await rawCall(server, "getUpdates", { timeout: "0" });
    expect(wrapped).toEqual({ status: 408, body: { ok: false, error_code: 408, description: "Request timeout" } });
    server.enqueueRawUpdate({ event_name: "message.text.received", message });
    const raw = await rawCall(server, "getUpdates", { timeout: "1" });
    expect(raw.body).toEqual({ ok: true, result: { event_name: "message.text.received", message } });
    expect(parseZaloUpdate(raw.body).ok).toBe(true);
  });

  it("pushes updates to the webhook in the flat shape with the secret header, retrying non-2xx", async () => {
    const receiver = await startReceiver((count) => (count === 1 ? 500 : 200));
    try {
      await client.setWebhook({ url: receiver.url, secretToken: "webhook-secret-123" });
      const update = server.sendText({ chatId: ALICE.id, from: ALICE, text: "/togiac" });
      await eventually(() => server.stats.webhookDelivered === 1);
      expect(receiver.received).toHaveLength(2);
      const last = receiver.received[1];
      expect(last?.headers["x-bot-api-secret-token"]).toBe("webhook-secret-123");
      expect(last?.body).toEqual(update);
      expect(last?.body).not.toHaveProperty("ok");
      expect(parseZaloUpdate(last?.body).ok).toBe(true);
    } finally {
      await stopReceiver(receiver.server);
    }
  });

  it("gives an update up after the last webhook retry", async () => {
    const receiver = await startReceiver(() => 503);
    try {
      await client.setWebhook({ url: receiver.url, secretToken: "webhook-secret-123" });
      server.sendText({ chatId: ALICE.id, from: ALICE, text: "a" });
      await eventually(() => server.stats.webhookDropped === 1);
      expect(receiver.received).toHaveLength(3);
      expect(server.pendingUpdateCount).toBe(0);
    } finally {
      await stopReceiver(receiver.server);
    }
  });

  it("fails a waiting long poll when a webhook is set", async () => {
    const poll = rawCall(server, "getUpdates", { timeout: "30" });
    // A call is recorded when it ends: give the poll time to arrive and wait.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await client.setWebhook({ url: "https://keng.example/hook", secretToken: "webhook-secret-123" });
    expect((await poll).body).toMatchObject({ ok: false, error_code: 400 });
  });

  it("stop() ends pending long polls and keep-alive connections promptly", async () => {
    const poll = client.getUpdates({ timeoutSeconds: 30 }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await server.stop();
    await poll;
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("waits for bot messages and emits events", async () => {
    const seen: FakeZaloStoredMessage[] = [];
    server.on("botMessage", (message) => seen.push(message));
    const waiting = server.waitForMessage(ALICE.id, (message) => message.text?.includes("mã") ?? false, 2000);
    await client.sendMessage({ chatId: ALICE.id, text: "Cảm ơn" });
    await client.sendMessage({ chatId: ALICE.id, text: "Tin báo đã nhận, mã T-7QX" });
    expect((await waiting).text).toBe("Tin báo đã nhận, mã T-7QX");
    expect(seen.map((message) => message.text)).toEqual(["Cảm ơn", "Tin báo đã nhận, mã T-7QX"]);
    expect(server.messagesIn(ALICE.id)).toHaveLength(2);
    await expect(server.waitForMessage(GROUP, undefined, 50)).rejects.toThrow(/no message within 50 ms/);
  });
});
