/**
 * Issue 17, end to end: Zalo's plan (the fake's monthly quota of 5 messages, ZALO_MONTHLY_QUOTA=5).
 * The superadmin is told once at 80 %; when Zalo answers 429 "Quota exceeded", Zalo sends pause
 * instead of retrying each message (the fake receives no send while paused), the superadmin is told
 * once, and /baocao and /metrics show it; once Zalo takes messages again, a pending alert goes out
 * before the campaign messages that were waiting longer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredMessage } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import { sayOnZalo, zaloOf } from "../support/zalo-steps.js";

const officer: FakeUserInput = { id: 8_900_000_001, first_name: "Lan", language_code: "vi" };
const zaloOfficer = { id: "5007777777777777777", displayName: "Cán bộ Hòa" };
const GROUPS = ["g-quota-to1", "g-quota-to2"] as const;
const QUOTA = 5;
const WAIT_MS = 20_000;

let h: Harness;
const zalo = () => zaloOf(h);
const SEND_METHODS = new Set(["sendMessage", "sendPhoto", "sendSticker"]);
/** Every send request the fake received, refused ones included. */
const sendCalls = () => zalo().calls.filter((c) => SEND_METHODS.has(c.method)).length;
const zaloSay = (chatId: string, text: string, group: boolean) =>
  sayOnZalo(h, {
    chatId,
    from: zaloOfficer,
    text,
    chatType: group ? "GROUP" : "PRIVATE",
    mentionBot: group,
    timeoutMs: WAIT_MS,
  });
const noticesTo = (chatId: number, words: string) =>
  h.fake.messagesIn(chatId).filter((m: StoredMessage) => m.plainText.includes(words));
const scrape = async () => (await fetch(`http://127.0.0.1:${h.app.httpPort}/metrics`)).text();

beforeAll(async () => {
  // A long first pause, so that the checks made during it cannot outlast it on a slow machine.
  h = await startHarness({
    zalo: true,
    env: { ZALO_MONTHLY_QUOTA: String(QUOTA) },
    zaloPause: { firstMs: 8000, maxMs: 16_000 },
  });
  zalo().setPlan({ monthlyMessages: QUOTA });
  h.fake.addPrivateChatUser(SUPERADMIN);
  h.fake.addPrivateChatUser(officer);
  zalo().addUser(zaloOfficer);
  for (const id of GROUPS) zalo().addGroup({ id, title: `Tổ ${id}` });
  await h.dm(SUPERADMIN, "/themkhuvuc hanam Tỉnh Hà Nam");
  await h.dm(SUPERADMIN, "/themkhuvuc hanam.lamha Phường Lam Hạ");
  const invite = await h.dm(SUPERADMIN, "/moi officer hanam.lamha");
  await h.dm(officer, `/thamgia ${/\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? ""}`);
  // A Zalo officer registers two Zalo groups: three Zalo messages of the five.
  const zaloInvite = await h.dm(SUPERADMIN, "/moi officer hanam.lamha");
  await zaloSay(zaloOfficer.id, `/thamgia ${/\/thamgia ([A-Z0-9]+)/.exec(zaloInvite.plainText)?.[1] ?? ""}`, false);
  for (const id of GROUPS)
    expect((await zaloSay(id, "/dangky hanam.lamha", true)).plainText).toContain("Nhóm đã được liên kết");
  expect(zalo().stats.sends).toBe(3);
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

describe("Zalo's monthly quota", () => {
  it("tells the superadmin once when the month's Zalo sends reach 80 %", async () => {
    await h.dm(officer, "/keng khan Cháy tại chợ Lam Hạ, bà con tránh xa");
    for (const id of GROUPS) await zalo().waitForMessage(id, (m) => m.plainText.includes("Cháy tại chợ"), WAIT_MS);
    const notice = await h.fake.waitForMessage(
      SUPERADMIN.id,
      (m) => m.plainText.includes("Zalo sắp hết hạn mức"),
      WAIT_MS,
    );
    expect(notice.plainText).toMatch(/Bot đã gửi [45]\/5 tin nhắn qua Zalo/);
    expect(zalo().stats.sends).toBe(QUOTA);
  });

  it("pauses Zalo sends on 429 instead of retrying each message, and tells the superadmin once", async () => {
    await h.dm(SUPERADMIN, "/chiendich hanam.lamha now Tháng hành động phòng, chống ma túy");
    const notice = await h.fake.waitForMessage(
      SUPERADMIN.id,
      (m) => m.plainText.includes("Zalo từ chối gửi tin"),
      WAIT_MS,
    );
    expect(notice.plainText).toContain("Quota exceeded");
    expect(notice.plainText).toContain("Telegram không bị ảnh hưởng");
    const refusedSoFar = zalo().stats.rateLimited429;
    const callsSoFar = sendCalls();
    // Both campaign messages were refused at most once each: nothing was retried during the pause.
    expect(refusedSoFar).toBeGreaterThanOrEqual(1);
    expect(refusedSoFar).toBeLessThanOrEqual(GROUPS.length);

    // An alert during the pause waits too, and the fake hears nothing while Zalo is paused.
    await h.dm(officer, "/keng cao Mất trộm xe đạp tại trường tiểu học");
    await expect
      .poll(() => h.app.db.delivery.count({ where: { status: "pending", chat: { platform: "zalo" } } }), {
        timeout: WAIT_MS,
      })
      .toBe(2 * GROUPS.length);
    // Telegram is not paused: the notice above, the officer's confirmation and this report come at once.
    const report = await h.dm(SUPERADMIN, "/baocao hanam.lamha");
    expect(report.plainText).toContain(`đã gửi ${QUOTA}/${QUOTA} tin nhắn`);
    expect(report.plainText).toContain("tạm dừng gửi qua Zalo đến");
    const metrics = await scrape();
    expect(metrics).toMatch(new RegExp(`keng_zalo_sends_month\\{month="\\d{4}-\\d{2}"\\} ${QUOTA}`));
    expect(metrics).toContain(`keng_zalo_monthly_quota ${QUOTA}`);
    expect(metrics).toContain("keng_zalo_paused 1");
    expect(sendCalls()).toBe(callsSoFar);
    expect(zalo().stats.rateLimited429).toBe(refusedSoFar);
  });

  it("sends the waiting alert before the waiting campaign once Zalo takes messages again", async () => {
    zalo().newMonth();
    for (const id of GROUPS) {
      await zalo().waitForMessage(id, (m) => m.plainText.includes("phòng, chống ma túy"), WAIT_MS);
      const texts = zalo()
        .messagesIn(id)
        .map((m) => m.plainText);
      const alertAt = texts.findIndex((text) => text.includes("Mất trộm xe đạp"));
      expect(alertAt, `alert in ${id}`).toBeGreaterThanOrEqual(0);
      expect(alertAt).toBeLessThan(texts.findIndex((text) => text.includes("phòng, chống ma túy")));
    }
    // One notice of each kind for the month, however many messages waited or were refused.
    expect(noticesTo(SUPERADMIN.id, "Zalo sắp hết hạn mức")).toHaveLength(1);
    expect(noticesTo(SUPERADMIN.id, "Zalo từ chối gửi tin")).toHaveLength(1);
    expect(zalo().stats.rateLimited429).toBeLessThanOrEqual(GROUPS.length);
    expect(await scrape()).toContain("keng_zalo_paused 0");
  });
});
