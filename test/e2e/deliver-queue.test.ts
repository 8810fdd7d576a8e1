/**
 * The deliver queue against the fake Telegram server enforcing Telegram's limits (30/s overall,
 * 20/min per group, 1/s per private chat): exactly-once delivery, no 429 provoked, retry_after
 * honoured, and pending deliveries recovered from Postgres after Redis lost its jobs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { startHarnessWithThreadedFake, type Harness } from "../support/harness.js";
import type { ThreadedFakeTelegram } from "../support/fake-telegram-thread.js";
import { raw } from "../../src/core/text.js";
import { testRedisUrl } from "../support/backends.js";

let h: Harness<ThreadedFakeTelegram>;

async function createGroups(from: number, count: number): Promise<{ telegramId: number; chatId: number }[]> {
  const groups = [];
  for (let i = 0; i < count; i++) {
    const telegramId = -(from + i);
    h.fake.addGroup({ id: telegramId, title: `Tổ ${from + i}` });
    const chat = await h.app.db.chat.create({
      data: { platform: "telegram", platformChatId: String(telegramId), kind: "group", title: `Tổ ${from + i}` },
    });
    groups.push({ telegramId, chatId: chat.id });
  }
  return groups;
}

beforeAll(async () => {
  // The fake on its own thread stamps arrivals as Telegram would, whatever this thread (the bot's) is doing.
  h = await startHarnessWithThreadedFake({ fake: { limits: {} } });
});

afterAll(async () => {
  await h?.stop();
});

describe("deliver queue", () => {
  it("delivers 200 messages to 200 groups exactly once without provoking a 429", async () => {
    const groups = await createGroups(100_000, 200);
    await h.app.outbox.enqueue(
      groups.map((g, i) => ({
        key: `test:bulk:${i}`,
        to: { chatId: g.chatId },
        priority: "bulk" as const,
        message: { locale: "vi" as const, text: raw(`Tin số ${i}`) },
      })),
    );
    // Enqueueing the same keys again must not send anything twice.
    await h.app.outbox.enqueue(
      groups.map((g, i) => ({
        key: `test:bulk:${i}`,
        to: { chatId: g.chatId },
        priority: "bulk" as const,
        message: { locale: "vi" as const, text: raw(`Tin số ${i}`) },
      })),
    );
    // One call for all groups: a call per group, every 250 ms, would keep the fake's thread busy.
    await expect
      .poll(
        () => h.fake.messagesInEach(groups.map((g) => g.telegramId)).filter((messages) => messages.length > 0).length,
        { timeout: 30_000, interval: 250 },
      )
      .toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    groups.forEach((g, i) => {
      const messages = h.fake.messagesIn(g.telegramId);
      expect(messages).toHaveLength(1);
      expect(messages[0]?.plainText).toBe(`Tin số ${i}`);
    });
    expect(h.fake.stats.rateLimited429, h.fake.describeRefusals()).toBe(0);
    const sent = await h.app.db.delivery.count({ where: { key: { startsWith: "test:bulk:" }, status: "sent" } });
    expect(sent).toBe(200);
  }, 60_000);

  it("waits retry_after after a 429 and then delivers everything", async () => {
    const groups = await createGroups(200_000, 20);
    const target = groups[0];
    if (!target) throw new Error("no group");
    h.fake.failNext(
      { method: "sendMessage", chatId: target.telegramId },
      { errorCode: 429, description: "Too Many Requests: retry after 2", parameters: { retry_after: 2 } },
    );
    await h.app.outbox.enqueue(
      groups.map((g, i) => ({
        key: `test:retry:${i}`,
        to: { chatId: g.chatId },
        priority: "interactive" as const,
        message: { locale: "vi" as const, text: raw(`Lần ${i}`) },
      })),
    );
    await expect
      .poll(() => groups.filter((g) => h.fake.messagesIn(g.telegramId).length === 1).length, {
        timeout: 20_000,
        interval: 200,
      })
      .toBe(20);
    const calls = h.fake.calls.filter(
      (c) => c.method === "sendMessage" && String(c.params.chat_id) === String(target.telegramId),
    );
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    const [refused, accepted] = calls;
    expect((accepted?.time ?? 0) - (refused?.time ?? 0)).toBeGreaterThanOrEqual(2000);
  }, 30_000);

  it("re-queues pending deliveries from Postgres after Redis lost every job", async () => {
    const groups = await createGroups(300_000, 5);
    await h.app.stop();
    // Redis keeps nothing on disk: wipe this deployment's keys as a restart of Redis would.
    const redis = new Redis(testRedisUrl);
    const keys = await redis.keys(`${h.config.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    const { createDb } = await import("../../src/db/client.js");
    const db = createDb(h.databaseUrl);
    await db.delivery.createMany({
      data: groups.map((g, i) => ({
        key: `test:lost:${i}`,
        chatId: g.chatId,
        priority: 1,
        payload: { locale: "vi", text: { raw: `Còn ${i}` } },
      })),
    });
    await db.$disconnect();
    await h.restart();
    await expect
      .poll(
        () => groups.filter((g) => h.fake.messagesIn(g.telegramId).some((m) => m.plainText.startsWith("Còn"))).length,
        { timeout: 20_000, interval: 200 },
      )
      .toBe(5);
  }, 30_000);
});
