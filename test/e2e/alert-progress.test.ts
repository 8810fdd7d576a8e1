/**
 * Issue 3, end to end: an officer follows a broadcast as it goes. Against the fake Telegram server
 * enforcing Telegram's limits, an alert to 150 groups takes about five seconds; the officer's
 * message with the alert id must come before the groups, and its progress line must be edited while
 * groups are still being reached, not only at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput, StoredMessage } from "../../src/sandbox/fake-telegram/types.js";
import { startHarnessWithThreadedFake, type Harness } from "../support/harness.js";
import type { ThreadedFakeTelegram } from "../support/fake-telegram-thread.js";

const officer: FakeUserInput = { id: 8_100_000_151, first_name: "Hà", language_code: "vi" };
const GROUPS = 150;
const groupId = (i: number) => -(7_150_000 + i);

let h: Harness<ThreadedFakeTelegram>;

beforeAll(async () => {
  // The fake on its own thread stamps arrivals as Telegram would, whatever this thread (the bot's) is doing.
  h = await startHarnessWithThreadedFake({ fake: { limits: {} } });
  const { db } = h.app;
  const area = await db.area.create({ data: { code: "phuly.lienbat", name: "Phường Liêm Bắc" } });
  const user = await db.user.create({
    data: { platform: "telegram", platformUserId: String(officer.id), displayName: "Hà" },
  });
  await db.role.create({ data: { userId: user.id, areaId: area.id, role: "officer" } });
  h.fake.addPrivateChatUser(officer);
  const rows = [];
  for (let i = 0; i < GROUPS; i++) {
    h.fake.addGroup({ id: groupId(i), title: `Tổ dân phố ${i + 1}` });
    rows.push({
      platform: "telegram" as const,
      platformChatId: String(groupId(i)),
      kind: "group" as const,
      title: `Tổ dân phố ${i + 1}`,
      areaId: area.id,
    });
  }
  await db.chat.createMany({ data: rows });
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe("following a broadcast", () => {
  it("tells the officer the id before the groups, and edits the progress while groups are still being reached", async () => {
    const reached = new Set<number>();
    let reachedWhenIdShown = -1;
    const progressSeen: { text: string; reached: number }[] = [];
    h.fake.on("botMessage", (m: StoredMessage) => {
      if (m.chatId < 0 && m.plainText.includes("TIẾNG KẺNG")) reached.add(m.chatId);
      if (m.chatId === officer.id && m.plainText.includes("Đã đánh kẻng")) reachedWhenIdShown = reached.size;
    });
    h.fake.on("botEdit", (m: StoredMessage) => {
      if (m.chatId === officer.id) progressSeen.push({ text: m.plainText, reached: reached.size });
    });

    h.fake.sendText({
      chatId: officer.id,
      from: officer,
      text: "/keng cao Cảnh báo lừa đảo qua điện thoại giả danh công an",
    });
    const done = await h.fake.waitForMessage(
      officer.id,
      (m) => m.plainText.includes(`Hoàn tất: đã gửi ${GROUPS}/${GROUPS}, lỗi 0`),
      30_000,
    );

    expect(done.plainText).toContain("Tiếng kẻng K1 — Phường Liêm Bắc (150 nơi nhận)");
    expect(reachedWhenIdShown).toBeGreaterThanOrEqual(0);
    expect(reachedWhenIdShown).toBeLessThan(5);
    const during = progressSeen.filter((p) => /Đã gửi \d+\/150/.test(p.text) && p.reached < GROUPS);
    expect(during.length).toBeGreaterThan(0);
    expect(reached.size).toBe(GROUPS);
    expect(h.fake.stats.rateLimited429, h.fake.describeRefusals()).toBe(0);
  }, 60_000);
});
