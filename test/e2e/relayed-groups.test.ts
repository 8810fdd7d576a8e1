/**
 * Issue 18 §3, relayed groups: a residents' group the bot cannot enter is reached through its relay
 * (tổ trưởng). Every alert and cancellation of the area goes to each relay privately, ready to
 * forward (text, unit, time, verification code and the /verify link) with one choice, «Đã chuyển vào
 * nhóm» (a number on Zalo); /tinhtrang and /baocao count relayed groups apart; a relay who does not
 * confirm is reminded once after RELAY_REMIND_MINUTES (0.05 here, 3 s) and counted as not confirmed.
 * On Zalo, the plan's users (ZALO_USER_CAP, 2 here) go to relays and officers first: a follower
 * beyond them is told to join their group instead.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput, StoredMessage } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import { nextMatching, lastId, say, WAIT_MS } from "../tips/support.js";

const relayA: FakeUserInput = { id: 8_180_000_001, first_name: "Tổ trưởng Lan", language_code: "vi" };
const relayB: FakeUserInput = { id: 8_180_000_002, first_name: "Tổ trưởng Bình", language_code: "vi" };
const resident: FakeUserInput = { id: 8_180_000_003, first_name: "Cư dân Hà", language_code: "vi" };
const zaloRelay = { id: "5005000000000001801", displayName: "Tổ trưởng Cúc" };
const zaloFollowers = [
  { id: "5005000000000001802", displayName: "Bà Sáu" },
  { id: "5005000000000001803", displayName: "Anh Năm" },
];
const AREA = "hanam.lamha.to3";
const BASE = "https://keng.example";
const FORWARDED = "Đã chuyển vào nhóm";

let h: Harness;
let alertText = "";
let alertId = "";
const zalo = () => {
  if (!h.zalo) throw new Error("zalo fake not started");
  return h.zalo;
};
const zaloSay = (from: { id: string; displayName: string }, text: string, match: RegExp) => {
  const seen = new Set(
    zalo()
      .messagesIn(from.id)
      .map((m) => m.messageId),
  );
  zalo().sendText({ chatId: from.id, chatType: "PRIVATE", from, text });
  return zalo().waitForMessage(from.id, (m) => !seen.has(m.messageId) && match.test(m.plainText), WAIT_MS);
};
/** The number printed before a choice's label ("1 — 📤 Đã chuyển vào nhóm"). */
const numberOf = (text: string, label: string) => new RegExp(`(\\d+) — [^\\n]*${label}`).exec(text)?.[1] ?? "";

async function inviteCode(): Promise<string> {
  const invite = await h.dm(SUPERADMIN, `/moi relay ${AREA}`);
  const code = /\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1];
  if (!code) throw new Error(`no invite code in ${invite.plainText}`);
  return code;
}

async function telegramRelay(user: FakeUserInput, group: string): Promise<void> {
  h.fake.addPrivateChatUser(user);
  const joined = await say(h, user, `/thamgia ${await inviteCode()}`, /vai trò/);
  expect(joined.plainText).toContain("/nhomchuyen");
  await say(h, user, `/nhomchuyen ${group}`, /Đã ghi nhóm/);
}

beforeAll(async () => {
  h = await startHarness({
    zalo: true,
    env: { RELAY_REMIND_MINUTES: "0.05", PUBLIC_BASE_URL: BASE, ZALO_USER_CAP: "2" },
  });
  h.fake.addPrivateChatUser(SUPERADMIN);
  h.fake.addPrivateChatUser(resident);
  for (const u of [zaloRelay, ...zaloFollowers]) zalo().addUser(u);
  await h.dm(SUPERADMIN, "/themkhuvuc hanam Tỉnh Hà Nam");
  await h.dm(SUPERADMIN, "/themkhuvuc hanam.lamha Phường Lam Hạ");
  await h.dm(SUPERADMIN, `/themkhuvuc ${AREA} Tổ dân phố số 3`);
  await telegramRelay(relayA, "120 Nhóm Zalo tổ 3");
  await telegramRelay(relayB, "80 Nhóm Telegram xóm Chùa");
  await zaloSay(zaloRelay, `/thamgia ${await inviteCode()}`, /vai trò/);
  await zaloSay(zaloRelay, "/nhomchuyen 45 Nhóm Zalo ngõ 7", /Đã ghi nhóm/);
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe("an alert reaches each relay privately, ready to forward", () => {
  let forA: StoredMessage;

  it("with the text, the unit, the time, the verification code and its /verify link, and one button", async () => {
    const done = await h.dm(SUPERADMIN, "/keng @hanam.lamha Cảnh giác kẻ gian giả danh nhân viên điện lực");
    alertId = /K\d+/.exec(done.plainText)?.[0] ?? "";
    // No group and no follower in the area: the relays alone are reached, and the officer is told so.
    expect(done.plainText).toContain("Gửi riêng cho tổ trưởng của 3 nhóm bot không vào được");
    expect(alertId).not.toBe("");
    forA = await h.fake.waitForMessage(relayA.id, (m) => m.plainText.includes("Cảnh giác kẻ gian"), WAIT_MS);
    alertText = forA.plainText;
    expect(alertText).toContain("TIẾNG KẺNG AN NINH");
    expect(alertText).toContain("Phường Lam Hạ");
    expect(alertText).toMatch(/🕐 \d{2}:\d{2}/);
    const code = /Mã xác thực: ([A-Z0-9]{3}-[A-Z0-9]{3})/.exec(alertText)?.[1] ?? "";
    expect(code).not.toBe("");
    expect(alertText).toContain(`${BASE}/verify/${code.replace("-", "")}`);
    expect(forA.buttons.map((b) => b.text)).toEqual([`📤 ${FORWARDED}`]);
  });

  it("and a resident who pastes the forwarded copy is told it is genuine", async () => {
    const answer = await say(h, resident, alertText, /Tin thật|đã bị sửa|Không tìm thấy/);
    expect(answer.plainText).toContain("Tin thật do Kẻng gửi");
  });

  it("a Telegram relay confirms with the button", async () => {
    h.fake.pressButton({
      chatId: relayA.id,
      from: relayA,
      messageId: forA.messageId,
      data: forA.buttons[0]?.callback_data ?? "",
    });
    await expect
      .poll(() => h.app.db.relayForward.count({ where: { confirmedAt: { not: null } } }), { timeout: WAIT_MS })
      .toBe(1);
  });

  it("a Zalo relay answers by number", async () => {
    const forC = await zalo().waitForMessage(zaloRelay.id, (m) => m.plainText.includes("Cảnh giác kẻ gian"), WAIT_MS);
    expect(forC.plainText).toContain(`${BASE}/verify/`);
    const choice = numberOf(forC.plainText, FORWARDED);
    expect(choice).not.toBe("");
    const thanks = await zaloSay(zaloRelay, choice, /Cảm ơn/);
    expect(thanks.plainText).toContain("Cảm ơn bạn đã chuyển tin vào nhóm «Nhóm Zalo ngõ 7»");
  });

  it("a relay who does not confirm is reminded once, and counted as not confirmed", async () => {
    const reminder = await h.fake.waitForMessage(relayB.id, (m) => m.plainText.includes("Bạn chưa xác nhận"), WAIT_MS);
    expect(reminder.plainText).toContain("Nhóm Telegram xóm Chùa");
    expect(reminder.buttons.map((b) => b.text)).toEqual([`📤 ${FORWARDED}`]);

    const status = await h.dm(SUPERADMIN, `/tinhtrang ${alertId}`);
    expect(status.plainText).toMatch(
      /Nhóm qua tổ trưởng: 3 nhóm \(khoảng 245 người\) · tổ trưởng đã nhận: 3 · đã chuyển vào nhóm: 2 · chưa xác nhận sau [\d.,]+ phút: 1/,
    );
    expect(status.plainText).toContain("• Nhóm Telegram xóm Chùa (tổ trưởng Tổ trưởng Bình)");

    const report = await h.dm(SUPERADMIN, "/baocao hanam.lamha");
    expect(report.plainText).toContain("Nhóm qua tổ trưởng (bot không vào được): 3 nhóm, khoảng 245 người");
    expect(report.plainText).toMatch(/tổ trưởng đã nhận 3 · đã chuyển vào nhóm 2 · chưa xác nhận sau [\d.,]+ phút 1/);
    // The admin also sees Zalo's seats: the Zalo relay holds one of ZALO_USER_CAP's two.
    expect(report.plainText).toContain("Người nhận tin riêng qua Zalo: 1/2");

    // One reminder only, whatever the wait: its key is the forward's own.
    expect(h.fake.messagesIn(relayB.id).filter((m) => m.plainText.includes("Bạn chưa xác nhận"))).toHaveLength(1);
    expect(
      await h.app.db.delivery.count({ where: { key: { startsWith: "relay-remind:alert:" }, status: "sent" } }),
    ).toBe(1);
  });
});

describe("a cancellation", () => {
  it("reaches the relays too, ready to forward, with the same button", async () => {
    const after = lastId(h, relayB.id);
    await h.dm(SUPERADMIN, `/huykeng ${alertId}`);
    const cancel = await nextMatching(h, relayB.id, after, `THU HỒI TIẾNG KẺNG ${alertId}`);
    expect(cancel.plainText).toContain(`${BASE}/verify/`);
    expect(cancel.buttons.map((b) => b.text)).toEqual([`📤 ${FORWARDED}`]);
    await h.fake.waitForMessage(relayA.id, (m) => m.plainText.includes(`THU HỒI TIẾNG KẺNG ${alertId}`), WAIT_MS);
    const forC = await zalo().waitForMessage(
      zaloRelay.id,
      (m) => m.plainText.includes(`THU HỒI TIẾNG KẺNG ${alertId}`),
      WAIT_MS,
    );
    expect(numberOf(forC.plainText, FORWARDED)).not.toBe("");
  });
});

describe("a campaign", () => {
  it("reaches the relays too, ready to forward, with its verification code and the same button", async () => {
    await h.dm(SUPERADMIN, `/chiendich ${AREA} now Cảnh giác lừa đảo qua điện thoại giả danh công an`);
    const forA = await h.fake.waitForMessage(
      relayA.id,
      (m) => m.plainText.includes("Cảnh giác lừa đảo qua điện thoại"),
      WAIT_MS,
    );
    expect(forA.plainText).toMatch(/Mã xác thực: [A-Z0-9]{3}-[A-Z0-9]{3}/);
    expect(forA.plainText).toContain(`${BASE}/verify/`);
    expect(forA.buttons.map((b) => b.text)).toEqual([`📤 ${FORWARDED}`]);
  });
});

describe("Zalo's user cap", () => {
  it("serves the relay, then one follower, and tells the next to join their group", async () => {
    const [first, second] = zaloFollowers;
    if (!first || !second) throw new Error("two followers");
    await zaloSay(first, `/theodoi ${AREA}`, /Bạn sẽ nhận tiếng kẻng/);
    const refused = await zaloSay(second, `/theodoi ${AREA}`, /đã đủ người/);
    expect(refused.plainText).toContain("chỉ nhắn riêng được cho 2 người");
    expect(refused.plainText).toContain("• Nhóm Zalo tổ 3 (tổ trưởng Tổ trưởng Lan)");
    expect(refused.plainText).toContain("• Nhóm Zalo ngõ 7 (tổ trưởng Tổ trưởng Cúc)");
    expect(await h.app.db.areaFollower.count()).toBe(1);
    // The one already served stays served.
    await zaloSay(first, `/theodoi ${AREA}`, /đã theo dõi|Bạn sẽ nhận tiếng kẻng/);
  });
});
