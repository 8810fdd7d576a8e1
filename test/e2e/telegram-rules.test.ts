/**
 * Kẻng behaves as Telegram does (issue 17), end to end through the fake Bot API: a poller cut off by
 * another getUpdates comes back (and /healthz says so meanwhile), …
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raw } from "../../src/core/text.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

const health = async () => (await fetch(`http://127.0.0.1:${h.app.httpPort ?? 0}/healthz`)).status;

/** Another process polling with the same token, as the old container does during a deploy. */
function startIntruder(): () => Promise<void> {
  const stop = new AbortController();
  const running = (async () => {
    while (!stop.signal.aborted) {
      await fetch(`${h.fake.apiRoot}/bot${h.fake.token}/getUpdates?timeout=1`, { signal: stop.signal }).catch(
        () => undefined,
      );
    }
  })();
  return async () => {
    stop.abort();
    await running;
  };
}

describe("long polling", () => {
  it("reports itself receiving as soon as polling started, before any update came", async () => {
    await expect.poll(health, { timeout: 5000 }).toBe(200);
  });

  it("comes back after another poller took over, and /healthz fails while it is cut off", async () => {
    const user = { id: 41001, first_name: "Lan", language_code: "vi" };
    h.fake.addPrivateChatUser(user);
    expect((await h.dm(user, "/start")).plainText).toContain("Xin chào");
    expect(await health()).toBe(200);

    const stopIntruder = startIntruder();
    await expect.poll(health, { timeout: 10_000 }).toBe(503);
    const conflicts = h.fake.calls.filter((c) => c.method === "getUpdates" && c.errorCode === 409);
    expect(conflicts.length).toBeGreaterThan(0);
    await stopIntruder();

    expect((await h.dm(user, "/start")).plainText).toContain("Xin chào");
    await expect.poll(health, { timeout: 10_000 }).toBe(200);
  });
});

describe("split messages", () => {
  it("sends only the parts not yet sent when a later part failed", async () => {
    const groupId = -4_100_001;
    h.fake.addGroup({ id: groupId, title: "Tổ dài" });
    const chat = await h.app.db.chat.create({
      data: { platform: "telegram", platformChatId: String(groupId), kind: "group", title: "Tổ dài" },
    });
    // About 9,000 characters: three parts of at most 4,096.
    const text = Array.from({ length: 300 }, (_, i) => `Dòng ${i + 1}: thông báo dài cho cả tổ.`).join("\n");
    h.fake.failNext(
      { method: "sendMessage", chatId: groupId, textIncludes: "Dòng 150:" },
      { errorCode: 500, description: "Internal Server Error" },
    );
    await h.app.outbox.enqueue([
      {
        key: "test:split:1",
        to: { chatId: chat.id },
        priority: "interactive",
        message: { locale: "vi", text: raw(text) },
      },
    ]);
    await expect
      .poll(() => h.fake.messagesIn(groupId).some((m) => m.plainText.includes("Dòng 300:")), { timeout: 20_000 })
      .toBe(true);
    const parts = h.fake.messagesIn(groupId).map((m) => m.plainText);
    expect(parts.join("\n")).toBe(text);
    expect(h.fake.calls.filter((c) => c.method === "sendMessage" && c.status === 500)).toHaveLength(1);
  });
});

describe("deep links", () => {
  it("stay within Telegram's 64 characters of A-Za-z0-9_- for the longest area code, and still open the area", async () => {
    const segment = (c: string) => c.repeat(32);
    const code = ["a", "b", "c", "d", "e", "f"].map(segment).join(".");
    const area = await h.app.db.area.create({ data: { code, name: "Tổ xa nhất" } });
    const groupId = -4_100_002;
    h.fake.addGroup({ id: groupId, title: "Tổ xa" });
    await h.app.db.chat.create({
      data: { platform: "telegram", platformChatId: String(groupId), kind: "group", title: "Tổ xa", areaId: area.id },
    });
    const resident = { id: 41002, first_name: "Mai", language_code: "vi" };
    h.fake.addPrivateChatUser(resident);
    const pointer = await h.inGroup(groupId, resident, "/togiac");
    const url = pointer.buttons.find((b) => b.url)?.url ?? "";
    const payload = new URL(url).searchParams.get("start") ?? "";
    expect(payload).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect((await h.dm(resident, `/start ${payload}`)).plainText).toContain("khu vực Tổ xa nhất");
  });
});

describe("/dangky in a group where Kẻng is a plain member", () => {
  it("asks Telegram for the administrators' list instead of a member lookup only admin bots are promised", async () => {
    await h.app.db.area.create({ data: { code: "phuly", name: "Thành phố Phủ Lý" } });
    h.fake.addPrivateChatUser(SUPERADMIN);
    const adminGroup = -4_100_003;
    const otherGroup = -4_100_004;
    for (const id of [adminGroup, otherGroup])
      h.fake.addGroup({ id, title: `Nhóm ${id}`, type: "supergroup", botStatus: "member" });
    h.fake.setChatAdmin(adminGroup, SUPERADMIN.id, true);
    expect((await h.inGroup(adminGroup, SUPERADMIN, "/dangky phuly")).plainText).toContain(
      "Nhóm đã được liên kết với Thành phố Phủ Lý",
    );
    expect((await h.inGroup(otherGroup, SUPERADMIN, "/dangky phuly")).plainText).toContain(
      "Bạn cần là quản trị viên của nhóm này",
    );
  });

  it("says exactly what to do when Telegram tells nothing about the group's administrators", async () => {
    const groupId = -4_100_005;
    h.fake.addGroup({ id: groupId, title: "Nhóm kín", type: "supergroup", botStatus: "member" });
    h.fake.failNext(
      { method: "getChatAdministrators", chatId: groupId },
      { errorCode: 400, description: "Bad Request: member list is inaccessible" },
    );
    const reply = await h.inGroup(groupId, SUPERADMIN, "/dangky phuly");
    expect(reply.plainText).toContain("Đặt Kẻng làm quản trị viên của nhóm, rồi gõ lại /dangky phuly");
    expect(reply.plainText).toContain("nhắn riêng cho Kẻng: /dangky phuly");
  });
});

describe("anonymous group admins", () => {
  it("are asked to post as themselves to use an officer command, not refused", async () => {
    const groupId = -4_100_006;
    h.fake.addGroup({ id: groupId, title: "Nhóm có admin ẩn danh", type: "supergroup" });
    h.fake.setChatAdmin(groupId, SUPERADMIN.id, true);
    const lastId = h.fake.lastMessage(groupId)?.messageId ?? 0;
    h.fake.sendText({ chatId: groupId, from: SUPERADMIN, asAnonymousAdmin: true, text: "/dangky phuly" });
    const reply = await h.fake.waitForMessage(groupId, (m) => m.messageId > lastId);
    expect(reply.plainText).toContain("Để dùng lệnh dành cho cán bộ, hãy gửi với tư cách cá nhân");
    expect(reply.plainText).toContain("rồi gõ lại /dangky");
  });
});

describe("forum supergroups", () => {
  const forumId = -1_004_100_007;
  const officer = { id: 41007, first_name: "Hùng", language_code: "vi" };
  const alertIn = (threadId: number, code: string) =>
    h.fake.waitForMessage(
      forumId,
      (m) => m.threadId === threadId && m.plainText.includes("TIẾNG KẺNG AN NINH") && m.plainText.includes(code),
      15_000,
    );

  it("a group registered from a topic gets alerts there, every part of a long message and its buttons too", async () => {
    await h.app.db.area.upsert({
      where: { code: "phuly" },
      create: { code: "phuly", name: "Thành phố Phủ Lý" },
      update: {},
    });
    h.fake.addPrivateChatUser(SUPERADMIN);
    h.fake.addPrivateChatUser(officer);
    const invite = await h.dm(SUPERADMIN, "/moi officer phuly");
    await h.dm(officer, `/thamgia ${/\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? ""}`);
    h.fake.addGroup({ id: forumId, title: "Diễn đàn tổ dân phố", isForum: true });
    const topic = h.fake.addForumTopic(forumId, "An ninh");
    h.fake.setChatAdmin(forumId, SUPERADMIN.id, true);
    const lastId = h.fake.lastMessage(forumId)?.messageId ?? 0;
    h.fake.sendText({ chatId: forumId, from: SUPERADMIN, threadId: topic, text: "/dangky phuly" });
    const done = await h.fake.waitForMessage(forumId, (m) => m.messageId > lastId);
    expect(done.plainText).toContain("Nhóm đã được liên kết");
    expect(done.threadId).toBe(topic);

    const sent = await h.dm(officer, "/keng khan --het 45m Cháy ở chợ Bầu");
    const code = /K\d+/.exec(sent.plainText)?.[0] ?? "K?";
    const alert = await alertIn(topic, code);
    expect(alert.buttons.map((b) => b.text)).toContain("✅ Đã nhận");

    const chat = await h.app.db.chat.findFirstOrThrow({ where: { platformChatId: String(forumId) } });
    const text = Array.from({ length: 300 }, (_, i) => `Mục ${i + 1}: nội dung tuyên truyền dài.`).join("\n");
    const buttons = [[{ text: raw("Xem thêm"), url: "https://example.vn/tuyen-truyen" }]];
    await h.app.outbox.enqueue([
      {
        key: "test:forum:long",
        to: { chatId: chat.id },
        priority: "bulk",
        message: { locale: "vi", text: raw(text), buttons },
      },
    ]);
    await expect
      .poll(() => h.fake.messagesIn(forumId).some((m) => m.plainText.includes("Mục 300:")), { timeout: 20_000 })
      .toBe(true);
    const parts = h.fake.messagesIn(forumId).filter((m) => m.plainText.includes("nội dung tuyên truyền"));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((m) => m.threadId)).toEqual(parts.map(() => topic));
    expect(parts.at(-1)?.buttons.map((b) => b.text)).toEqual(["Xem thêm"]);
  });

  it("a closed topic shows in /baocao as lost rights, not as a silent failure", async () => {
    const chat = await h.app.db.chat.findFirstOrThrow({ where: { platformChatId: String(forumId) } });
    const topic = Number(chat.threadId);
    h.fake.setForumTopicClosed(forumId, topic);
    const sent = await h.dm(officer, "/keng khan --het 45m Mất điện khu chợ");
    const code = /K\d+/.exec(sent.plainText)?.[0] ?? "K?";
    await expect
      .poll(
        async () =>
          h.app.db.delivery.count({
            where: { chatId: chat.id, status: "failed", error: { contains: "TOPIC_CLOSED" } },
          }),
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(h.fake.messagesIn(forumId).some((m) => m.plainText.includes(code))).toBe(false);
    const report = await h.dm(officer, "/baocao");
    expect(report.plainText).toContain("Diễn đàn tổ dân phố — Thành phố Phủ Lý: bot mất quyền gửi tin");
  });
});
