import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { Telegraf, TelegramError } from "telegraf";
import { FakeTelegramServer } from "../../src/sandbox/fake-telegram/index.js";
import { ALICE, BOB, GROUP, TOKEN, call, resultOf, startReceiver } from "./helpers.js";

describe("FakeTelegramServer with telegraf and webhooks", () => {
  let server: FakeTelegramServer;

  beforeEach(async () => {
    // The webhook tests below push to http://127.0.0.1 (Telegram itself takes only https on 443/80/88/8443).
    server = new FakeTelegramServer({ allowInsecureWebhooks: true });
    await server.start();
    server.addGroup({ id: GROUP, title: "Tổ dân phố 5" });
    server.addPrivateChatUser(ALICE);
  });

  afterEach(async () => {
    await server.stop();
  });

  describe("with a real Telegraf bot", () => {
    it("delivers a command by polling and shows the reply, button answers and edits", async () => {
      const bot = new Telegraf(TOKEN, { telegram: { apiRoot: server.apiRoot } });
      bot.command("keng", (ctx) =>
        ctx.reply(`<b>KẺNG</b> ${ctx.payload}`, {
          parse_mode: "HTML",
          reply_markup: { inline_keyboard: [[{ text: "✅ Đã nhận", callback_data: "ack:1" }]] },
        }),
      );
      bot.action(/^ack:/, async (ctx) => {
        await ctx.answerCbQuery("Cảm ơn");
        await ctx.editMessageText("KẺNG — 1 người đã nhận");
      });
      bot.on("photo", async (ctx) => {
        const largest = ctx.message.photo[ctx.message.photo.length - 1];
        if (largest === undefined) return;
        const link = await ctx.telegram.getFileLink(largest.file_id);
        const bytes = Buffer.from(await (await fetch(link)).arrayBuffer());
        await ctx.replyWithPhoto(
          { source: bytes, filename: "copy.jpg" },
          {
            caption: `<i>got</i> ${bytes.length} bytes`,
            parse_mode: "HTML",
            reply_markup: { inline_keyboard: [[{ text: "Tiếp nhận", callback_data: "take:1" }]] },
          },
        );
      });
      void bot.launch();
      try {
        server.sendText({ chatId: GROUP, from: ALICE, text: "/keng@KengTestBot trộm xe" });
        const alert = await server.waitForMessage(GROUP, (m) => m.plainText.startsWith("KẺNG"));
        expect(alert.plainText).toBe("KẺNG trộm xe");
        expect(alert.entities).toEqual([{ type: "bold", offset: 0, length: 4 }]);

        const press = server.pressButton({ chatId: GROUP, from: BOB, messageId: alert.messageId, data: "ack:1" });
        const answer = await server.waitForCallbackAnswer(press.callback_query?.id ?? "");
        expect(answer).toMatchObject({ text: "Cảm ơn", showAlert: false });
        await server.waitForMessage(GROUP, (m) => m.plainText.includes("đã nhận"));
        expect(server.messagesIn(GROUP)).toHaveLength(1);

        const photoBytes = Buffer.from("not really a jpeg, 31 bytes ok");
        server.sendPhoto({ chatId: ALICE.id, from: ALICE, bytes: photoBytes, caption: "ảnh" });
        const reply = await server.waitForMessage(ALICE.id, (m) => m.photo !== undefined);
        expect(reply.plainText).toBe(`got ${photoBytes.length} bytes`);
        expect(reply.photo?.bytes).toEqual(photoBytes);
        expect(reply.photo?.filename).toBe("copy.jpg");
        expect(reply.caption).toBe(`<i>got</i> ${photoBytes.length} bytes`);
        expect(reply.buttons).toEqual([{ text: "Tiếp nhận", callback_data: "take:1" }]);
        expect(server.stats.byMethod["forwardMessage"]).toBeUndefined();
      } finally {
        bot.stop();
      }
    });

    it("surfaces injected failures, kicks and migrations as TelegramErrors", async () => {
      const bot = new Telegraf(TOKEN, { telegram: { apiRoot: server.apiRoot } });
      server.failNext(
        { method: "sendMessage", chatId: GROUP },
        { errorCode: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } },
        2,
      );
      for (let i = 0; i < 2; i++) {
        const error = await bot.telegram.sendMessage(GROUP, "x").catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TelegramError);
        expect((error as TelegramError).parameters?.retry_after).toBe(7);
      }
      await bot.telegram.sendMessage(GROUP, "third time lucky");
      expect(server.messagesIn(GROUP).map((m) => m.plainText)).toEqual(["third time lucky"]);
      expect(server.stats.rateLimited429).toBe(2);

      server.kickBotFrom(GROUP);
      server.kickBotFrom(ALICE.id);
      const kicked = (await bot.telegram.sendMessage(GROUP, "x").catch((e: unknown) => e)) as TelegramError;
      expect([kicked.code, kicked.description]).toEqual([403, "Forbidden: bot was kicked from the group chat"]);
      const blocked = (await bot.telegram.sendMessage(ALICE.id, "x").catch((e: unknown) => e)) as TelegramError;
      expect(blocked.description).toBe("Forbidden: bot was blocked by the user");
    });
  });

  describe("webhook", () => {
    it("pushes updates with the secret header, retries, runs webhook replies and blocks getUpdates", async () => {
      const receiver = await startReceiver((count) =>
        count === 1
          ? { status: 500 }
          : { status: 200, body: JSON.stringify({ method: "sendMessage", chat_id: GROUP, text: "pong" }) },
      );
      const hooked = new FakeTelegramServer({ webhookRetry: { baseDelayMs: 10 }, allowInsecureWebhooks: true });
      await hooked.start();
      try {
        hooked.addGroup({ id: GROUP, title: "g" });
        resultOf(await call(hooked, "setWebhook", { url: receiver.url, secret_token: "s3cret_token" }));
        const conflict = await call(hooked, "getUpdates");
        expect(conflict.status).toBe(409);
        expect(conflict.body.description).toMatch(/^Conflict: can't use getUpdates method while webhook is active/);

        const update = hooked.sendText({ chatId: GROUP, from: ALICE, text: "/ping" });
        const pong = await hooked.waitForMessage(GROUP, (m) => m.plainText === "pong");
        expect(receiver.received).toHaveLength(2);
        for (const request of receiver.received) {
          expect(request.headers["x-telegram-bot-api-secret-token"]).toBe("s3cret_token");
          expect(request.body).toEqual(update);
        }
        expect(pong.method).toBe("sendMessage");
        expect(hooked.calls.find((c) => c.method === "sendMessage")?.viaWebhookReply).toBe(true);
        const info = resultOf<{ url: string; pending_update_count: number; last_error_message?: string }>(
          await call(hooked, "getWebhookInfo"),
        );
        expect(info).toMatchObject({
          url: receiver.url,
          pending_update_count: 0,
          last_error_message: "Wrong response from the webhook: 500 Internal Server Error",
        });
        resultOf(await call(hooked, "deleteWebhook"));
        expect(resultOf<unknown[]>(await call(hooked, "getUpdates"))).toEqual([]);
      } finally {
        await hooked.stop();
        await new Promise((resolve) => receiver.server.close(resolve));
      }
    });
  });

  describe("webhook with a real Telegraf bot", () => {
    it("delivers to telegraf's webhookCallback with the secret token, and gives up after retries on 403", async () => {
      const bot = new Telegraf(TOKEN, { telegram: { apiRoot: server.apiRoot } });
      bot.command("start", (ctx) => ctx.reply("Chào mừng"));
      const receiver = createServer(bot.webhookCallback("/hook", { secretToken: "abc_DEF-123" }));
      await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
      try {
        const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
        await bot.telegram.setWebhook(url, { secret_token: "abc_DEF-123" });
        server.sendText({ chatId: ALICE.id, from: ALICE, text: "/start" });
        expect((await server.waitForMessage(ALICE.id)).plainText).toBe("Chào mừng");
        await expect.poll(() => server.stats.webhookDelivered).toBe(1);

        // With a wrong secret telegraf answers 403: the fake retries, then gives up.
        await bot.telegram.setWebhook(url, { secret_token: "wrong" });
        server.sendText({ chatId: ALICE.id, from: ALICE, text: "/start" });
        await expect.poll(() => server.stats.webhookDropped, { timeout: 8000 }).toBe(1);
        expect(server.messagesIn(ALICE.id)).toHaveLength(1);
      } finally {
        receiver.closeAllConnections();
        await new Promise((resolve) => receiver.close(resolve));
      }
    });
  });
});
