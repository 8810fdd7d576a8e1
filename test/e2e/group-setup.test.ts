/**
 * Issue 15, group setup in one tap, end to end through the fake Telegram server: an officer's
 * one-time `?startgroup=reg_<code>` link, a resident adding the bot (officers approve or refuse),
 * used, expired and unknown codes, and the welcome card a newly registered group gets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

const officer: FakeUserInput = { id: 5_100_000_001, first_name: "Lan", language_code: "vi" };
const resident: FakeUserInput = { id: 6_100_000_002, first_name: "Bà Tư", language_code: "vi" };
const stranger: FakeUserInput = { id: 6_100_000_003, first_name: "Hùng", language_code: "vi" };
const LINKED = -1_001_500_000_001;
const REUSED = -1_001_500_000_002;
const BY_RESIDENT = -1_001_500_000_003;
const REFUSED = -1_001_500_000_004;
const TYPED = -1_001_500_000_005;
const NOBODY_KNOWS = -1_001_500_000_006;
const ENGLISH = -1_001_500_000_007;

let h: Harness;

/** A fresh registration link for the area, as the officer receives it privately. */
async function registrationLink(area: string): Promise<{ code: string; text: string; buttonUrl: string | undefined }> {
  const reply = await h.dm(officer, `/dangky ${area}`);
  const code = /startgroup=reg_([A-Za-z0-9]+)/.exec(reply.plainText)?.[1];
  if (!code) throw new Error(`no link in: ${reply.plainText}`);
  return { code, text: reply.plainText, buttonUrl: reply.buttons[0]?.url };
}

/** The area code a group is linked to, as stored. */
async function areaOf(groupId: number): Promise<string | null | undefined> {
  const chat = await h.app.db.chat.findFirst({ where: { platformChatId: String(groupId) }, include: { area: true } });
  return chat === null ? undefined : (chat.area?.code ?? null);
}

beforeAll(async () => {
  h = await startHarness();
  for (const user of [SUPERADMIN, officer, resident, stranger]) h.fake.addPrivateChatUser(user);
  await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh Tỉnh Ninh Bình");
  await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh.p5 Phường 5");
  await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh.p5.to5 Tổ dân phố số 5");
  const invite = await h.dm(SUPERADMIN, "/moi officer ninhbinh.p5");
  const code = /start=join_([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? "";
  await h.dm(officer, `/thamgia ${code}`);
});

afterAll(async () => {
  await h?.stop();
});

describe("registration link (?startgroup=reg_<code>)", () => {
  it("gives an officer a one-time link in a private chat, and refuses a resident", async () => {
    const link = await registrationLink("ninhbinh.p5.to5");
    expect(link.text).toContain("https://t.me/KengTestBot?startgroup=reg_");
    expect(link.text).toContain("một lần");
    expect(link.buttonUrl).toBe(`https://t.me/KengTestBot?startgroup=reg_${link.code}`);
    expect((await h.dm(resident, "/dangky ninhbinh.p5.to5")).plainText).toContain("Chỉ cán bộ hoặc quản trị viên");
  });

  it("registers the group the officer picks in one step, with the welcome card, without asking who the group's admins are", async () => {
    const { code } = await registrationLink("ninhbinh.p5.to5");
    const before = h.fake.calls.length;
    const start = h.fake.startGroupLink({
      chatId: LINKED,
      by: officer,
      payload: `reg_${code}`,
      title: "Tổ 5 Ninh Bình",
    });
    expect(start.message?.text).toBe(`/start@KengTestBot reg_${code}`);
    const done = await h.fake.waitForMessage(LINKED, (m) => m.plainText.includes("Nhóm đã được liên kết"));
    expect(done.plainText).toContain("Tổ dân phố số 5");
    // The link does the registering: no "type /dangky" hint before the card.
    expect(
      h.fake
        .messagesIn(LINKED)
        .filter((m) => m.plainText.includes("/dangky"))
        .map((m) => m.plainText),
    ).toEqual([]);
    // The welcome card: the gong, ✅ Đã nhận, private tips through 📮, quizzes, 113.
    expect(done.plainText).toContain("đánh kẻng");
    expect(done.plainText).toContain("✅ Đã nhận");
    expect(done.plainText).toContain("📮 Báo tin");
    expect(done.plainText).toContain("câu hỏi vui về pháp luật");
    expect(done.plainText).toContain("113");
    expect(done.buttons.map((b) => b.url ?? b.callback_data)).toEqual([
      "https://t.me/KengTestBot?start=tip_ninhbinh-p5-to5",
      "bd:open",
    ]);
    // Issue 18: a resident raises the alarm for their street from the card.
    expect(done.plainText).toContain("🔔 Báo động");
    expect(await areaOf(LINKED)).toBe("ninhbinh.p5.to5");
    const chat = await h.app.db.chat.findFirst({ where: { platformChatId: String(LINKED) } });
    const officerRow = await h.app.db.user.findFirst({ where: { platformUserId: String(officer.id) } });
    expect(chat?.registeredById).toBe(officerRow?.id);
    expect(
      h.fake.calls.slice(before).filter((c) => c.method === "getChatMember" || c.method === "getChatAdministrators"),
    ).toEqual([]);
    const audit = await h.app.db.auditLog.findFirst({
      where: { action: "group.register", subject: `telegram:${LINKED}` },
    });
    expect(audit?.details).toMatchObject({ via: "link" });
  });

  it("refuses a code that was used, has expired or does not exist, with a clear answer", async () => {
    const { code } = await registrationLink("ninhbinh.p5.to5");
    h.fake.startGroupLink({ chatId: -1_001_500_000_099, by: officer, payload: `reg_${code}`, title: "Nhóm đầu" });
    await h.fake.waitForMessage(-1_001_500_000_099, (m) => m.plainText.includes("Nhóm đã được liên kết"));
    h.fake.startGroupLink({ chatId: REUSED, by: officer, payload: `reg_${code}`, title: "Nhóm thứ hai" });
    expect((await h.fake.waitForMessage(REUSED, (m) => m.plainText.includes("❌"))).plainText).toContain(
      "đã được dùng rồi",
    );
    expect(await areaOf(REUSED)).toBeNull();

    const late = await registrationLink("ninhbinh.p5.to5");
    // A day has passed: the code's own expiry is in the past (the row is kept to say so).
    const row = await h.app.db.conversation.findUniqueOrThrow({ where: { key: `groupreg:${late.code}` } });
    await h.app.db.conversation.update({
      where: { key: row.key },
      data: { data: { ...(row.data as object), expiresAt: new Date(Date.now() - 60_000).toISOString() } },
    });
    const expired = await h.inGroup(REUSED, officer, `/start@KengTestBot reg_${late.code}`);
    expect(expired.plainText).toContain("đã hết hạn");
    expect((await h.inGroup(REUSED, officer, "/start@KengTestBot reg_ABCDEFGHJKMN")).plainText).toContain("không đúng");
    expect(await areaOf(REUSED)).toBeNull();
  });

  it("registers only one of two groups racing for the same code", async () => {
    const { code } = await registrationLink("ninhbinh.p5.to5");
    const racers = [-1_001_500_000_201, -1_001_500_000_202];
    for (const id of racers)
      h.fake.startGroupLink({ chatId: id, by: officer, payload: `reg_${code}`, title: `Nhóm ${id}` });
    const answers = await Promise.all(
      racers.map((id) =>
        h.fake.waitForMessage(id, (m) => m.plainText.includes("Nhóm đã được liên kết") || m.plainText.includes("❌")),
      ),
    );
    expect(answers.filter((m) => m.plainText.includes("Nhóm đã được liên kết"))).toHaveLength(1);
    expect(answers.filter((m) => m.plainText.includes("đã được dùng rồi"))).toHaveLength(1);
    expect((await Promise.all(racers.map(areaOf))).filter((code) => code === "ninhbinh.p5.to5")).toHaveLength(1);
  });

  it("is refused by the fake like Telegram when the payload is not a valid start parameter", () => {
    expect(() => h.fake.startGroupLink({ chatId: REUSED, by: officer, payload: "reg_a.b" })).toThrow(
      /START_PARAM_INVALID/,
    );
  });
});

describe("a resident adds the bot", () => {
  it("asks the area's officers; an approval registers the group and tells it", async () => {
    // The resident is known in Tổ 5 (seen in its registered group).
    await h.inGroup(LINKED, resident, "/trogiup@KengTestBot");
    h.fake.addBotToGroup({ chatId: BY_RESIDENT, by: resident, title: "Hội người cao tuổi", status: "member" });
    const waiting = await h.fake.waitForMessage(BY_RESIDENT);
    expect(waiting.plainText).toContain("cần được cán bộ công an duyệt");

    const offer = await h.fake.waitForMessage(officer.id, (m) => m.plainText.includes("Hội người cao tuổi"));
    expect(offer.plainText).toContain("Bà Tư");
    expect(offer.buttons.map((b) => b.text)).toEqual(["✅ Duyệt cho Tổ dân phố số 5", "❌ Không"]);
    const approve = offer.buttons[0]?.callback_data ?? "";

    h.fake.pressButton({ chatId: officer.id, from: officer, messageId: offer.messageId, data: approve });
    const told = await h.fake.waitForMessage(BY_RESIDENT, (m) => m.plainText.includes("đã duyệt"));
    expect(told.plainText).toContain("Tổ dân phố số 5");
    expect(told.plainText).toContain("✅ Đã nhận");
    expect((await h.fake.waitForMessage(officer.id, (m) => m.plainText.includes("Đã duyệt"))).plainText).toContain(
      "Hội người cao tuổi",
    );
    expect(await areaOf(BY_RESIDENT)).toBe("ninhbinh.p5.to5");
    const audit = await h.app.db.auditLog.findFirst({
      where: { action: "group.register", subject: `telegram:${BY_RESIDENT}` },
    });
    expect(audit?.details).toMatchObject({ via: "approval" });

    // A second press finds the decision made.
    h.fake.pressButton({ chatId: officer.id, from: officer, messageId: offer.messageId, data: approve });
    await expect
      .poll(() => h.fake.callbackAnswers.some((a) => a.text?.includes("đã xong")), { timeout: 10_000 })
      .toBe(true);
  });

  it("tells the group when the officer refuses, and leaves it unregistered", async () => {
    h.fake.addBotToGroup({ chatId: REFUSED, by: resident, title: "Nhóm bán hàng", status: "member" });
    await h.fake.waitForMessage(REFUSED, (m) => m.plainText.includes("duyệt"));
    const offer = await h.fake.waitForMessage(officer.id, (m) => m.plainText.includes("Nhóm bán hàng"));
    const refuse = offer.buttons.find((b) => b.text === "❌ Không")?.callback_data ?? "";
    // Someone who may not decide is refused.
    h.fake.pressButton({ chatId: officer.id, from: stranger, messageId: offer.messageId, data: refuse });
    await expect
      .poll(() => h.fake.callbackAnswers.some((a) => a.text?.includes("Chỉ cán bộ")), { timeout: 10_000 })
      .toBe(true);

    h.fake.pressButton({ chatId: officer.id, from: officer, messageId: offer.messageId, data: refuse });
    expect((await h.fake.waitForMessage(REFUSED, (m) => m.plainText.includes("chưa duyệt"))).plainText).toContain(
      "chưa nhận tin an ninh",
    );
    expect(await areaOf(REFUSED)).toBeNull();
    expect(
      await h.app.db.auditLog.count({ where: { action: "group.offer_refused", subject: `telegram:${REFUSED}` } }),
    ).toBe(1);
  });

  it("asks the superadmins, with the top-level areas, when the person is known nowhere", async () => {
    h.fake.addBotToGroup({ chatId: NOBODY_KNOWS, by: stranger, title: "Nhóm xóm mới", status: "member" });
    const offer = await h.fake.waitForMessage(SUPERADMIN.id, (m) => m.plainText.includes("Nhóm xóm mới"));
    expect(offer.buttons.map((b) => b.text)).toEqual(["✅ Duyệt cho Tỉnh Ninh Bình", "❌ Không"]);
    expect(h.fake.messagesIn(officer.id).some((m) => m.plainText.includes("Nhóm xóm mới"))).toBe(false);
    h.fake.pressButton({
      chatId: SUPERADMIN.id,
      from: SUPERADMIN,
      messageId: offer.messageId,
      data: offer.buttons[0]?.callback_data ?? "",
    });
    await h.fake.waitForMessage(NOBODY_KNOWS, (m) => m.plainText.includes("đã duyệt"));
    expect(await areaOf(NOBODY_KNOWS)).toBe("ninhbinh");
  });
});

describe("welcome card on /dangky in the group", () => {
  it("comes with the first registration only", async () => {
    h.fake.addGroup({ id: TYPED, title: "Tổ 5 — nhóm 2" });
    h.fake.setChatAdmin(TYPED, officer.id, true);
    const first = await h.inGroup(TYPED, officer, "/dangky ninhbinh.p5.to5");
    expect(first.plainText).toContain("Nhóm đã được liên kết");
    expect(first.plainText).toContain("📮 Báo tin");
    const again = await h.inGroup(TYPED, officer, "/dangky ninhbinh.p5.to5");
    expect(again.plainText).toContain("Nhóm đã được liên kết");
    expect(again.plainText).not.toContain("📮 Báo tin");
  });

  it("is in English for a group whose language is English", async () => {
    h.fake.addGroup({ id: ENGLISH, title: "Expats of Ward 5" });
    h.fake.setChatAdmin(ENGLISH, officer.id, true);
    await h.inGroup(ENGLISH, officer, "/help@KengTestBot");
    await h.app.db.chat.updateMany({ where: { platformChatId: String(ENGLISH) }, data: { locale: "en" } });
    const card = await h.inGroup(ENGLISH, officer, "/register ninhbinh.p5.to5");
    expect(card.plainText).toContain("This group is now linked");
    expect(card.plainText).toContain("✅ Received");
    expect(card.plainText).toContain("call 113");
    expect(card.buttons.map((b) => b.text)).toEqual(["📮 Report privately to the police", "🔔 Alarm"]);
  });
});
