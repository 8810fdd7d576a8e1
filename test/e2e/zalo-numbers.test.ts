/**
 * Issue 15 on Zalo: a bare number answers the question that asked for one (an officer closing a tip
 * types "2" people arrested; it must not press an older choice 2), only the newest numbered list
 * answers to numbers, and a Zalo group hears one thank-you per alert (one note per quiz question),
 * not one per acknowledgement or answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import { sayOnZalo, zaloOf, type ZaloPerson } from "../support/zalo-steps.js";
import { sendQuickTip } from "../support/quick-tip.js";

const resident: FakeUserInput = { id: 8_750_000_001, first_name: "Mai", language_code: "vi" };
const zaloOfficer = { id: "5005000000000000015", displayName: "Cán bộ Hòa" };
const neighbours = [
  { id: "5005000000000000016", displayName: "Bác Tư" },
  { id: "5005000000000000017", displayName: "Cô Ba" },
];
const ZALO_GROUP = "g-1515151515";

let h: Harness;
const zalo = () => zaloOf(h);
const zaloSay = (
  chatId: string,
  from: ZaloPerson,
  text: string,
  match: RegExp,
  extra: { chatType?: "PRIVATE" | "GROUP"; mentionBot?: boolean; replyTo?: string } = {},
) => sayOnZalo(h, { chatId, from, text, match, ...extra, timeoutMs: 20_000 });
/** The number printed before a choice's label ("3 — 🚔 Đã bắt giữ người"). */
const numberOf = (text: string, label: string) => new RegExp(`(\\d+) — [^\\n]*${label}`).exec(text)?.[1] ?? "";

beforeAll(async () => {
  h = await startHarness({ zalo: true });
  for (const u of [SUPERADMIN, resident]) h.fake.addPrivateChatUser(u);
  for (const u of [zaloOfficer, ...neighbours]) zalo().addUser(u);
  zalo().addGroup({ id: ZALO_GROUP, title: "Tổ 9 Zalo" });
  await h.dm(SUPERADMIN, "/themkhuvuc hanam Tỉnh Hà Nam");
  await h.dm(SUPERADMIN, "/themkhuvuc hanam.lamha Phường Lam Hạ");
  const invite = await h.dm(SUPERADMIN, "/moi officer hanam.lamha");
  const code = /\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? "";
  await zaloSay(zaloOfficer.id, zaloOfficer, `/thamgia ${code}`, /vai trò/);
  await zaloSay(ZALO_GROUP, zaloOfficer, "/dangky hanam.lamha", /liên kết/, { chatType: "GROUP", mentionBot: true });
  await h.dm(resident, "/theodoi hanam.lamha");
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

describe("a number that answers a question", () => {
  it("counts the officer's number as people arrested, not as the older choice with that number", async () => {
    const { receipt } = await sendQuickTip(h, resident, "Có người lạ bán ma túy ở quán nước đầu ngõ 7");
    const tipCode = /TG-[A-Z0-9]{6}/.exec(receipt.plainText)?.[0] ?? "";
    const card = await zalo().waitForMessage(
      zaloOfficer.id,
      (m) => m.plainText.includes(tipCode) && m.plainText.includes("Đóng"),
      20_000,
    );
    const outcomes = await zaloSay(zaloOfficer.id, zaloOfficer, numberOf(card.plainText, "Đóng"), /Kết quả xử lý tin/);
    const caseChoice = numberOf(outcomes.plainText, "Đã lập hồ sơ");
    expect(caseChoice).not.toBe("");
    // The card's list is older now: its numbers no longer press anything.
    const older = numberOf(card.plainText, "Có giá trị");
    expect((await zaloSay(zaloOfficer.id, zaloOfficer, older, /không còn hiệu lực/)).plainText).toContain(
      `Lựa chọn số ${older}`,
    );
    await zaloSay(zaloOfficer.id, zaloOfficer, numberOf(outcomes.plainText, "Đã bắt giữ người"), /Số người bị bắt giữ/);
    // The reproduced bug: this number used to press "📁 Đã lập hồ sơ vụ việc".
    const closed = await zaloSay(zaloOfficer.id, zaloOfficer, caseChoice, /Đã đóng tin/);
    expect(closed.plainText).toContain(`đã bắt giữ ${caseChoice} người`);
    expect(await h.app.db.tip.findUnique({ where: { code: tipCode } })).toMatchObject({
      status: "closed",
      peopleArrested: Number(caseChoice),
    });
  });
});

describe("Zalo group acknowledgements", () => {
  it("thank the group once per alert, however many acknowledge", async () => {
    await h.dm(SUPERADMIN, "/keng @hanam.lamha Mất trộm xe đạp tại trường tiểu học");
    const alert = await zalo().waitForMessage(ZALO_GROUP, (m) => m.plainText.includes("Mất trộm xe đạp"), 20_000);
    // Zalo names no quoted message (ZALO.md): a reply to the alert acknowledges it by its number.
    const ack = numberOf(alert.plainText, "Đã nhận");
    const thanks = await zaloSay(ZALO_GROUP, neighbours[0] ?? zaloOfficer, ack, /Cảm ơn/, {
      chatType: "GROUP",
      replyTo: alert.messageId,
    });
    expect(thanks.plainText).toContain("Cảm ơn bà con đã xác nhận tiếng kẻng");
    zalo().sendText({
      chatId: ZALO_GROUP,
      chatType: "GROUP",
      from: neighbours[1] ?? zaloOfficer,
      text: ack,
      replyTo: alert.messageId,
    });
    await expect.poll(() => h.app.db.alertAck.count(), { timeout: 15_000 }).toBe(2);
    // Give the second press's reply (if any) time to be sent: the old code answered each press.
    await new Promise((r) => setTimeout(r, 4000));
    expect(
      zalo()
        .messagesIn(ZALO_GROUP)
        .filter((m) => m.plainText.includes("Cảm ơn")),
    ).toHaveLength(1);
  });

  it("note quiz answers once per question, not once per person", async () => {
    const question = await zaloSay(ZALO_GROUP, zaloOfficer, "/cauhoi luadao", /Câu hỏi pháp luật/, {
      chatType: "GROUP",
      mentionBot: true,
    });
    const first = /(\d+) — /.exec(question.plainText)?.[1] ?? "";
    expect(first).not.toBe("");
    const noted = await zaloSay(ZALO_GROUP, neighbours[0] ?? zaloOfficer, first, /ghi nhận/, {
      chatType: "GROUP",
      mentionBot: true,
    });
    expect(noted.plainText).toContain("Kẻng đang ghi nhận câu trả lời của bà con");
    zalo().sendText({
      chatId: ZALO_GROUP,
      chatType: "GROUP",
      from: neighbours[1] ?? zaloOfficer,
      text: first,
      mentionBot: true,
    });
    await expect.poll(() => h.app.db.quizAnswer.count(), { timeout: 15_000 }).toBe(2);
    await new Promise((r) => setTimeout(r, 4000));
    expect(
      zalo()
        .messagesIn(ZALO_GROUP)
        .filter((m) => m.plainText.includes("ghi nhận")).length,
    ).toBe(1);
  });
});
