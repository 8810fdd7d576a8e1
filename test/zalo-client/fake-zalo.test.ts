import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseZaloUpdate, type ZaloBotClient } from "../../src/platforms/zalo/client/index.js";
import { FakeZaloServer, type FakeZaloStoredMessage } from "../../src/sandbox/fake-zalo/index.js";
import { ALICE, BOB, GROUP, TOKEN, eventually, rawCall, startFake, startReceiver, stopReceiver } from "./helpers.js";

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
    expect(await rawCall(server, "getMe", {}, "1234567890:nope")).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: "Unauthorized" },
    });
    expect(await rawCall(server, "getme")).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: "Not Found" },
    });
    expect(await rawCall(server, "sendChatAction", { chat_id: ALICE.id, action: "typing" })).toEqual({
      status: 200,
      body: { ok: true },
    });
  });

  it("delivers group messages only when they @mention the bot or reply to a bot message", async () => {
    server.addUser(BOB);
    expect(server.sendText({ chatId: GROUP, from: BOB, text: "chuyện phiếm" })).toBeNull();
    const mention = server.sendText({ chatId: GROUP, from: BOB, text: "/keng cao Cháy nhà số 5", mentionBot: true });
    // People pick the bot's display name, which starts with "Bot " and holds spaces (ZALO.md).
    expect(mention?.message).toMatchObject({
      text: "@Bot Kẻng Test /keng cao Cháy nhà số 5",
      chat: { id: GROUP, chat_type: "GROUP" },
      from: { id: BOB.id, display_name: BOB.displayName, is_bot: false },
    });
    const alert = await client.sendMessage({
      chatId: GROUP,
      text: "🔔 Kẻng K12: cháy nhà số 5. Trả lời tin này để xác nhận.",
    });
    const reply = server.sendText({ chatId: GROUP, from: BOB, text: "đã nhận", replyTo: alert.message_id });
    // A reply reaches the bot, but Zalo documents no field naming the quoted message.
    expect(reply?.message).not.toHaveProperty("quote_message_id");
    expect(Object.keys(reply?.message ?? {}).sort()).toEqual(["chat", "date", "from", "message_id", "text"]);
    const chatter = server.sendText({
      chatId: GROUP,
      from: ALICE,
      text: "ai đó?",
      replyTo: mention?.message.message_id,
    });
    expect(chatter).toBeNull();
    expect(server.sendImage({ chatId: GROUP, from: BOB })).toBeNull();
    expect(server.stats.notDelivered).toBe(3);
    expect(server.pendingUpdateCount).toBe(2);
    const first = await client.getUpdates({ timeoutSeconds: 1 });
    const second = await client.getUpdates({ timeoutSeconds: 1 });
    expect([first?.event_name, second?.event_name]).toEqual(["message.text.received", "message.text.received"]);
    expect(second?.event_name === "message.text.received" && second.message.text).toBe("đã nhận");
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
        expect(typeof update.message?.message_id).toBe("string");
        expect(update.message?.date).toBeGreaterThan(1e12);
      }
      if (update.event_name === "message.image.received")
        expect(update.message).toMatchObject({ photo: "https://cdn.zalo/bien-so.jpg", caption: "xe lạ" });
      if (update.event_name === "message.unsupported.received") expect(update.message?.text).toBeUndefined();
    }
    expect(names).toEqual([
      "message.text.received",
      "message.image.received",
      "message.sticker.received",
      "message.unsupported.received",
    ]);
  });

  it("serves raw updates as queued: wrapped, flat, unknown events", async () => {
    const message = {
      message_id: "m1",
      date: Date.now(),
      from: { id: ALICE.id },
      chat: { id: ALICE.id, chat_type: "PRIVATE" },
      text: "hi",
    };
    server.enqueueRawUpdate({ event_name: "message.text.received", message });
    server.enqueueRawUpdate({ event_name: "user.followed", message: {} });
    expect((await client.getUpdates({ timeoutSeconds: 1 }))?.event_name).toBe("message.text.received");
    expect(await client.getUpdates({ timeoutSeconds: 1 })).toEqual({
      event_name: "unknown",
      original_event_name: "user.followed",
      message: {},
    });
    const wrapped = await rawCall(server, "getUpdates", { timeout: "0" });
    expect(wrapped).toEqual({ status: 408, body: { ok: false, error_code: 408, description: "Request timeout" } });
    server.enqueueRawUpdate({ event_name: "message.text.received", message });
    const raw = await rawCall(server, "getUpdates", { timeout: "1" });
    expect(raw.body).toEqual({ ok: true, result: { event_name: "message.text.received", message } });
    expect(parseZaloUpdate(raw.body).ok).toBe(true);
  });

  it("serves a photo link for a short while only (Zalo's links are temporary)", async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const update = server.sendImage({ chatId: ALICE.id, from: ALICE, photo: bytes, caption: "biển số" });
    const link = update?.message.photo ?? "";
    expect(link.startsWith(`${server.apiRoot}/photos/`)).toBe(true);
    const fetched = await fetch(link);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true);
    server.expirePhotoLinks();
    expect((await fetch(link)).status).toBe(404);

    const shortLived = new FakeZaloServer({ token: TOKEN, photoLinkTtlMs: 1 });
    await shortLived.start();
    try {
      const early = shortLived.sendImage({ chatId: ALICE.id, chatType: "PRIVATE", from: ALICE });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await fetch(early?.message.photo ?? "")).status).toBe(404);
    } finally {
      await shortLived.stop();
    }
  });

  it("takes only an HTTPS webhook unless its local switch allows http://", async () => {
    const strict = new FakeZaloServer({ token: TOKEN });
    await strict.start();
    try {
      expect(
        await rawCall(strict, "setWebhook", { url: "http://keng.example/hook", secret_token: "webhook-secret-123" }),
      ).toEqual({
        status: 400,
        body: { ok: false, error_code: 400, description: "Bad Request: url must be an HTTPS URL" },
      });
      expect(
        (await rawCall(strict, "setWebhook", { url: "https://keng.example/hook", secret_token: "webhook-secret-123" }))
          .status,
      ).toBe(200);
    } finally {
      await strict.stop();
    }
  });

  it("pushes updates to the webhook in the flat shape with the secret header, and never resends one", async () => {
    const receiver = await startReceiver((count) => (count === 1 ? 500 : 200));
    try {
      await client.setWebhook({ url: receiver.url, secretToken: "webhook-secret-123" });
      server.sendText({ chatId: ALICE.id, from: ALICE, text: "lost" });
      await eventually(() => server.stats.webhookDropped === 1);
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
