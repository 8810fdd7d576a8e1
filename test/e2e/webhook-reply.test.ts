/**
 * Issue 20: in webhook mode a button press is answered in the webhook's own HTTP response
 * (Telegram runs the one method call a webhook response may carry), so no answerCallbackQuery
 * request of the bot reaches the Bot API, and each press is answered exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput, StoredMessage } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import { freePort } from "../support/net.js";

const officer: FakeUserInput = { id: 8_120_000_001, first_name: "Lan", language_code: "vi" };
const resident: FakeUserInput = { id: 8_220_000_002, first_name: "Minh", language_code: "vi" };
const GROUP = -120501;
let h: Harness;

/** Every answerCallbackQuery the fake saw for this press, however it came. */
const answerCalls = (queryId: string) =>
  h.fake.calls.filter((c) => c.method === "answerCallbackQuery" && c.params.callback_query_id === queryId);

beforeAll(async () => {
  const port = await freePort();
  h = await startHarness({
    // Not how Telegram behaves: it pushes only to https on ports 443, 80, 88 or 8443.
    fake: { allowInsecureWebhooks: true },
    env: {
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
      TELEGRAM_WEBHOOK_SECRET: "webhook-reply-secret",
      PORT: String(port),
    },
  });
  for (const u of [SUPERADMIN, officer, resident]) h.fake.addPrivateChatUser(u);
  await h.dm(SUPERADMIN, "/themkhuvuc phuly Thành phố Phủ Lý");
  await h.dm(SUPERADMIN, "/themkhuvuc phuly.to7 Tổ dân phố 7");
  const invite = await h.dm(SUPERADMIN, "/moi officer phuly");
  await h.dm(officer, `/thamgia ${/\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? ""}`);
  h.fake.addGroup({ id: GROUP, title: "Tổ dân phố 7", type: "supergroup" });
  h.fake.setChatAdmin(GROUP, officer.id, true);
  expect((await h.inGroup(GROUP, officer, "/dangky phuly.to7")).plainText).toContain("Nhóm đã được liên kết");
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe("a press in webhook mode", () => {
  let alert: StoredMessage;

  it("is answered through the webhook reply, once, with no answerCallbackQuery request", async () => {
    expect((await h.dm(officer, "/keng tb Họp tổ lúc 19h")).plainText).toContain("Đã đánh kẻng K1");
    alert = await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("Mã K1"), 15_000);
    const press = h.fake.pressButton({ chatId: GROUP, from: resident, messageId: alert.messageId, data: "ak:1" });
    const id = press.callback_query?.id ?? "";
    expect((await h.fake.waitForCallbackAnswer(id)).text).toContain("Cảm ơn bạn đã xác nhận");
    await new Promise((r) => setTimeout(r, 1000)); // a second answer would come now
    expect(answerCalls(id)).toHaveLength(1);
    expect(answerCalls(id)[0]?.viaWebhookReply).toBe(true);
    expect(h.fake.callbackAnswers.filter((a) => a.callbackQueryId === id)).toHaveLength(1);
    expect(await h.app.db.alertAck.count({ where: { alertId: 1 } })).toBe(1);
    // Handled: the press's statement marked its update done in the ledger.
    const entry = await h.app.db.inboundUpdate.findFirst({ where: { updateKey: String(press.update_id) } });
    expect(entry?.doneAt).not.toBeNull();
  });

  it("answers a repeated press and a stale button the same way", async () => {
    const again = h.fake.pressButton({ chatId: GROUP, from: resident, messageId: alert.messageId, data: "ak:1" });
    const stale = h.fake.pressButton({ chatId: GROUP, from: resident, messageId: alert.messageId, data: "ak:999" });
    const againId = again.callback_query?.id ?? "";
    const staleId = stale.callback_query?.id ?? "";
    expect((await h.fake.waitForCallbackAnswer(againId)).text).toContain("đã xác nhận tin này rồi");
    expect((await h.fake.waitForCallbackAnswer(staleId)).text).toContain("không còn dùng được");
    await new Promise((r) => setTimeout(r, 1000));
    for (const id of [againId, staleId]) {
      expect(answerCalls(id)).toHaveLength(1);
      expect(answerCalls(id)[0]?.viaWebhookReply).toBe(true);
    }
    expect(await h.app.db.alertAck.count({ where: { alertId: 1 } })).toBe(1);
    // Not one answer of the whole run went out as a request of the bot's own.
    expect(h.fake.calls.filter((c) => c.method === "answerCallbackQuery" && !c.viaWebhookReply)).toHaveLength(0);
  });
});

describe("a storm of presses", () => {
  it("shows the officer the last count, with a few edits instead of one per press", async () => {
    const alert = await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("Mã K1"), 15_000);
    const progress = await h.fake.waitForMessage(officer.id, (m) => m.plainText.includes("người đã xác nhận"), 15_000);
    const editsBefore = progress.edits.length;
    const residents = Array.from({ length: 25 }, (_, i) => ({
      id: 8_230_000_000 + i,
      first_name: `Dân ${i}`,
      language_code: "vi",
    }));
    for (const from of residents) h.fake.pressButton({ chatId: GROUP, from, messageId: alert.messageId, data: "ak:1" });
    // The first resident pressed in the tests above: 26 in all. The officer's chat takes an edit a second.
    const last = await h.fake.waitForMessage(
      officer.id,
      (m) => m.messageId === progress.messageId && m.plainText.includes("👥 26 người đã xác nhận"),
      40_000,
    );
    expect(await h.app.db.alertAck.count({ where: { alertId: 1 } })).toBe(26);
    // The first ten each at once (one already shown), then one every two seconds at most.
    expect(last.edits.length - editsBefore).toBeLessThanOrEqual(9 + 3);
  }, 60_000);
});
