import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { FakeTelegramServer, type Update } from "../../src/sandbox/fake-telegram/index.js";
import { ALICE, BOB, GROUP, TOKEN, call, resultOf } from "./helpers.js";

describe("FakeTelegramServer", () => {
  let server: FakeTelegramServer;

  beforeEach(async () => {
    server = new FakeTelegramServer();
    await server.start();
    server.addGroup({ id: GROUP, title: "Tổ dân phố 5" });
    server.addPrivateChatUser(ALICE);
  });

  afterEach(async () => {
    await server.stop();
  });

  describe("webhooks", () => {
    it("takes only https URLs on ports 443, 80, 88 or 8443, as Telegram does", async () => {
      const setWebhook = async (url: string) => (await call(server, "setWebhook", { url })).body.description;
      expect(await setWebhook("http://127.0.0.1:8080/hook")).toBe(
        "Bad Request: bad webhook: HTTPS url must be provided for webhook",
      );
      expect(await setWebhook("https://keng.example.vn:8080/hook")).toBe(
        "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443",
      );
      for (const url of [
        "https://keng.example.vn/hook",
        "https://keng.example.vn:8443/hook",
        "https://keng.example.vn:88/hook",
      ]) {
        expect(resultOf(await call(server, "setWebhook", { url }))).toBe(true);
      }
    });

    it("takes http on any port only when told to, for local runs (not how Telegram behaves)", async () => {
      const local = new FakeTelegramServer({ allowInsecureWebhooks: true });
      await local.start();
      try {
        expect(resultOf(await call(local, "setWebhook", { url: "http://127.0.0.1:8080/hook" }))).toBe(true);
      } finally {
        await local.stop();
      }
    });
  });

  describe("forum topics", () => {
    it("puts a message in the topic asked for or replied in, and refuses closed and unknown topics", async () => {
      const FORUM = -1_009_000_001;
      server.addGroup({ id: FORUM, title: "Diễn đàn", isForum: true });
      const topic = server.addForumTopic(FORUM, "An ninh");
      const asked = server.sendText({ chatId: FORUM, from: ALICE, threadId: topic, text: "/dangky x" });
      expect(asked.message).toMatchObject({ message_thread_id: topic, is_topic_message: true });
      expect(
        resultOf<{ message_thread_id?: number }>(
          await call(server, "sendMessage", { chat_id: FORUM, text: "a", message_thread_id: topic }),
        ).message_thread_id,
      ).toBe(topic);
      const reply = { chat_id: FORUM, text: "b", reply_parameters: { message_id: asked.message?.message_id } };
      resultOf(await call(server, "sendMessage", reply));
      expect(server.lastMessage(FORUM)?.threadId).toBe(topic);
      expect(
        (await call(server, "sendMessage", { chat_id: FORUM, text: "c", message_thread_id: 999 })).body.description,
      ).toBe("Bad Request: message thread not found");
      server.setForumTopicClosed(FORUM, topic);
      expect(
        (await call(server, "sendMessage", { chat_id: FORUM, text: "d", message_thread_id: topic })).body.description,
      ).toBe("Bad Request: TOPIC_CLOSED");
    });
  });

  describe("routing", () => {
    it("answers getMe, refuses a wrong token and unknown methods, and reads query strings", async () => {
      const me = resultOf<{ id: number; username: string; is_bot: boolean }>(await call(server, "getMe"));
      expect(me).toMatchObject({ id: 123456, username: "KengTestBot", is_bot: true });
      expect(await call(server, "getMe", {}, { token: "123456:WRONG" })).toEqual({
        status: 401,
        body: { ok: false, error_code: 401, description: "Unauthorized" },
      });
      expect(await call(server, "sendCarrierPigeon")).toEqual({
        status: 404,
        body: { ok: false, error_code: 404, description: "Not Found: method not found" },
      });
      const viaGet = await fetch(`${server.apiRoot}/bot${TOKEN}/sendMessage?chat_id=${GROUP}&text=hello`);
      expect(viaGet.status).toBe(200);
      expect(server.lastMessage(GROUP)?.plainText).toBe("hello");
      expect(server.calls.map((c) => c.method)).toEqual(["getMe", "getMe", "sendCarrierPigeon", "sendMessage"]);
    });

    it("parses urlencoded bodies with JSON-string fields", async () => {
      const markup = { inline_keyboard: [[{ text: "✅ Đã nhận", callback_data: "ack:K1" }]] };
      resultOf(
        await call(
          server,
          "sendMessage",
          { chat_id: String(GROUP), text: "Kẻng!", reply_markup: markup },
          { form: true },
        ),
      );
      const message = server.lastMessage(GROUP);
      expect(message?.replyMarkup).toEqual(markup);
      expect(message?.buttons.map((b) => b.callback_data)).toEqual(["ack:K1"]);
    });
  });

  describe("message validation", () => {
    it("stores HTML messages with plain text and entities", async () => {
      const sent = resultOf<{ message_id: number; text: string; entities: unknown[] }>(
        await call(server, "sendMessage", {
          chat_id: GROUP,
          text: '<b>Cảnh báo</b> a &lt; b &amp; <a href="https://x.vn">link</a>',
          parse_mode: "HTML",
        }),
      );
      expect(sent.text).toBe("Cảnh báo a < b & link");
      expect(sent.entities).toEqual([
        { type: "bold", offset: 0, length: 8 },
        { type: "text_link", offset: 17, length: 4, url: "https://x.vn" },
      ]);
      const stored = server.lastMessage(GROUP);
      expect(stored).toMatchObject({
        chatId: GROUP,
        messageId: 1,
        parseMode: "HTML",
        plainText: "Cảnh báo a < b & link",
      });
      expect(stored?.text).toContain("<b>Cảnh báo</b>");
    });

    it("rejects malformed HTML like Telegram", async () => {
      const cases = ["<b>unclosed", "line<br>break", "<b>x</i>", "a < b", "</b>"];
      for (const text of cases) {
        const answer = await call(server, "sendMessage", { chat_id: GROUP, text, parse_mode: "HTML" });
        expect(answer.status, text).toBe(400);
        expect(answer.body.description, text).toMatch(/^Bad Request: can't parse entities: /);
      }
      expect(
        (await call(server, "sendMessage", { chat_id: GROUP, text: "<b>x</b>", parse_mode: "HTML" })).body.description,
      ).toBeUndefined();
      const unclosed = await call(server, "sendMessage", { chat_id: GROUP, text: "<b>bold", parse_mode: "HTML" });
      expect(unclosed.body.description).toBe(
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
      );
      expect(server.messagesIn(GROUP)).toHaveLength(1);
    });

    it("limits text to 4096 characters after entity parsing and captions to 1024", async () => {
      resultOf(await call(server, "sendMessage", { chat_id: GROUP, text: "x".repeat(4096) }));
      const tooLong = await call(server, "sendMessage", { chat_id: GROUP, text: "x".repeat(4097) });
      expect(tooLong.body).toEqual({ ok: false, error_code: 400, description: "Bad Request: message is too long" });
      // Tags and entities do not count: 4096 visible characters pass even though the raw text is longer.
      resultOf(
        await call(server, "sendMessage", {
          chat_id: GROUP,
          text: `<b>${"&lt;".repeat(4096)}</b>`,
          parse_mode: "HTML",
        }),
      );
      expect(server.lastMessage(GROUP)?.plainText).toHaveLength(4096);
      expect((await call(server, "sendMessage", { chat_id: GROUP, text: "  " })).body.description).toBe(
        "Bad Request: message text is empty",
      );
      const caption = await call(server, "sendPhoto", {
        chat_id: GROUP,
        photo: "https://example.com/a.jpg",
        caption: "c".repeat(1025),
      });
      expect(caption.body.description).toBe("Bad Request: message caption is too long");
    });

    it("checks callback_data size, unknown chats and replies", async () => {
      const button = (data: string) => ({ inline_keyboard: [[{ text: "b", callback_data: data }]] });
      resultOf(await call(server, "sendMessage", { chat_id: GROUP, text: "ok", reply_markup: button("a".repeat(64)) }));
      const tooBig = await call(server, "sendMessage", {
        chat_id: GROUP,
        text: "no",
        reply_markup: button("đ".repeat(33)),
      });
      expect(tooBig.body).toEqual({ ok: false, error_code: 400, description: "Bad Request: BUTTON_DATA_INVALID" });
      expect((await call(server, "sendMessage", { chat_id: -999, text: "x" })).body.description).toBe(
        "Bad Request: chat not found",
      );
      resultOf(await call(server, "sendMessage", { chat_id: GROUP, text: "reply", reply_to_message_id: 1 }));
      resultOf(
        await call(server, "sendMessage", { chat_id: GROUP, text: "reply2", reply_parameters: { message_id: 2 } }),
      );
      expect(server.messagesIn(GROUP).map((m) => [m.messageId, m.replyToMessageId])).toEqual([
        [1, undefined],
        [2, 1],
        [3, 2],
      ]);
      expect(
        (await call(server, "sendMessage", { chat_id: GROUP, text: "x", reply_to_message_id: 99 })).body.description,
      ).toBe("Bad Request: message to be replied not found");
    });

    it("edits keep a history, drop the keyboard when none is given, and refuse no-op edits", async () => {
      const markup = { inline_keyboard: [[{ text: "✅", callback_data: "ack" }]] };
      resultOf(await call(server, "sendMessage", { chat_id: GROUP, text: "0/10", reply_markup: markup }));
      resultOf(
        await call(server, "editMessageText", { chat_id: GROUP, message_id: 1, text: "5/10", reply_markup: markup }),
      );
      const noop = await call(server, "editMessageText", {
        chat_id: GROUP,
        message_id: 1,
        text: "5/10",
        reply_markup: markup,
      });
      expect(noop.body.description).toMatch(/^Bad Request: message is not modified/);
      resultOf(await call(server, "editMessageText", { chat_id: GROUP, message_id: 1, text: "10/10" }));
      const message = server.lastMessage(GROUP);
      expect(message?.plainText).toBe("10/10");
      expect(message?.buttons).toEqual([]);
      expect(message?.edits.map((edit) => edit.previous.plainText)).toEqual(["0/10", "5/10"]);
      expect(server.stats).toMatchObject({ sends: 1, edits: 2 });
      expect(
        (await call(server, "editMessageText", { chat_id: GROUP, message_id: 42, text: "x" })).body.description,
      ).toBe("Bad Request: message to edit not found");
    });
  });

  describe("getUpdates", () => {
    it("applies offset, limit and long-poll timeout", async () => {
      const first = server.sendText({ chatId: GROUP, from: BOB, text: "one" });
      server.sendText({ chatId: GROUP, from: BOB, text: "two" });
      server.sendText({ chatId: GROUP, from: BOB, text: "three" });
      const batch = resultOf<Update[]>(await call(server, "getUpdates", { limit: 2 }));
      expect(batch.map((u) => u.message?.text)).toEqual(["one", "two"]);
      const rest = resultOf<Update[]>(await call(server, "getUpdates", { offset: first.update_id + 2 }));
      expect(rest.map((u) => u.message?.text)).toEqual(["three"]);
      const last = rest[0]?.update_id ?? 0;

      const started = Date.now();
      const empty = resultOf<Update[]>(await call(server, "getUpdates", { offset: last + 1, timeout: 1 }));
      expect(empty).toEqual([]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);

      const waiting = call(server, "getUpdates", { offset: last + 1, timeout: 10 });
      setTimeout(() => server.sendText({ chatId: GROUP, from: BOB, text: "four" }), 50);
      const woken = resultOf<Update[]>(await waiting);
      expect(woken.map((u) => u.message?.text)).toEqual(["four"]);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it("delivers an update enqueued twice twice, even after the first was confirmed", async () => {
      const update = {
        update_id: 700,
        message: { message_id: 9, date: 0, chat: { id: GROUP, type: "group", title: "x" }, text: "dup" },
      };
      server.enqueueRawUpdate(update);
      server.enqueueRawUpdate(update);
      expect(resultOf<Update[]>(await call(server, "getUpdates")).map((u) => u.update_id)).toEqual([700, 700]);
      server.enqueueRawUpdate(update);
      expect(resultOf<Update[]>(await call(server, "getUpdates", { offset: 701 })).map((u) => u.update_id)).toEqual([
        700,
      ]);
      expect(resultOf<Update[]>(await call(server, "getUpdates", { offset: 701 }))).toEqual([]);
      // Malformed updates come through as they are.
      server.enqueueRawUpdate({ nonsense: true });
      expect(resultOf<unknown[]>(await call(server, "getUpdates", { offset: 701 }))).toEqual([{ nonsense: true }]);
    });

    it("ends the older of two concurrent long polls with 409", async () => {
      const older = call(server, "getUpdates", { timeout: 10 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const newer = call(server, "getUpdates", { timeout: 1 });
      expect((await older).body).toMatchObject({ ok: false, error_code: 409 });
      expect((await newer).body.ok).toBe(true);
    });
  });

  describe("rate limits", () => {
    it("answers 429 with retry_after and performs nothing", async () => {
      const limited = new FakeTelegramServer({
        limits: { globalPerSecond: 4, groupPerMinute: 2, privatePerSecond: 1 },
      });
      await limited.start();
      try {
        limited.addGroup({ id: GROUP, title: "g" });
        for (const id of [1, 2, 3]) limited.addPrivateChatUser({ id, first_name: `u${id}` });
        resultOf(await call(limited, "sendMessage", { chat_id: GROUP, text: "a" }));
        resultOf(await call(limited, "sendMessage", { chat_id: GROUP, text: "b" }));
        const group = await call(limited, "sendMessage", { chat_id: GROUP, text: "c" });
        expect(group.status).toBe(429);
        expect(group.body.parameters?.retry_after).toBeGreaterThanOrEqual(59);
        expect(group.body.parameters?.retry_after).toBeLessThanOrEqual(60);
        expect(group.body.description).toBe(`Too Many Requests: retry after ${group.body.parameters?.retry_after}`);
        expect(limited.messagesIn(GROUP)).toHaveLength(2);

        resultOf(await call(limited, "sendMessage", { chat_id: 1, text: "a" }));
        const privateChat = await call(limited, "sendMessage", { chat_id: 1, text: "b" });
        expect(privateChat.body).toEqual({
          ok: false,
          error_code: 429,
          description: "Too Many Requests: retry after 1",
          parameters: { retry_after: 1 },
        });

        resultOf(await call(limited, "sendMessage", { chat_id: 2, text: "a" }));
        const global = await call(limited, "sendMessage", { chat_id: 3, text: "a" });
        expect(global.body.parameters?.retry_after).toBe(1);
        expect(limited.stats.rateLimited429).toBe(3);
        expect(limited.stats.sends).toBe(4);

        await new Promise((resolve) => setTimeout(resolve, 1050));
        resultOf(await call(limited, "sendMessage", { chat_id: 3, text: "a" }));
      } finally {
        await limited.stop();
      }
    });
  });

  describe("chats", () => {
    it("migrates a group to a supergroup", async () => {
      const update = server.migrateGroup(GROUP, -1_001_234_567_890);
      expect(update.message?.migrate_to_chat_id).toBe(-1_001_234_567_890);
      const old = await call(server, "sendMessage", { chat_id: GROUP, text: "x" });
      expect(old.body).toEqual({
        ok: false,
        error_code: 400,
        description: "Bad Request: group chat was upgraded to a supergroup chat",
        parameters: { migrate_to_chat_id: -1_001_234_567_890 },
      });
      resultOf(await call(server, "sendMessage", { chat_id: -1_001_234_567_890, text: "x" }));
      const updates = resultOf<Update[]>(await call(server, "getUpdates"));
      expect(updates.map((u) => [u.message?.migrate_to_chat_id, u.message?.migrate_from_chat_id])).toEqual([
        [-1_001_234_567_890, undefined],
        [undefined, GROUP],
      ]);
    });

    it("reports bot membership changes and then refuses sends", async () => {
      const removed = server.removeBotFromGroup({ chatId: GROUP, by: BOB });
      expect(removed.my_chat_member?.new_chat_member.status).toBe("kicked");
      expect((await call(server, "sendMessage", { chat_id: GROUP, text: "x" })).status).toBe(403);
      // Telegram adds a bot as a plain member; admin rights are a second step.
      server.addBotToGroup({ chatId: GROUP, by: BOB });
      resultOf(await call(server, "sendMessage", { chat_id: GROUP, text: "back" }));
      const refused = await call(server, "getChatMember", { chat_id: GROUP, user_id: BOB.id });
      expect(refused.status).toBe(400);
      server.addBotToGroup({ chatId: GROUP, by: BOB, status: "administrator" });
      const updates = resultOf<Update[]>(await call(server, "getUpdates"));
      expect(updates.map((u) => u.my_chat_member?.new_chat_member.status)).toEqual([
        "kicked",
        "member",
        "administrator",
      ]);
    });

    it("sends an anonymous admin's message as GroupAnonymousBot on behalf of the group", async () => {
      server.setChatAdmin(GROUP, ALICE.id, true);
      const update = server.sendText({ chatId: GROUP, from: ALICE, asAnonymousAdmin: true, text: "/dangky x" });
      expect(update.message?.from?.id).toBe(1087968824);
      expect(update.message?.sender_chat?.id).toBe(GROUP);
      expect(() =>
        server.sendText({ chatId: GROUP, from: { id: 999, first_name: "Ai" }, asAnonymousAdmin: true, text: "x" }),
      ).toThrow(/cannot post anonymously/);
      resultOf(await call(server, "getUpdates"));
    });

    it("answers getChatMember from setChatAdmin", async () => {
      server.setChatAdmin(GROUP, ALICE.id, true);
      const member = (userId: number) => call(server, "getChatMember", { chat_id: GROUP, user_id: userId });
      expect(resultOf<{ status: string }>(await member(ALICE.id)).status).toBe("administrator");
      expect(resultOf<{ status: string }>(await member(BOB.id)).status).toBe("member");
      expect(resultOf<{ status: string }>(await member(123456)).status).toBe("administrator");
      const admins = resultOf<{ user: { id: number } }[]>(
        await call(server, "getChatAdministrators", { chat_id: GROUP }),
      );
      expect(admins.map((a) => a.user.id).sort((a, b) => a - b)).toEqual([501, 123456]);
    });

    it("copies a user's photo without forwarding and serves files", async () => {
      const sent = server.sendPhoto({ chatId: ALICE.id, from: ALICE, bytes: Buffer.from([1, 2, 3]), asDocument: true });
      const copy = resultOf<{ message_id: number }>(
        await call(server, "copyMessage", {
          chat_id: GROUP,
          from_chat_id: ALICE.id,
          message_id: sent.message?.message_id,
        }),
      );
      const copied = server.messagesIn(GROUP).find((m) => m.messageId === copy.message_id);
      expect(copied?.document?.bytes).toEqual(Buffer.from([1, 2, 3]));
      expect(copied?.copiedFrom).toEqual({ chatId: ALICE.id, messageId: 1 });
      const file = resultOf<{ file_path: string }>(
        await call(server, "getFile", { file_id: sent.message?.document?.file_id }),
      );
      const download = await fetch(`${server.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]));
      expect(server.calls.some((c) => c.method === "forwardMessage")).toBe(false);
    });

    it("sends voice notes, videos and video notes as Telegram shapes them, and refuses a file of another kind", async () => {
      const voice = server.sendClip({ chatId: ALICE.id, from: ALICE, kind: "voice", caption: "nghe này" });
      expect(voice.message?.voice).toMatchObject({ duration: 4, mime_type: "audio/ogg" });
      expect(voice.message?.caption).toBe("nghe này");
      const round = server.sendClip({ chatId: ALICE.id, from: ALICE, kind: "video_note", caption: "ignored" });
      expect(round.message?.video_note).toMatchObject({ length: 240 });
      expect(round.message?.caption).toBeUndefined();
      const album = server.sendPhoto({ chatId: ALICE.id, from: ALICE, mediaGroupId: "900" });
      expect(album.message?.media_group_id).toBe("900");
      expect(server.sendSticker({ chatId: ALICE.id, from: ALICE }).message?.sticker).toMatchObject({
        type: "regular",
        emoji: "👍",
      });

      const voiceId = voice.message?.voice?.file_id;
      const sent = resultOf<{ voice?: { file_id: string }; caption?: string }>(
        await call(server, "sendVoice", { chat_id: GROUP, voice: voiceId, caption: "<b>Tin</b>", parse_mode: "HTML" }),
      );
      expect(sent.voice?.file_id).toBe(voiceId);
      expect(server.lastMessage(GROUP)?.plainText).toBe("Tin");
      const note = resultOf<{ video_note?: { file_id: string } }>(
        await call(server, "sendVideoNote", { chat_id: GROUP, video_note: round.message?.video_note?.file_id }),
      );
      expect(note.video_note?.file_id).toBe(round.message?.video_note?.file_id);
      expect(await call(server, "sendVideo", { chat_id: GROUP, video: voiceId })).toMatchObject({
        status: 400,
        body: { description: "Bad Request: type of file mismatch" },
      });
      expect(
        await call(server, "sendVoice", { chat_id: GROUP, voice: album.message?.photo?.[1]?.file_id }),
      ).toMatchObject({ status: 400 });
      expect(
        await call(server, "sendVideoNote", { chat_id: GROUP, video_note: "https://example.com/v.mp4" }),
      ).toMatchObject({ status: 400 });
      expect(await call(server, "sendVoice", { chat_id: GROUP })).toMatchObject({ status: 400 });
    });
  });

  describe("faults and lifecycle", () => {
    it("simulates outages and latency", async () => {
      server.setDown(true);
      const down = await fetch(`${server.apiRoot}/bot${TOKEN}/getMe`);
      expect(down.status).toBe(502);
      server.setDown(true, "reset");
      await expect(fetch(`${server.apiRoot}/bot${TOKEN}/getMe`)).rejects.toThrow();
      server.setDown(false);
      const polling = call(server, "getUpdates", { timeout: 30 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      server.setDown(true);
      await expect(polling).rejects.toThrow(); // the 502 page is no JSON
      server.setDown(false);
      server.setLatency(150);
      const started = Date.now();
      resultOf(await call(server, "getMe"));
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });

    it("explains what a chat got when waitForMessage times out", async () => {
      resultOf(await call(server, "sendMessage", { chat_id: GROUP, text: "Xin chào" }));
      await call(server, "sendMessage", { chat_id: GROUP, text: "<b>oops", parse_mode: "HTML" });
      const error = await server.waitForMessage(GROUP, (m) => m.plainText === "never", 100).catch((e: unknown) => e);
      expect(String(error)).toContain('#1 "Xin chào"');
      expect(String(error)).toContain("can't parse entities");
    });

    it("stops promptly while a long poll is pending", async () => {
      const pending = call(server, "getUpdates", { timeout: 50 }).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await server.stop();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(await pending).toBeInstanceOf(Error);
      server = new FakeTelegramServer();
      await server.start();
    });
  });
});
