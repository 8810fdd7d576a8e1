/**
 * Issue 20, end to end: with TELEGRAM_PAID_BROADCAST=khan a khẩn alert goes to every group as a
 * Telegram paid broadcast (allow_paid_broadcast), faster than the free 30/s and without a 429, and
 * paid for in Stars; a cao alert goes unflagged at ≤ 30/s; when Telegram refuses the paid sends (no
 * Stars), the alert still reaches every group at 30/s and the superadmin is told. Without the
 * variable nothing carries the flag. Against the fake Bot API on its own thread, enforcing both limits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallRecord, FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { capturedLogger } from "../support/captured-log.js";
import type { ThreadedFakeTelegram } from "../support/fake-telegram-thread.js";
import { SUPERADMIN, startHarnessWithThreadedFake, type Harness } from "../support/harness.js";

const officer: FakeUserInput = { id: 8_100_000_201, first_name: "Hà", language_code: "vi" };
const GROUPS = 120;

/** An area with an officer and `count` Telegram groups (ids from `firstId` down). */
async function setUp(h: Harness<ThreadedFakeTelegram>, firstId: number, count: number): Promise<number[]> {
  const { db } = h.app;
  const area = await db.area.create({ data: { code: "phuly.lienbat", name: "Phường Liêm Bắc" } });
  const user = await db.user.create({
    data: { platform: "telegram", platformUserId: String(officer.id), displayName: "Hà" },
  });
  await db.role.create({ data: { userId: user.id, areaId: area.id, role: "officer" } });
  await db.user.create({
    data: { platform: "telegram", platformUserId: String(SUPERADMIN.id), displayName: "Quản trị", locale: "vi" },
  });
  h.fake.addPrivateChatUser(officer);
  h.fake.addPrivateChatUser(SUPERADMIN);
  const ids = Array.from({ length: count }, (_, i) => -(firstId + i));
  for (const [i, id] of ids.entries()) h.fake.addGroup({ id, title: `Tổ dân phố ${i + 1}` });
  await db.chat.createMany({
    data: ids.map((id, i) => ({
      platform: "telegram" as const,
      platformChatId: String(id),
      kind: "group" as const,
      title: `Tổ dân phố ${i + 1}`,
      areaId: area.id,
    })),
  });
  return ids;
}

/** Issues an alert and waits until every group has it; returns the accepted sends to the groups. */
async function gong(h: Harness<ThreadedFakeTelegram>, groups: number[], command: string): Promise<CallRecord[]> {
  const before = h.fake.calls.length;
  const text = command.split(" ").slice(2).join(" ");
  h.fake.sendText({ chatId: officer.id, from: officer, text: command });
  await expect
    .poll(
      () => h.fake.messagesInEach(groups).filter((messages) => messages.some((m) => m.plainText.includes(text))).length,
      { timeout: 30_000, interval: 250 },
    )
    .toBe(groups.length);
  return h.fake.calls
    .slice(before)
    .filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) < 0 && c.status === 200);
}

const spanMs = (calls: CallRecord[]) => Math.max(...calls.map((c) => c.time)) - Math.min(...calls.map((c) => c.time));

/** The most sends that arrived within one second. */
function busiestSecond(calls: CallRecord[]): number {
  const times = calls.map((c) => c.time).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while ((times[j] ?? 0) - (times[i] ?? 0) >= 1000) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}
const flagged = (calls: CallRecord[]) => calls.filter((c) => String(c.params.allow_paid_broadcast) === "true");

describe("with TELEGRAM_PAID_BROADCAST=khan", () => {
  let h: Harness<ThreadedFakeTelegram>;
  let groups: number[];
  const log = capturedLogger();

  beforeAll(async () => {
    h = await startHarnessWithThreadedFake({
      fake: { limits: {} },
      env: { TELEGRAM_PAID_BROADCAST: "khan" },
      logger: log.logger,
    });
    groups = await setUp(h, 7_200_000, GROUPS);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it("sends a khẩn alert to 120 groups as a paid broadcast, faster than 30/s, without a 429, paid in Stars", async () => {
    h.fake.setStarsBalance(1000);
    const sends = await gong(h, groups, "/keng khan Cháy lớn ở chợ Liêm Bắc, tránh xa khu vực");
    expect(sends).toHaveLength(GROUPS);
    expect(flagged(sends)).toHaveLength(GROUPS);
    for (const id of groups) expect(h.fake.lastMessage(id)?.paidBroadcast).toBe(true);
    // Faster than the free rate: more than 30 groups reached within one second.
    expect(busiestSecond(sends)).toBeGreaterThan(30);
    expect(h.fake.stats.rateLimited429, h.fake.describeRefusals()).toBe(0);
    const { paidBilled } = h.fake.stats;
    expect(paidBilled).toBeGreaterThan(0);
    expect(h.fake.starsBalance).toBeCloseTo(1000 - paidBilled * 0.1, 5);
  }, 60_000);

  it("sends a cao alert unflagged, at no more than 30 a second", async () => {
    const sends = await gong(h, groups, "/keng cao Cảnh báo lừa đảo qua điện thoại giả danh công an");
    expect(sends).toHaveLength(GROUPS);
    expect(flagged(sends)).toEqual([]);
    // 120 sends at ≤ 30/s: never more than 30 in a second, the first and the last ≥ 3 s apart.
    expect(busiestSecond(sends)).toBeLessThanOrEqual(30);
    expect(spanMs(sends)).toBeGreaterThan(3000);
    expect(h.fake.stats.rateLimited429, h.fake.describeRefusals()).toBe(0);
  }, 60_000);

  it("falls back to 30/s when Telegram refuses the paid sends, and tells the superadmin", async () => {
    h.fake.setStarsBalance(0);
    const refusedBefore = h.fake.stats.paidRefused;
    const sends = await gong(h, groups, "/keng khan Lũ quét ở thôn Bắc, di chuyển lên chỗ cao");
    expect(h.fake.stats.paidRefused).toBeGreaterThan(refusedBefore);
    // Every group has it once: the refused sends went again, unflagged.
    for (const id of groups)
      expect(h.fake.messagesIn(id).filter((m) => m.plainText.includes("Lũ quét ở thôn Bắc"))).toHaveLength(1);
    expect(sends).toHaveLength(GROUPS);
    expect(flagged(sends).length).toBeLessThan(GROUPS);
    expect(h.fake.stats.rateLimited429, h.fake.describeRefusals()).toBe(0);
    const notice = await h.fake.waitForMessage(SUPERADMIN.id, (m) => m.plainText.includes("trả phí"), 15_000);
    expect(notice.plainText).toContain("Telegram từ chối gửi kẻng khẩn theo chế độ trả phí");
    expect(notice.plainText).toContain("Nạp thêm Stars");
    // One line in this process's log, however many flagged sends were refused.
    expect(log.lines.filter((line) => line.includes('"event":"paid_broadcast_refused"'))).toHaveLength(1);
  }, 60_000);
});

describe("without TELEGRAM_PAID_BROADCAST", () => {
  let h: Harness<ThreadedFakeTelegram>;
  let groups: number[];

  beforeAll(async () => {
    h = await startHarnessWithThreadedFake({ fake: { limits: {} } });
    h.fake.setStarsBalance(1000);
    groups = await setUp(h, 7_300_000, 40);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it("sends even a khẩn alert unflagged, at the free rate", async () => {
    const sends = await gong(h, groups, "/keng khan Cháy lớn ở chợ Liêm Bắc, tránh xa khu vực");
    expect(sends).toHaveLength(40);
    expect(flagged(sends)).toEqual([]);
    expect(h.fake.stats.paidBilled).toBe(0);
    expect(h.fake.starsBalance).toBe(1000);
    expect(h.fake.stats.rateLimited429, h.fake.describeRefusals()).toBe(0);
  }, 60_000);
});
