/**
 * Issue 17: the fake's plan (monthly messages, users per bot) answers as ZALO.md says Zalo does —
 * 429 "Quota exceeded" — our client reads it as a rate limit, and counts only accepted messages.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZaloBotClient } from "../../src/platforms/zalo/client/index.js";
import type { FakeZaloServer } from "../../src/sandbox/fake-zalo/index.js";
import { monthOf, nextPauseMs, nearQuotaThreshold, DEFAULT_ZALO_PAUSE } from "../../src/core/zalo-quota.js";
import { noticeRecipients } from "../../src/queue/zalo-quota-notice.js";
import { ALICE, BOB, GROUP, TOKEN, platformErrorOf, rawCall, startFake } from "./helpers.js";

describe("the fake's Zalo plan", () => {
  let server: FakeZaloServer;

  beforeEach(async () => {
    ({ server } = await startFake());
    server.addUser(BOB);
  });

  afterEach(async () => {
    await server.stop();
  });

  it("refuses every send once the month's messages are spent, until a new month", async () => {
    server.setPlan({ monthlyMessages: 2 });
    const sent: string[] = [];
    const client = new ZaloBotClient({
      token: TOKEN,
      apiRoot: server.apiRoot,
      timeoutMs: 5000,
      onSent: (method) => void sent.push(method),
    });
    await client.sendMessage({ chatId: ALICE.id, text: "một" });
    await client.sendMessage({ chatId: GROUP, text: "hai" });
    expect(await rawCall(server, "sendMessage", { chat_id: ALICE.id, text: "ba" })).toEqual({
      status: 429,
      body: { ok: false, error_code: 429, description: "Quota exceeded" },
    });
    const refused = await platformErrorOf(client.sendPhoto({ chatId: GROUP, photoUrl: "https://example.vn/a.jpg" }));
    expect(refused.failure).toBe("rate_limited");
    expect(sent).toEqual(["sendMessage", "sendMessage"]);
    server.newMonth();
    await client.sendMessage({ chatId: ALICE.id, text: "tháng mới" });
    expect(sent).toHaveLength(3);
    expect(server.messagesIn(ALICE.id).map((m) => m.plainText)).toEqual(["một", "tháng mới"]);
  });

  it("caps the people the bot may write to privately, groups aside", async () => {
    server.setPlan({ users: 1 });
    expect((await rawCall(server, "sendMessage", { chat_id: ALICE.id, text: "chào Alice" })).status).toBe(200);
    expect(await rawCall(server, "sendMessage", { chat_id: BOB.id, text: "chào Bob" })).toEqual({
      status: 429,
      body: { ok: false, error_code: 429, description: "Quota exceeded" },
    });
    expect((await rawCall(server, "sendMessage", { chat_id: ALICE.id, text: "lần nữa" })).status).toBe(200);
    expect((await rawCall(server, "sendMessage", { chat_id: GROUP, text: "cả tổ" })).status).toBe(200);
  });
});

describe("Zalo quota arithmetic", () => {
  it("takes the month in the deployment's time zone", () => {
    // 17:30 UTC on 31 December is already 1 January in Vietnam (UTC+7).
    const at = new Date("2026-12-31T17:30:00Z");
    expect(monthOf(at, "Asia/Ho_Chi_Minh")).toBe("2027-01");
    expect(monthOf(at, "UTC")).toBe("2026-12");
  });

  it("pauses one minute, then doubles up to fifteen", () => {
    const steps = [0];
    for (let i = 0; i < 6; i++) steps.push(nextPauseMs(steps.at(-1) ?? 0, DEFAULT_ZALO_PAUSE));
    expect(steps.slice(1).map((ms) => ms / 60_000)).toEqual([1, 2, 4, 8, 15, 15]);
  });

  it("tells the admins at 80 % of the quota", () => {
    expect(nearQuotaThreshold(3000)).toBe(2400);
    expect(nearQuotaThreshold(5)).toBe(4);
    expect(nearQuotaThreshold(1)).toBe(1);
  });

  it("tells the superadmins on Telegram when any is listed, else on Zalo", () => {
    const tg = { platform: "telegram" as const, platformUserId: "1001" };
    const za = { platform: "zalo" as const, platformUserId: "8a7f" };
    expect(noticeRecipients({ superadmins: [za, tg], platforms: new Set(["telegram", "zalo"]) })).toEqual([tg]);
    expect(noticeRecipients({ superadmins: [za], platforms: new Set(["telegram", "zalo"]) })).toEqual([za]);
    // A Telegram account on a deployment without Telegram cannot be reached.
    expect(noticeRecipients({ superadmins: [tg, za], platforms: new Set(["zalo"]) })).toEqual([za]);
  });
});
