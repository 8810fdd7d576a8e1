/**
 * Issue 14 §4: one person cannot bury an officer's chat. A tipster's photos and locations count
 * against the flood limit like text, and a tip's follow-ups are capped, each with a clear answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { FLOOD_MAX } from "../../src/router/dispatcher.js";
import { FOLLOW_UPS_PER_HOUR } from "../../src/modules/tips/follow-up-items.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import { sendQuickTip } from "../support/quick-tip.js";
import { makeOfficer, trackingCode, WAIT_MS } from "../tips/support.js";

const officer: FakeUserInput = { id: 5_300_000_001, first_name: "Lan", language_code: "vi" };
const chatty: FakeUserInput = { id: 6_300_000_001, first_name: "Tư", language_code: "vi" };
const snapper: FakeUserInput = { id: 6_300_000_002, first_name: "Năm", language_code: "vi" };

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  for (const u of [SUPERADMIN, chatty, snapper]) h.fake.addPrivateChatUser(u);
  await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh Tỉnh Ninh Bình");
  await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh.p5 Phường 5");
  await makeOfficer(h, officer, "ninhbinh.p5");
  for (const u of [chatty, snapper]) await h.dm(u, "/theodoi ninhbinh.p5");
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

const relayedToOfficer = (code: string) =>
  h.fake.messagesIn(officer.id).filter((m) => m.plainText.includes(`Người báo tin ${code} bổ sung`)).length;

describe("follow-ups", () => {
  it(`passes on at most ${FOLLOW_UPS_PER_HOUR} follow-ups of a tip an hour, and tells the tipster the rest were not passed on`, async () => {
    const code = trackingCode((await sendQuickTip(h, chatty, "Có người lạ đứng canh ở đầu ngõ 3")).receipt);
    await h.fake.waitForMessage(officer.id, (m) => m.plainText.includes(`Tin tố giác ${code}`), WAIT_MS);
    for (let i = 1; i <= FOLLOW_UPS_PER_HOUR + 2; i++)
      h.fake.sendText({ chatId: chatty.id, from: chatty, text: `Bổ sung số ${i}` });
    const refusal = await h.fake.waitForMessage(chatty.id, (m) => m.plainText.includes("chưa được chuyển"), 60_000);
    expect(refusal.plainText).toContain(code);
    expect(refusal.plainText).toContain("113");
    await expect.poll(() => relayedToOfficer(code), { timeout: 60_000 }).toBe(FOLLOW_UPS_PER_HOUR);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(relayedToOfficer(code)).toBe(FOLLOW_UPS_PER_HOUR);
    const tip = await h.app.db.tip.findUniqueOrThrow({ where: { code }, include: { messages: true } });
    expect(tip.messages).toHaveLength(FOLLOW_UPS_PER_HOUR);
  }, 120_000);
});

describe("the flood limit", () => {
  it("counts a tipster's photos and locations like text: past the limit, one 'slow down' and nothing more is handled", async () => {
    await sendQuickTip(h, snapper, "Xe máy không biển số hay đỗ trước nhà số 8");
    const before = await h.app.db.inboundUpdate.count({ where: { doneAt: { not: null } } });
    for (let i = 0; i < FLOOD_MAX; i++) {
      if (i % 2 === 0) h.fake.sendPhoto({ chatId: snapper.id, from: snapper });
      else h.fake.sendLocation({ chatId: snapper.id, from: snapper, latitude: 20.25, longitude: 105.97 });
    }
    h.fake.sendPhoto({ chatId: snapper.id, from: snapper });
    h.fake.sendPhoto({ chatId: snapper.id, from: snapper });
    const slowDown = await h.fake.waitForMessage(snapper.id, (m) => m.plainText.includes("gửi quá nhanh"), 60_000);
    expect(slowDown.plainText).toMatch(/\d+ giây/);
    await expect
      .poll(() => h.app.db.inboundUpdate.count({ where: { doneAt: { not: null } } }), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(before + FLOOD_MAX + 2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(h.fake.messagesIn(snapper.id).filter((m) => m.plainText.includes("gửi quá nhanh"))).toHaveLength(1);
  }, 120_000);
});
