import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZaloBotClient } from "../../src/platforms/zalo/client/index.js";
import type { FakeZaloServer } from "../../src/sandbox/fake-zalo/index.js";
import { ALICE, GROUP, TOKEN, platformErrorOf, startFake } from "./helpers.js";

describe("ZaloBotClient against the fake Zalo Bot API", () => {
  let server: FakeZaloServer;
  let client: ZaloBotClient;

  beforeEach(async () => {
    ({ server, client } = await startFake());
  });

  afterEach(async () => {
    await server.stop();
  });

  it("getMe describes the bot", async () => {
    expect(await client.getMe()).toEqual({
      id: "1234567890",
      account_name: "Bot Kẻng Test",
      account_type: "BASIC",
      can_join_groups: true,
    });
    expect(server.calls.map((call) => call.method)).toEqual(["getMe"]);
  });

  it("long-polls one update per call, sending the timeout as a string, then null on Zalo's 408", async () => {
    server.sendText({ chatId: ALICE.id, from: ALICE, text: "/togiac có người lạ" });
    server.sendText({ chatId: ALICE.id, from: ALICE, text: "thứ hai" });
    const first = await client.getUpdates({ timeoutSeconds: 1 });
    expect(first).toMatchObject({
      event_name: "message.text.received",
      message: { text: "/togiac có người lạ", chat: { id: ALICE.id, chat_type: "PRIVATE" } },
    });
    expect(server.calls[0]?.params).toEqual({ timeout: "1" });
    expect((await client.getUpdates({ timeoutSeconds: 1 }))?.event_name).toBe("message.text.received");
    const started = Date.now();
    expect(await client.getUpdates({ timeoutSeconds: 1 })).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.calls.at(-1)).toMatchObject({
      method: "getUpdates",
      ok: false,
      errorCode: 408,
      description: "Request timeout",
    });
  });

  it("hands an update that arrives during a long poll to that poll, with date in Unix ms", async () => {
    const poll = client.getUpdates({ timeoutSeconds: 5 });
    // A call is recorded when it ends: give the poll time to arrive and wait.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = Date.now();
    server.sendText({ chatId: ALICE.id, from: ALICE, text: "xin chào" });
    const update = await poll;
    expect(update?.event_name).toBe("message.text.received");
    if (update?.event_name !== "message.text.received") return;
    expect(typeof update.message.message_id).toBe("string");
    expect(update.message.date).toBeGreaterThanOrEqual(before);
    expect(update.message.date).toBeLessThanOrEqual(Date.now());
  });

  it("abort() ends a pending long poll at once", async () => {
    const poll = platformErrorOf(client.getUpdates({ timeoutSeconds: 30 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.abort();
    expect((await poll).failure).toBe("network");
    expect(server.pendingUpdateCount).toBe(0);
  });

  it("sends texts, photos with captions and chat actions", async () => {
    const sent = await client.sendMessage({ chatId: ALICE.id, text: "Đã nhận tin báo của bạn." });
    expect(sent).toEqual({ message_id: expect.stringMatching(/^[0-9a-f]{20}$/), date: expect.any(Number) });
    expect(sent.date).toBeGreaterThan(1e12);
    const photo = await client.sendPhoto({
      chatId: GROUP,
      photoUrl: "https://keng.example/media/k12.jpg",
      caption: "Đối tượng K12",
    });
    await client.sendChatAction({ chatId: ALICE.id, action: "typing" });
    expect(server.lastMessage(ALICE.id)).toMatchObject({
      messageId: sent.message_id,
      text: "Đã nhận tin báo của bạn.",
      method: "sendMessage",
    });
    expect(server.lastMessage(GROUP)).toMatchObject({
      messageId: photo.message_id,
      photoUrl: "https://keng.example/media/k12.jpg",
      caption: "Đối tượng K12",
      plainText: "Đối tượng K12",
    });
    expect(server.calls.at(-1)).toMatchObject({
      method: "sendChatAction",
      ok: true,
      params: { chat_id: ALICE.id, action: "typing" },
    });
    expect(server.stats.sends).toBe(2);
  });

  it("refuses texts outside 1–2000 characters locally, and the fake refuses them too", async () => {
    expect(await client.sendMessage({ chatId: ALICE.id, text: "x".repeat(2000) })).toBeDefined();
    for (const text of ["", "x".repeat(2001)]) {
      const error = await platformErrorOf(client.sendMessage({ chatId: ALICE.id, text }));
      expect(error.failure).toBe("bad_request");
      expect(error.retryable).toBe(false);
    }
    expect(
      (
        await platformErrorOf(
          client.sendPhoto({ chatId: ALICE.id, photoUrl: "https://x.vn/a.jpg", caption: "c".repeat(2001) }),
        )
      ).failure,
    ).toBe("bad_request");
    expect(server.calls.filter((call) => call.method !== "getMe")).toHaveLength(1);
    const raw = await fetch(`${server.apiRoot}/bot${TOKEN}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: ALICE.id, text: "y".repeat(2001) }),
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: text must be 1 to 2000 characters",
    });
  });

  it("maps a wrong token to unauthorized without leaking the token", async () => {
    const wrong = new ZaloBotClient({ token: "1234567890:wrong-secret-value", apiRoot: server.apiRoot });
    const error = await platformErrorOf(wrong.getMe());
    expect(error).toMatchObject({ failure: "unauthorized", code: 401, retryable: false });
    expect(error.message).not.toContain("wrong-secret-value");
  });

  it('maps 403 (Zalo\'s "Internal server error") to a retryable server failure, never chat_gone', async () => {
    server.blockBotFor(ALICE.id);
    const error = await platformErrorOf(client.sendMessage({ chatId: ALICE.id, text: "Kẻng!" }));
    expect(error).toMatchObject({ failure: "server", code: 403, retryable: true });
    expect(error.message).toContain("Internal server error");
    server.failNext({ method: "sendMessage" }, { errorCode: 403, description: "Forbidden: user blocked the bot" });
    expect((await platformErrorOf(client.sendMessage({ chatId: ALICE.id, text: "a" }))).failure).toBe("server");
  });

  it("maps 4xx descriptions about blocking or unknown chats to chat_gone, other 4xx to bad_request", async () => {
    server.failNext(
      { method: "sendMessage" },
      { errorCode: 400, description: "Bad Request: user is not a follower of the bot" },
    );
    expect((await platformErrorOf(client.sendMessage({ chatId: ALICE.id, text: "a" }))).failure).toBe("chat_gone");
    expect((await platformErrorOf(client.sendMessage({ chatId: "unknown-chat", text: "a" }))).failure).toBe(
      "chat_gone",
    );
    server.failNext({ method: "sendMessage" }, { errorCode: 400, description: "Bad Request: invalid chat_id" });
    expect((await platformErrorOf(client.sendMessage({ chatId: ALICE.id, text: "a" }))).failure).toBe("bad_request");
  });

  it("maps 429 to rate_limited with retry_after, or 5 s without it", async () => {
    server.failNext({ method: "sendMessage" }, { errorCode: 429, description: "Quota exceeded" });
    expect(await platformErrorOf(client.sendMessage({ chatId: ALICE.id, text: "a" }))).toMatchObject({
      failure: "rate_limited",
      retryAfterMs: 5000,
      retryable: true,
    });
    server.failNext(
      { method: "sendMessage" },
      { errorCode: 429, description: "Quota exceeded", parameters: { retry_after: 7 } },
    );
    expect((await platformErrorOf(client.sendMessage({ chatId: ALICE.id, text: "a" }))).retryAfterMs).toBe(7000);
  });

  it("rate-limits bursts when limits are on", async () => {
    server.setLimits({ perChatPerSecond: 2 });
    const results = await Promise.allSettled(
      [1, 2, 3].map((n) => client.sendMessage({ chatId: ALICE.id, text: `tin ${n}` })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    expect(server.stats.rateLimited429).toBe(1);
    expect(server.calls.find((call) => call.errorCode === 429)?.description).toBe("Quota exceeded");
  });

  it("maps 5xx to server, reads ok:false inside an HTTP 200, and 404 per method", async () => {
    server.failNext({ method: "sendMessage" }, { errorCode: 500, description: "Internal Server Error" });
    expect((await platformErrorOf(client.sendMessage({ chatId: ALICE.id, text: "a" }))).failure).toBe("server");
    server.setDown(true);
    expect(await platformErrorOf(client.getMe())).toMatchObject({ failure: "server", code: 502, retryable: true });
    server.setDown(false);
    server.failNext(
      { method: "sendMessage" },
      { errorCode: 400, description: "Bad Request: user blocked the bot", httpStatus: 200 },
    );
    expect((await platformErrorOf(client.sendMessage({ chatId: ALICE.id, text: "a" }))).failure).toBe("chat_gone");
    server.failNext({ method: "getMe" }, { errorCode: 404, description: "Not Found" });
    expect((await platformErrorOf(client.getMe())).failure).toBe("unauthorized");
    server.failNext({ method: "sendPhoto" }, { errorCode: 404, description: "Not Found" });
    expect(
      (await platformErrorOf(client.sendPhoto({ chatId: ALICE.id, photoUrl: "https://x.vn/a.jpg" }))).failure,
    ).toBe("bad_request");
  });

  it("redacts the token from descriptions the API echoes", async () => {
    server.failNext({ method: "getMe" }, { errorCode: 400, description: `Bad Request: bad token ${TOKEN}` });
    const error = await platformErrorOf(client.getMe());
    expect(error.message).not.toContain("fake-zalo-secret");
    expect(error.message).toContain("<redacted>");
  });

  it("maps no answer (timeout, connection refused) to network, never showing the token", async () => {
    const impatient = new ZaloBotClient({ token: TOKEN, apiRoot: server.apiRoot, timeoutMs: 200 });
    server.setLatency(1000);
    const timeout = await platformErrorOf(impatient.getMe());
    expect(timeout).toMatchObject({ failure: "network", retryable: true });
    server.setLatency(0);
    await server.stop();
    const refused = await platformErrorOf(client.sendMessage({ chatId: ALICE.id, text: "a" }));
    expect(refused.failure).toBe("network");
    expect(refused.message).toMatch(/ECONNREFUSED/);
    for (const error of [timeout, refused]) {
      expect(`${error.message} ${String(error.cause)} ${JSON.stringify(error)}`).not.toContain("fake-zalo-secret");
    }
  });

  it("manages the webhook: set, info, and getUpdates refused until deleted", async () => {
    expect(await client.getWebhookInfo()).toMatchObject({ url: "" });
    expect(
      await client.setWebhook({ url: "https://keng.example/zalo/webhook", secretToken: "s3cret-token" }),
    ).toMatchObject({ url: "https://keng.example/zalo/webhook", updated_at: expect.any(Number) });
    expect((await client.getWebhookInfo()).url).toBe("https://keng.example/zalo/webhook");
    expect((await platformErrorOf(client.getUpdates({ timeoutSeconds: 1 }))).failure).toBe("bad_request");
    expect(
      (await platformErrorOf(client.setWebhook({ url: "https://keng.example/hook", secretToken: "short" }))).failure,
    ).toBe("bad_request");
    expect(await client.deleteWebhook()).toMatchObject({ url: "" });
    expect(await client.getUpdates({ timeoutSeconds: 0 })).toBeNull();
  });
});
