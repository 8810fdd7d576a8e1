/**
 * Issue 16, end to end: Kẻng with REDIS_URL unset needs nothing but PostgreSQL. The same bot, over
 * HTTP against the fake Telegram server enforcing Telegram's limits, strikes the gong to a ward's
 * groups, counts an acknowledgement and takes a tip to the ward's officer, with its job queues
 * (deliver, tips), send limiter, counters and claims all in the test's database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { startHarness, type Harness } from "../support/harness.js";
import { sendQuickTip } from "../support/quick-tip.js";
import {
  createAreas,
  makeOfficer,
  nextMatching,
  pressAndWait,
  registerGroup,
  trackingCode,
  WAIT_MS,
} from "../tips/support.js";

const officer: FakeUserInput = { id: 5_600_000_001, first_name: "Lan", language_code: "vi" };
const resident: FakeUserInput = { id: 6_600_000_002, first_name: "Minh", language_code: "vi" };
const GROUPS = [-1_001_600_000_001, -1_001_600_000_002, -1_001_600_000_003];

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ backend: "postgres", fake: { limits: {} } });
  await createAreas(h);
  await makeOfficer(h, officer, "phuly.minhkhai");
  await registerGroup(h, { groupId: GROUPS[0] ?? 0, officer, areaCode: "phuly.minhkhai.to5", members: [resident] });
  for (const groupId of GROUPS.slice(1))
    await registerGroup(h, { groupId, officer, areaCode: "phuly.minhkhai", members: [] });
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

describe("with REDIS_URL unset", () => {
  it("runs on PostgreSQL alone, and says so on GET /healthz (no redis field)", async () => {
    expect(h.config.REDIS_URL).toBeUndefined();
    const health = await fetch(`http://127.0.0.1:${h.app.httpPort}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", postgres: "ok", telegram: "ok" });
  });

  it("strikes the gong to every group of the ward, reports progress, and counts an acknowledgement", async () => {
    h.fake.sendText({
      chatId: officer.id,
      from: officer,
      text: "/keng khan Phát hiện đối tượng trộm xe máy tại ngõ 5",
    });
    const alerts = await Promise.all(
      GROUPS.map((groupId) =>
        h.fake.waitForMessage(groupId, (m) => m.plainText.includes("TIẾNG KẺNG AN NINH — KHẨN CẤP"), WAIT_MS),
      ),
    );
    for (const alert of alerts) {
      expect(alert.plainText).toContain("Phát hiện đối tượng trộm xe máy tại ngõ 5");
      expect(alert.buttons.map((b) => b.text)).toContain("✅ Đã nhận");
    }
    await h.fake.waitForMessage(officer.id, (m) => m.plainText.includes("Hoàn tất: đã gửi 3/3"), WAIT_MS);

    const [first] = alerts;
    if (!first) throw new Error("no alert");
    const press = h.fake.pressButton({
      chatId: first.chatId,
      from: resident,
      messageId: first.messageId,
      data: "ak:1",
    });
    expect((await h.fake.waitForCallbackAnswer(press.callback_query?.id ?? "")).text).toContain(
      "Cảm ơn bạn đã xác nhận",
    );
    const status = await h.dm(officer, "/tinhtrang K1");
    expect(status.plainText).toContain("Đã gửi: 3 · Lỗi: 0 · Đang chờ: 0");
    expect(status.plainText).toContain("Đã nhận: 1 người");
  });

  it("takes a tip: the tracking code to the tipster, the card to the officer, the officer's answer back", async () => {
    const { receipt } = await sendQuickTip(h, resident, "Có người lạ hay đứng trước cổng trường buổi tối");
    const code = trackingCode(receipt);
    // The card goes out through the `tips` queue's forwarding job, then the deliver queue.
    const card = await h.fake.waitForMessage(
      officer.id,
      (m) => m.plainText.includes(`Tin tố giác ${code}`) && m.buttons.length === 5,
      WAIT_MS,
    );
    expect(card.plainText).toContain("Có người lạ hay đứng trước cổng trường buổi tối");
    await pressAndWait(h, officer, card, "Tiếp nhận", `Bạn đã tiếp nhận tin ${code}`);
    await nextMatching(h, resident.id, receipt.messageId, `Tin ${code} đã được chuyển tới cán bộ`);
  });

  it("kept Telegram's limits: no 429 from the fake", () => {
    expect(h.fake.stats.rateLimited429).toBe(0);
  });

  it("kept the jobs in the database's `bullmq` schema", async () => {
    const queues = await h.app.db.$queryRaw<
      { queue: string }[]
    >`SELECT DISTINCT queue FROM bullmq.event ORDER BY queue`;
    expect(queues.map((q) => q.queue)).toEqual(["deliver", "tips"]);
  });

  it("has the scheduler purge the send limiter's expired chat rows (as Redis expires its keys) and keep the live ones", async () => {
    // Another prefix's scope: the bot's own reservations never clean it, only the scheduler's purge.
    const scope = "keng-test-elsewhere:telegram";
    await h.app.db.$executeRaw`INSERT INTO "SendLimitChatSlot" ("scope", "chatKey", "slotUs", "expiresUs")
      VALUES (${scope}, 'gone', 1, send_limit_now_us() - 1000000), (${scope}, 'live', 2, send_limit_now_us() + 3600000000)`;
    await h.app.db.$executeRaw`INSERT INTO "SendLimitChatBlock" ("scope", "chatKey", "untilUs")
      VALUES (${scope}, 'gone', send_limit_now_us() - 1000000), (${scope}, 'live', send_limit_now_us() + 3600000000)`;
    const keys = async () => ({
      slots: (
        await h.app.db.$queryRaw<
          { chatKey: string }[]
        >`SELECT "chatKey" FROM "SendLimitChatSlot" WHERE "scope" = ${scope} ORDER BY 1`
      ).map((r) => r.chatKey),
      blocks: (
        await h.app.db.$queryRaw<
          { chatKey: string }[]
        >`SELECT "chatKey" FROM "SendLimitChatBlock" WHERE "scope" = ${scope} ORDER BY 1`
      ).map((r) => r.chatKey),
    });
    expect(await keys()).toEqual({ slots: ["gone", "live"], blocks: ["gone", "live"] });
    // The purge runs when the scheduler starts and then every minute: a restart brings the next run now.
    await h.app.stop();
    await h.restart();
    await expect.poll(keys, { timeout: WAIT_MS }).toEqual({ slots: ["live"], blocks: ["live"] });
  });
});
