/**
 * Issue 2, end to end: the real bot over HTTP against the fake Telegram server, real Postgres and
 * Redis — areas, invites, roles, group registration, refusals, duplicates, a kicked group.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";

const officer: FakeUserInput = { id: 5_000_000_001, first_name: "Lan", last_name: "Nguyễn", language_code: "vi" };
const resident: FakeUserInput = { id: 6_000_000_002, first_name: "Minh", language_code: "vi" };
const english: FakeUserInput = { id: 7002, first_name: "Anna", language_code: "en" };
const GROUP = -1001234567890;
const GROUP_2 = -4242;

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  h.fake.addPrivateChatUser(SUPERADMIN);
  h.fake.addPrivateChatUser(officer);
  h.fake.addPrivateChatUser(resident);
  h.fake.addPrivateChatUser(english);
  h.fake.addGroup({ id: GROUP, title: "Tổ dân phố 5 <Minh Khai>", type: "supergroup" });
  h.fake.addGroup({ id: GROUP_2, title: "Tổ 6" });
});

afterAll(async () => {
  await h?.stop();
});

describe("areas, invites and roles", () => {
  it("greets in the user's language and lists commands", async () => {
    expect((await h.dm(resident, "/start")).plainText).toContain("Xin chào");
    // Vietnamese first: an English app gets English once the person chooses it.
    expect((await h.dm(english, "/start")).plainText).toContain("Xin chào");
    await h.dm(english, "/ngonngu en");
    expect((await h.dm(english, "/start")).plainText).toContain("Hello");
    const help = await h.dm(resident, "/trogiup all");
    expect(help.plainText).toContain("/thamgia");
    expect(help.plainText).not.toContain("/themkhuvuc");
    // A command without an English alias is listed without an empty "(/)".
    expect(help.plainText).toMatch(/^\/start — /mu);
    expect(help.plainText).not.toContain("(/)");
  });

  it("lets a superadmin create a city and a ward, and refuses the same to a resident", async () => {
    expect((await h.dm(SUPERADMIN, "/themkhuvuc phuly Thành phố Phủ Lý")).plainText).toContain(
      "Đã tạo khu vực Thành phố Phủ Lý",
    );
    expect((await h.dm(SUPERADMIN, "/area_add phuly.minhkhai Phường Minh Khai")).plainText).toContain(
      "Phường Minh Khai",
    );
    expect((await h.dm(SUPERADMIN, "/themkhuvuc phuly.minhkhai.to5 Tổ dân phố số 5")).plainText).toContain(
      "phuly.minhkhai.to5",
    );
    expect((await h.dm(resident, "/themkhuvuc phuly.lamha Phường Lam Hạ")).plainText).toContain("Chỉ quản trị viên");
    expect((await h.dm(resident, "/themkhuvuc hanam Tỉnh Hà Nam")).plainText).toContain("Chỉ quản trị viên hệ thống");
    expect((await h.dm(SUPERADMIN, "/themkhuvuc phu_ly Phủ Lý")).plainText).toContain("không hợp lệ");
    expect((await h.dm(SUPERADMIN, "/themkhuvuc")).plainText).toContain("Cách dùng");
  });

  it("issues a one-time invite with a deep link, redeemed through /start join_<CODE>", async () => {
    const invite = await h.dm(SUPERADMIN, "/moi officer phuly.minhkhai");
    const code = /start=join_([A-Z0-9]+)/.exec(invite.plainText)?.[1];
    expect(code, invite.plainText).toBeDefined();
    expect(invite.plainText).toContain("https://t.me/KengTestBot?start=join_");
    const joined = await h.dm(officer, `/start join_${code}`);
    expect(joined.plainText).toContain("Bạn đã nhận vai trò cán bộ công an tại Phường Minh Khai");
    expect((await h.dm(resident, `/thamgia ${code}`)).plainText).toContain("đã được dùng");
    expect((await h.dm(officer, "/vaitro")).plainText).toContain("cán bộ công an — Phường Minh Khai");
    expect((await h.dm(resident, "/vaitro")).plainText).toContain("chưa có vai trò");
  });

  it("refuses invites to non-admins and unknown codes", async () => {
    expect((await h.dm(officer, "/moi officer phuly.minhkhai")).plainText).toContain("Chỉ quản trị viên");
    expect((await h.dm(resident, "/invite admin phuly")).plainText).toContain("Chỉ quản trị viên");
    expect((await h.dm(resident, "/thamgia ZZZZZZZZZZ")).plainText).toContain("không đúng");
    expect((await h.dm(SUPERADMIN, "/moi chief phuly")).plainText).toContain("Cách dùng");
  });

  it("answers private-only commands in a group with a clear pointer", async () => {
    expect((await h.inGroup(GROUP, officer, "/moi officer phuly")).plainText).toContain("chỉ dùng khi nhắn riêng");
  });

  it("audit-logs what admins did", async () => {
    const rows = await h.app.db.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["area.create", "invite.create", "role.grant"]));
  });
});

describe("group registration", () => {
  it("refuses a resident, refuses an officer who is not a group admin, registers when both hold", async () => {
    expect((await h.inGroup(GROUP, resident, "/dangky phuly.minhkhai.to5")).plainText).toContain(
      "Chỉ cán bộ hoặc quản trị viên",
    );
    expect((await h.inGroup(GROUP, officer, "/dangky@KengTestBot phuly.minhkhai.to5")).plainText).toContain(
      "quản trị viên của nhóm",
    );
    h.fake.setChatAdmin(GROUP, officer.id, true);
    const done = await h.inGroup(GROUP, officer, "/dangky@KengTestBot phuly.minhkhai.to5");
    expect(done.plainText).toContain("Nhóm đã được liên kết với Tổ dân phố số 5");
    expect(done.replyToMessageId).toBeDefined();
    const chat = await h.app.db.chat.findFirst({ where: { platformChatId: String(GROUP) }, include: { area: true } });
    expect(chat?.area?.code).toBe("phuly.minhkhai.to5");
    expect(chat?.title).toBe("Tổ dân phố 5 <Minh Khai>");
  });

  it("refuses an officer registering a group for an area outside theirs", async () => {
    await h.dm(SUPERADMIN, "/themkhuvuc phuly.lamha Phường Lam Hạ");
    h.fake.setChatAdmin(GROUP_2, officer.id, true);
    expect((await h.inGroup(GROUP_2, officer, "/register phuly.lamha")).plainText).toContain(
      "Chỉ cán bộ hoặc quản trị viên",
    );
  });

  it("ignores commands addressed to another bot and answers unknown ones addressed to it", async () => {
    h.fake.sendText({ chatId: GROUP, from: resident, text: "/dangky@OtherBot phuly" });
    const reply = await h.inGroup(GROUP, resident, "/khongco@KengTestBot");
    expect(reply.plainText).toContain("chưa hiểu lệnh /khongco");
    expect(
      h.fake.messagesIn(GROUP).some((m) => m.plainText.includes("phuly") && m.plainText.includes("OtherBot")),
    ).toBe(false);
  });

  it("remembers which registered groups a user was seen in", async () => {
    await h.inGroup(GROUP, resident, "/trogiup");
    const user = await h.app.db.user.findFirst({
      where: { platformUserId: String(resident.id) },
      include: { memberships: { include: { chat: true } } },
    });
    expect(user?.memberships.map((m) => m.chat.platformChatId)).toContain(String(GROUP));
  });
});

describe("robustness", () => {
  it("gives a duplicated update a single effect", async () => {
    const before = await h.app.db.area.count();
    const update = h.fake.sendText({
      chatId: SUPERADMIN.id,
      from: SUPERADMIN,
      text: "/themkhuvuc phuly.quangtrung Phường Quang Trung",
    });
    h.fake.enqueueRawUpdate(update);
    await h.fake.waitForMessage(SUPERADMIN.id, (m) => m.plainText.includes("Quang Trung"));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await h.app.db.area.count()).toBe(before + 1);
    expect(h.fake.messagesIn(SUPERADMIN.id).filter((m) => m.plainText.includes("Quang Trung"))).toHaveLength(1);
  });

  it("marks a group inactive when the bot was kicked (403) and does not retry", async () => {
    h.fake.addGroup({ id: -777, title: "Nhóm cũ" });
    h.fake.setChatAdmin(-777, officer.id, true);
    await h.inGroup(-777, officer, "/dangky phuly.minhkhai");
    // Kicked while the reply was on its way: Telegram answers the send with 403.
    h.fake.failNext(
      { chatId: -777, method: "sendMessage" },
      { errorCode: 403, description: "Forbidden: bot was kicked from the group chat" },
    );
    h.fake.sendText({ chatId: -777, from: resident, text: "/trogiup@KengTestBot" });
    await expect
      .poll(async () => (await h.app.db.chat.findFirst({ where: { platformChatId: "-777" } }))?.active, {
        timeout: 10_000,
      })
      .toBe(false);
    await expect
      .poll(
        () =>
          h.app.db.delivery.count({
            where: { chat: { platformChatId: "-777" }, status: "failed", error: "chat_gone" },
          }),
        { timeout: 10_000 },
      )
      .toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    // Refused once, never retried.
    const sends = h.fake.calls.filter((c) => c.method === "sendMessage" && String(c.params.chat_id) === "-777");
    expect(sends.map((c) => c.status).slice(-1)).toEqual([403]);
  });

  it("notices being removed from a group through my_chat_member", async () => {
    h.fake.removeBotFromGroup({ chatId: GROUP_2, by: officer });
    await expect
      .poll(async () => (await h.app.db.chat.findFirst({ where: { platformChatId: String(GROUP_2) } }))?.active, {
        timeout: 10_000,
      })
      .toBe(false);
  });

  it("follows a group upgraded to a supergroup and keeps its area", async () => {
    h.fake.addGroup({ id: -555, title: "Tổ 7" });
    h.fake.setChatAdmin(-555, officer.id, true);
    await h.inGroup(-555, officer, "/dangky phuly.minhkhai");
    h.fake.migrateGroup(-555, -1009999);
    await expect
      .poll(
        async () =>
          (await h.app.db.chat.findFirst({ where: { platformChatId: "-1009999" }, include: { area: true } }))?.area
            ?.code,
        { timeout: 10_000 },
      )
      .toBe("phuly.minhkhai");
  });

  it("escapes HTML in user-supplied text", async () => {
    const reply = await h.dm(SUPERADMIN, "/themkhuvuc phuly.test <b>Tổ</b> & <i>x");
    expect(reply.text).toContain("&lt;b&gt;Tổ&lt;/b&gt; &amp; &lt;i&gt;x");
  });

  it("switches language per user", async () => {
    expect((await h.dm(resident, "/ngonngu en")).plainText).toContain("Language set to English");
    expect((await h.dm(resident, "/roles")).plainText).toContain("You have no roles");
    expect((await h.dm(resident, "/lang xx")).plainText).toContain("Usage: /lang vi");
  });
});
