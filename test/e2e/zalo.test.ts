/**
 * Issue 6, end to end: Zalo as a second platform behind the same ports — a tip with its code and an
 * officer's reply relayed back; an alert reaching a Zalo group and Zalo followers, acknowledged by
 * a numeric reply (in a group, a reply to the alert with its number); one alert reaching Telegram groups and Zalo followers
 * of the same area; plain text (no HTML) split at 2000 characters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import { sayOnZalo, zaloOf, type ZaloPerson } from "../support/zalo-steps.js";

const officer: FakeUserInput = { id: 8_700_000_001, first_name: "Lan", language_code: "vi" };
const TG_GROUP = -100777;
const zaloResident = { id: "5001234567890123456", displayName: "Chị Mai" };
const zaloFollower = { id: "5009876543210987654", displayName: "Anh Tuấn" };
const ZALO_GROUP = "g-7788990011";

let h: Harness;
/** The number the follower's copy of the alert prints before "✅ Đã nhận". */
let ackNumber = "";
const zalo = () => zaloOf(h);
/** Sends a Zalo text and resolves with the bot's next message in that chat. */
const zaloSay = (
  chatId: string,
  from: ZaloPerson,
  text: string,
  extra: { chatType?: "PRIVATE" | "GROUP"; mentionBot?: boolean; replyTo?: string } = {},
) => sayOnZalo(h, { chatId, from, text, ...extra, timeoutMs: 15_000 });

beforeAll(async () => {
  h = await startHarness({ zalo: true });
  h.fake.addPrivateChatUser(SUPERADMIN);
  h.fake.addPrivateChatUser(officer);
  zalo().addUser({ id: zaloResident.id, displayName: zaloResident.displayName });
  zalo().addUser({ id: zaloFollower.id, displayName: zaloFollower.displayName });
  zalo().addGroup({ id: ZALO_GROUP, title: "Tổ 3 Zalo" });
  await h.dm(SUPERADMIN, "/themkhuvuc hanam Tỉnh Hà Nam");
  await h.dm(SUPERADMIN, "/themkhuvuc hanam.lamha Phường Lam Hạ");
  const invite = await h.dm(SUPERADMIN, "/moi officer hanam.lamha");
  await h.dm(officer, `/thamgia ${/\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? ""}`);
  h.fake.addGroup({ id: TG_GROUP, title: "Tổ 1 Telegram" });
  h.fake.setChatAdmin(TG_GROUP, officer.id, true);
  await h.inGroup(TG_GROUP, officer, "/dangky hanam.lamha");
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

describe("Zalo private chats", () => {
  it("answers commands in plain text, without HTML", async () => {
    const reply = await zaloSay(zaloFollower.id, zaloFollower, "/start");
    expect(reply.plainText).toContain("Xin chào");
    expect(reply.plainText).not.toMatch(/<\/?b>|&lt;|&amp;/);
  });

  it("lets a Zalo resident follow an area and hear the gong with Telegram groups", async () => {
    expect((await zaloSay(zaloFollower.id, zaloFollower, "/theodoi hanam.lamha")).plainText).toContain(
      "Bạn sẽ nhận tiếng kẻng của Phường Lam Hạ",
    );
    await h.dm(officer, "/keng khan Cháy tại chợ Lam Hạ, bà con tránh xa");
    const tg = await h.fake.waitForMessage(TG_GROUP, (m) => m.plainText.includes("TIẾNG KẺNG AN NINH"));
    expect(tg.plainText).toContain("Cháy tại chợ Lam Hạ");
    const onZalo = await zalo().waitForMessage(
      zaloFollower.id,
      (m) => m.plainText.includes("TIẾNG KẺNG AN NINH"),
      15_000,
    );
    expect(onZalo.plainText).toContain("Cháy tại chợ Lam Hạ");
    expect(onZalo.plainText).toMatch(/\d+ — ✅ Đã nhận/);
    ackNumber = /(\d+) — ✅ Đã nhận/.exec(onZalo.plainText)?.[1] ?? "";
    expect(onZalo.plainText).toContain("nhắn riêng cho bot /togiac");
    expect(onZalo.plainText).not.toContain("<b>");
  });

  it("counts a numeric reply as the acknowledgement", async () => {
    // The alert's own number (the welcome's numbered choices came before it).
    const answer = await zaloSay(zaloFollower.id, zaloFollower, ackNumber);
    expect(answer.plainText).toContain("Cảm ơn bạn đã xác nhận · 1 người đã xác nhận");
    expect(await h.app.db.alertAck.count()).toBe(1);
    expect((await zaloSay(zaloFollower.id, zaloFollower, ackNumber)).plainText).toContain("đã xác nhận tin này rồi");
    expect((await zaloSay(zaloFollower.id, zaloFollower, "98")).plainText).toMatch(/không còn (hiệu lực|dùng được)/);
  });

  it("takes a tip with a tracking code and relays the officer's reply anonymously", async () => {
    // The resident follows the ward, so a one-line tip goes there at once.
    await zaloSay(zaloResident.id, zaloResident, "/theodoi hanam.lamha");
    zalo().sendText({
      chatId: zaloResident.id,
      chatType: "PRIVATE",
      from: zaloResident,
      text: "/togiac Có người lạ bán ma túy ở quán nước đầu ngõ 7",
    });
    // A first tip: the privacy notice with its numbered "📮 Gửi tin" choice; the number sends it.
    const notice = await zalo().waitForMessage(zaloResident.id, (m) => m.plainText.includes("Trước khi gửi"), 20_000);
    const send = /(\d+)\W+📮/.exec(notice.plainText)?.[1];
    expect(send).toBeDefined();
    zalo().sendText({ chatId: zaloResident.id, chatType: "PRIVATE", from: zaloResident, text: send ?? "" });
    const coded = await zalo().waitForMessage(zaloResident.id, (m) => /TG-[A-Z0-9]{6}/.test(m.plainText), 20_000);
    const code = /TG-[A-Z0-9]{6}/.exec(coded.plainText)?.[0] ?? "";
    const toOfficer = await h.fake.waitForMessage(officer.id, (m) => m.plainText.includes(code), 20_000);
    expect(toOfficer.plainText).toContain("bán ma túy");
    expect(toOfficer.plainText).not.toContain(zaloResident.id);
    expect(toOfficer.plainText).not.toContain("Chị Mai");
    await h.dm(officer, `/traloi ${code} Cảm ơn, quán nước nào ạ?`);
    const relayed = await zalo().waitForMessage(zaloResident.id, (m) => m.plainText.includes("quán nước nào"), 20_000);
    expect(relayed.plainText).not.toContain("Lan");
  });
});

describe("Zalo quizzes", () => {
  it("answers a quiz with a numeric reply and reveals the answer", async () => {
    const question = await zaloSay(zaloFollower.id, zaloFollower, "/cauhoi luadao");
    const options = question.plainText.split("\n").flatMap((line) => {
      const match = /^(\d+) — (.+)$/.exec(line);
      return match?.[1] && match[2] ? [{ number: match[1], label: match[2] }] : [];
    });
    expect(options.length).toBeGreaterThanOrEqual(2);
    expect(question.plainText).not.toContain("<b>");
    const seen = new Set(
      zalo()
        .messagesIn(zaloFollower.id)
        .map((m) => m.messageId),
    );
    zalo().sendText({
      chatId: zaloFollower.id,
      chatType: "PRIVATE",
      from: zaloFollower,
      text: options[0]?.number ?? "1",
    });
    await zalo().waitForMessage(
      zaloFollower.id,
      (m) => !seen.has(m.messageId) && m.plainText.includes("Đã ghi nhận câu trả lời"),
      15_000,
    );
    const reveal = await zalo().waitForMessage(
      zaloFollower.id,
      (m) => !seen.has(m.messageId) && /trả lời đúng/.test(m.plainText),
      20_000,
    );
    // The reveal names the question's legal basis (or the police guidance a practice question cites).
    const round = await h.app.db.quizRound.findFirstOrThrow({ orderBy: { id: "desc" }, include: { question: true } });
    expect(reveal.plainText).toContain(round.question.source);
    expect(await h.app.db.quizAnswer.count()).toBe(1);
  });
});

describe("Zalo groups", () => {
  it("registers a group with the officer role alone and acknowledges an alert by a reply with its number", async () => {
    // A Zalo officer: invited on Telegram by the admin, redeemed on Zalo.
    const zaloOfficer = { id: "5005555555555555555", displayName: "Cán bộ Hòa" };
    zalo().addUser({ id: zaloOfficer.id, displayName: zaloOfficer.displayName });
    const invite = await h.dm(SUPERADMIN, "/moi officer hanam.lamha");
    const code = /\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? "";
    expect((await zaloSay(zaloOfficer.id, zaloOfficer, `/thamgia ${code}`)).plainText).toContain(
      "Bạn đã nhận vai trò cán bộ công an",
    );
    const registered = await zaloSay(ZALO_GROUP, zaloOfficer, "/dangky hanam.lamha", {
      chatType: "GROUP",
      mentionBot: true,
    });
    expect(registered.plainText).toContain("Nhóm đã được liên kết với Phường Lam Hạ");

    await h.dm(officer, "/keng cao Mất trộm xe đạp tại trường tiểu học");
    const alert = await zalo().waitForMessage(ZALO_GROUP, (m) => m.plainText.includes("Mất trộm xe đạp"), 20_000);
    // Zalo names no quoted message (ZALO.md): a reply to the alert acknowledges it by its number.
    const ack = /(\d+) — ✅ Đã nhận/.exec(alert.plainText)?.[1] ?? "";
    expect(ack).not.toBe("");
    const thanks = await zaloSay(ZALO_GROUP, zaloResident, ack, { chatType: "GROUP", replyTo: alert.messageId });
    // Issue 15: the group hears one thank-you for everyone, not one per person.
    expect(thanks.plainText).toContain("Cảm ơn bà con đã xác nhận tiếng kẻng");
  });

  it("splits a long message at 2000 characters without losing text", async () => {
    const long = "Thông báo dài. ".repeat(200).trim();
    await h.dm(officer, `/keng tb ${long.slice(0, 1990)}`);
    await zalo().waitForMessage(zaloFollower.id, (m) => m.plainText.includes("THÔNG BÁO"), 20_000);
    await new Promise((r) => setTimeout(r, 3000));
    for (const m of zalo().messagesIn(zaloFollower.id)) expect(m.plainText.length).toBeLessThanOrEqual(2000);
  });
});
