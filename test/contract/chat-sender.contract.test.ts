/**
 * One contract for the platform port (ChatSender): the same suite runs against the Telegram adapter
 * (telegraf → fake Telegram Bot API) and the Zalo adapter (our axios client → fake Zalo Bot API).
 */
import { Telegram } from "telegraf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlatformError } from "../../src/core/errors.js";
import { Translator } from "../../src/core/i18n.js";
import type { OutboundMessage } from "../../src/core/messages.js";
import type { ChatSender, PromptStore } from "../../src/core/ports.js";
import { lines, raw, t } from "../../src/core/text.js";
import { TelegramSender } from "../../src/platforms/telegram/telegram-sender.js";
import { ZaloBotClient } from "../../src/platforms/zalo/client/index.js";
import { ZaloSender } from "../../src/platforms/zalo/zalo-sender.js";
import { FakeTelegramServer } from "../../src/sandbox/fake-telegram/index.js";
import { FakeZaloServer } from "../../src/sandbox/fake-zalo/index.js";

/** A hand-written in-memory PromptStore (the port's fake). */
class MemoryPromptStore implements PromptStore {
  readonly rows: { chatKey: string; number: number; data: string; primary: boolean }[] = [];
  async allocate(input: { chatKey: string; options: readonly { data: string; primary: boolean }[] }) {
    const used = new Set(this.rows.filter((r) => r.chatKey === input.chatKey).map((r) => r.number));
    const numbers: number[] = [];
    for (let n = 1; numbers.length < input.options.length; n++) if (!used.has(n)) numbers.push(n);
    input.options.forEach((o, i) => this.rows.push({ chatKey: input.chatKey, number: numbers[i] ?? 0, ...o }));
    return numbers;
  }
  async resolveNumber(input: { chatKey: string; number: number }) {
    return this.rows.find((r) => r.chatKey === input.chatKey && r.number === input.number)?.data ?? null;
  }
  readonly textQuestions = new Set<string>();
  async expectText(input: { chatKey: string }) {
    this.textQuestions.add(input.chatKey);
  }
  async awaitsText(input: { chatKey: string }) {
    return this.textQuestions.has(input.chatKey);
  }
}

interface Driver {
  readonly name: string;
  readonly limit: number;
  sender: ChatSender;
  chatId: string;
  start(translator: Translator): Promise<void>;
  stop(): Promise<void>;
  /** What the person reads in the chat, message by message. */
  read(): string[];
  /** How the person presses the choice labelled `label`: a button's callback data, or a number to reply. */
  choice(label: string): string | undefined;
  failNext(code: number, description: string, retryAfter?: number): void;
  down(down: boolean): void;
  /** How this platform says the bot can no longer write to the chat. */
  readonly chatGone: { readonly code: number; readonly description: string };
}

function telegramDriver(): Driver {
  const fake = new FakeTelegramServer();
  const chatId = 424242;
  const driver: Driver = {
    name: "telegram",
    limit: 4096,
    chatGone: { code: 403, description: "Forbidden: bot was blocked by the user" },
    sender: undefined as unknown as ChatSender,
    chatId: String(chatId),
    async start(translator) {
      await fake.start();
      fake.addPrivateChatUser({ id: chatId, first_name: "Minh" });
      driver.sender = new TelegramSender({
        telegram: new Telegram(fake.token, { apiRoot: fake.apiRoot }),
        translator,
        botUsername: () => "KengBot",
      });
    },
    stop: () => fake.stop(),
    read: () => fake.messagesIn(chatId).map((m) => m.plainText),
    choice: (label) =>
      fake
        .messagesIn(chatId)
        .flatMap((m) => m.buttons)
        .find((b) => b.text.includes(label))?.callback_data,
    failNext: (code, description, retryAfter) =>
      fake.failNext(
        { chatId },
        { errorCode: code, description, ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}) },
      ),
    down: (d) => fake.setDown(d, "reset"),
  };
  return driver;
}

function zaloDriver(): Driver {
  const fake = new FakeZaloServer();
  const prompts = new MemoryPromptStore();
  const chatId = "5001112223334445556";
  const driver: Driver = {
    name: "zalo",
    limit: 2000,
    // 403 is Zalo's "Internal server error" (ZALO.md); no "blocked" answer is documented.
    chatGone: { code: 400, description: "Bad Request: user is not a follower of the bot" },
    sender: undefined as unknown as ChatSender,
    chatId,
    async start(translator) {
      await fake.start();
      fake.addUser({ id: chatId, displayName: "Minh" });
      driver.sender = new ZaloSender({
        client: new ZaloBotClient({ token: fake.token, apiRoot: fake.apiRoot, timeoutMs: 3000 }),
        translator,
        prompts,
        chatKey: (id) => `k:${id}`,
      });
    },
    stop: () => fake.stop(),
    read: () => fake.messagesIn(chatId).map((m) => m.plainText),
    choice: (label) => {
      const line = fake
        .messagesIn(chatId)
        .flatMap((m) => m.plainText.split("\n"))
        .find((l) => l.includes(label));
      const number = line ? /^(\d+) —/.exec(line)?.[1] : undefined;
      return number ? prompts.rows.find((r) => r.number === Number(number))?.data : undefined;
    },
    failNext: (code, description, retryAfter) =>
      fake.failNext(
        { chatId },
        { errorCode: code, description, ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}) },
      ),
    down: (d) => fake.setDown(d, "reset"),
  };
  return driver;
}

for (const make of [telegramDriver, zaloDriver]) {
  const driver = make();
  describe(`ChatSender contract: ${driver.name}`, () => {
    const target = () => ({ chatId: driver.chatId, kind: "private" as const });
    const message = (text: OutboundMessage["text"], extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
      locale: "vi",
      text,
      ...extra,
    });

    beforeAll(async () => driver.start(await Translator.create("vi")));
    afterAll(async () => driver.stop());

    it("delivers a translated message the person can read, with user text shown as typed", async () => {
      const { messageId } = await driver.sender.send(
        target(),
        message(t("areas:create.done", { code: "phuly", name: "<b>Phủ Lý</b> & co" })),
      );
      expect(messageId).toBeTruthy();
      expect(driver.read().at(-1)).toBe("✅ Đã tạo khu vực <b>Phủ Lý</b> & co (mã phuly).");
    });

    it("splits a message longer than the platform allows, losing nothing", async () => {
      const before = driver.read().length;
      const body = Array.from({ length: 400 }, (_, i) => `Dòng ${i} của bản tin dài`).join("\n");
      await driver.sender.send(target(), message(raw(body)));
      const parts = driver.read().slice(before);
      expect(parts.length).toBeGreaterThan(1);
      for (const part of parts) expect(part.length).toBeLessThanOrEqual(driver.limit);
      expect(parts.join("\n")).toBe(body);
    });

    it("offers choices the person can make", async () => {
      await driver.sender.send(
        target(),
        message(lines(raw("Chọn một")), {
          buttons: [
            [
              { text: raw("Đồng ý"), callback: "yes:1" },
              { text: raw("Không"), callback: "no:1" },
            ],
          ],
        }),
      );
      expect(driver.choice("Đồng ý")).toBe("yes:1");
      expect(driver.choice("Không")).toBe("no:1");
    });

    it("maps refusals to PlatformError: chat_gone, 429 rate_limited with retry_after, 5xx server", async () => {
      const failure = async () =>
        driver.sender.send(target(), message(raw("x"))).then(
          () => undefined,
          (e: unknown) => e,
        );
      driver.failNext(driver.chatGone.code, driver.chatGone.description);
      expect(await failure()).toMatchObject({ failure: "chat_gone", retryable: false });
      driver.failNext(429, "Too Many Requests: retry after 3", 3);
      const limited = await failure();
      expect(limited).toBeInstanceOf(PlatformError);
      expect(limited).toMatchObject({ failure: "rate_limited", retryAfterMs: 3000 });
      driver.failNext(500, "Internal Server Error");
      expect(await failure()).toMatchObject({ failure: "server", retryable: true });
    });

    it("maps an unreachable platform to a retryable network error", async () => {
      driver.down(true);
      const error = await driver.sender.send(target(), message(raw("x"))).then(
        () => undefined,
        (e: unknown) => e,
      );
      driver.down(false);
      expect(error).toBeInstanceOf(PlatformError);
      expect((error as PlatformError).retryable).toBe(true);
    });
  });
}
