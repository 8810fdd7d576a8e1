/**
 * Issue 3, end to end: the security gong over HTTP against the fake Telegram server with real
 * Postgres and Redis — strike, fan-out, progress, acknowledgement, status, closure, retraction,
 * expiry, refusals, duplicates, kicked groups, 429s and the CAP feed.
 */
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput, StoredMessage } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

const officer: FakeUserInput = { id: 8_100_000_001, first_name: "Lan", language_code: "vi" };
const resident: FakeUserInput = { id: 8_200_000_002, first_name: "Minh", language_code: "vi" };
const follower: FakeUserInput = { id: 8_300_000_003, first_name: "Zalo", last_name: "Fan", language_code: "vi" };
const G5 = -100501;
const G6 = -100601;
const GWARD = -100701;
const GOTHER = -100801;
const GKICKED = -100901;
const ALL = [G5, G6, GWARD, GKICKED];

let h: Harness;

async function register(groupId: number, title: string, code: string, by: FakeUserInput) {
  h.fake.addGroup({ id: groupId, title, type: "supergroup" });
  h.fake.setChatAdmin(groupId, by.id, true);
  const reply = await h.inGroup(groupId, by, `/dangky ${code}`);
  expect(reply.plainText).toContain("Nhóm đã được liên kết");
}

const alertIn = (chatId: number, id: string) =>
  h.fake.waitForMessage(chatId, (m) => m.plainText.includes("TIẾNG KẺNG AN NINH") && m.plainText.includes(id), 15_000);

beforeAll(async () => {
  h = await startHarness({ env: { PUBLIC_BASE_URL: "https://keng.phuly.example.vn" } });
  for (const u of [SUPERADMIN, officer, resident, follower]) h.fake.addPrivateChatUser(u);
  for (const line of [
    "phuly Thành phố Phủ Lý",
    "phuly.minhkhai Phường Minh Khai",
    "phuly.minhkhai.to5 Tổ dân phố 5",
    "phuly.minhkhai.to6 Tổ dân phố 6",
    "phuly.lamha Phường Lam Hạ",
  ]) {
    await h.dm(SUPERADMIN, `/themkhuvuc ${line}`);
  }
  await h.app.db.area.update({ where: { code: "phuly.minhkhai" }, data: { unitName: "Công an phường Minh Khai" } });
  const invite = await h.dm(SUPERADMIN, "/moi officer phuly.minhkhai");
  const code = /\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? "";
  await h.dm(officer, `/thamgia ${code}`);
  await register(G5, "Tổ dân phố 5", "phuly.minhkhai.to5", officer);
  await register(G6, "Tổ dân phố 6", "phuly.minhkhai.to6", officer);
  await register(GWARD, "Phường Minh Khai <chung>", "phuly.minhkhai", officer);
  await register(GKICKED, "Nhóm đã xóa bot", "phuly.minhkhai.to5", officer);
  await register(GOTHER, "Lam Hạ", "phuly.lamha", SUPERADMIN);
  expect((await h.dm(follower, "/theodoi phuly.minhkhai")).plainText).toContain(
    "Bạn sẽ nhận tiếng kẻng của Phường Minh Khai",
  );
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe("striking the gong", () => {
  it("refuses a resident and broadcasts nothing", async () => {
    const counts = ALL.map((g) => h.fake.messagesIn(g).length);
    expect((await h.dm(resident, "/keng khan Có cháy")).plainText).toContain("Chỉ cán bộ công an");
    expect((await h.inGroup(G5, resident, "/alert Có cháy")).plainText).toContain("Chỉ cán bộ công an");
    await new Promise((r) => setTimeout(r, 1000));
    expect(ALL.map((g) => h.fake.messagesIn(g).length)).toEqual(counts.map((c, i) => c + (ALL[i] === G5 ? 1 : 0)));
    expect(await h.app.db.alert.count()).toBe(0);
  });

  it("answers a bad level or missing text with usage", async () => {
    // Issue 15: bare /keng in a private chat opens "Đánh kẻng" step by step; /huy leaves it.
    expect((await h.dm(officer, "/keng")).plainText).toContain("Tin này khẩn đến mức nào?");
    await h.dm(officer, "/huy");
    expect((await h.dm(officer, "/keng khan")).plainText).toContain("Cách dùng: /keng");
    expect((await h.dm(officer, "/keng --het mai Có cháy")).plainText).toContain("Thời hạn không đọc được");
  });

  it("reaches every group of the area and below and the followers, with level, area, time, unit and expiry", async () => {
    h.fake.kickBotFrom(GKICKED);
    h.fake.failNext(
      { method: "sendMessage", chatId: G6 },
      { errorCode: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
    );
    const reply = await h.dm(
      officer,
      "/keng khan --het 45m Phát hiện đối tượng <trộm> xe máy tại ngõ 5 Trần Phú & Lê Lợi",
    );
    expect(reply.plainText).toContain("Đã đánh kẻng K1 tới Phường Minh Khai: 4 nhóm, 1 người theo dõi");
    for (const chat of [G5, G6, GWARD, follower.id]) {
      const alert = await alertIn(chat, "K1");
      expect(alert.plainText).toContain("TIẾNG KẺNG AN NINH — KHẨN CẤP");
      expect(alert.plainText).toContain("📍 Phường Minh Khai");
      expect(alert.plainText).toContain("Công an phường Minh Khai");
      expect(alert.plainText).toContain("Phát hiện đối tượng <trộm> xe máy tại ngõ 5 Trần Phú & Lê Lợi");
      expect(alert.plainText).toMatch(/Hiệu lực đến \d\d:\d\d · Mã K1/);
      // In a group, a resident may raise an alarm from the alert (issue 18); a follower has no group to alarm.
      expect(alert.buttons.map((b) => b.text)).toEqual(
        chat === follower.id ? ["✅ Đã nhận", "📮 Báo tin"] : ["✅ Đã nhận", "📮 Báo tin", "🔔 Báo động"],
      );
      expect(alert.buttons[1]?.url).toBe("https://t.me/KengTestBot?start=tip_phuly-minhkhai");
    }
    expect(h.fake.messagesIn(GOTHER).some((m) => m.plainText.includes("K1"))).toBe(false);
    // The officer's progress message ends with the totals (the kicked group failed, once).
    const progress = await h.fake.waitForMessage(
      officer.id,
      (m) => m.plainText.includes("Hoàn tất: đã gửi 4/5, lỗi 1"),
      20_000,
    );
    expect(progress.edits.length).toBeGreaterThan(0);
    const kickedSends = h.fake.calls.filter(
      (c) => c.method === "sendMessage" && String(c.params.chat_id) === String(GKICKED) && c.status === 403,
    );
    expect(kickedSends).toHaveLength(1);
    expect((await h.app.db.chat.findFirst({ where: { platformChatId: String(GKICKED) } }))?.active).toBe(false);
  }, 40_000);

  it("strikes once when the same update arrives twice", async () => {
    const update = h.fake.sendText({ chatId: officer.id, from: officer, text: "/keng tb Họp tổ dân phố lúc 19h" });
    h.fake.enqueueRawUpdate(update);
    await alertIn(G5, "K2");
    await new Promise((r) => setTimeout(r, 1500));
    expect(await h.app.db.alert.count()).toBe(2);
    expect(h.fake.messagesIn(G5).filter((m) => m.plainText.includes("K2"))).toHaveLength(1);
  });
});

describe("after the strike", () => {
  let alertInG5: StoredMessage;

  it("counts one acknowledgement per user and answers the presser", async () => {
    alertInG5 = await alertIn(G5, "K1");
    const first = h.fake.pressButton({ chatId: G5, from: resident, messageId: alertInG5.messageId, data: "ak:1" });
    expect((await h.fake.waitForCallbackAnswer(first.callback_query?.id ?? "")).text).toContain(
      "Cảm ơn bạn đã xác nhận",
    );
    const again = h.fake.pressButton({ chatId: G5, from: resident, messageId: alertInG5.messageId, data: "ak:1" });
    expect((await h.fake.waitForCallbackAnswer(again.callback_query?.id ?? "")).text).toContain(
      "đã xác nhận tin này rồi",
    );
    const followerAlert = await alertIn(follower.id, "K1");
    const fromFollower = h.fake.pressButton({
      chatId: follower.id,
      from: follower,
      messageId: followerAlert.messageId,
      data: "ak:1",
    });
    expect((await h.fake.waitForCallbackAnswer(fromFollower.callback_query?.id ?? "")).text).toContain("Cảm ơn");
    expect(await h.app.db.alertAck.count({ where: { alertId: 1 } })).toBe(2);
  });

  it("reports delivered, failed, pending, acknowledgements and the silent groups", async () => {
    const status = await h.dm(officer, "/tinhtrang K1");
    expect(status.plainText).toContain("Tình trạng K1 — Phường Minh Khai");
    expect(status.plainText).toContain("Đã gửi: 4 · Lỗi: 1 · Đang chờ: 0");
    expect(status.plainText).toContain("Đã nhận: 2 người");
    expect(status.plainText).toContain("Nhóm chưa có ai xác nhận (2):");
    expect(status.plainText).toContain("• Phường Minh Khai <chung>");
    expect(status.plainText).toContain("• Tổ dân phố 6");
    expect(status.plainText).not.toContain("• Tổ dân phố 5");
    expect(status.plainText).toContain("Không gửi được (1):");
    expect(status.plainText).toContain("• Nhóm đã xóa bot — bot đã bị xóa khỏi nhóm hoặc bị chặn");
    // Then the picture of acknowledgements per group (test/e2e/charts.test.ts looks at it closely).
    const chart = await h.fake.waitForMessage(
      officer.id,
      (m) => m.messageId > status.messageId && m.photo !== undefined,
    );
    expect(chart.plainText).toContain("Xác nhận theo nhóm — K1");
    expect((await h.dm(resident, "/tinhtrang K1")).plainText).toContain("Chỉ cán bộ công an");
  });

  it("sends a closure as a reply to the alert in every chat that got it", async () => {
    const reply = await h.dm(officer, "/ketthuc K1 Đã bắt được đối tượng, cảm ơn bà con");
    expect(reply.plainText).toContain("Đã báo kết thúc K1 tới 4 nơi");
    for (const chat of [G5, G6, GWARD, follower.id]) {
      const alert = await alertIn(chat, "K1");
      const closure = await h.fake.waitForMessage(chat, (m) => m.plainText.includes("KẾT THÚC VỤ VIỆC K1"));
      expect(closure.replyToMessageId).toBe(alert.messageId);
      expect(closure.plainText).toContain("Đã bắt được đối tượng, cảm ơn bà con");
    }
    const press = h.fake.pressButton({
      chatId: G6,
      from: resident,
      messageId: (await alertIn(G6, "K1")).messageId,
      data: "ak:1",
    });
    expect((await h.fake.waitForCallbackAnswer(press.callback_query?.id ?? "")).text).toContain("đã kết thúc");
  });

  it("retracts an alert everywhere it arrived", async () => {
    const reply = await h.dm(officer, "/huykeng K2");
    expect(reply.plainText).toContain("Đã thu hồi K2");
    for (const chat of [G5, G6, GWARD]) {
      const alert = await alertIn(chat, "K2");
      const cancel = await h.fake.waitForMessage(chat, (m) => m.plainText.includes("THU HỒI TIẾNG KẺNG K2"));
      expect(cancel.replyToMessageId).toBe(alert.messageId);
    }
    expect((await h.dm(officer, "/ketthuc K2 xong")).plainText).toContain("đã kết thúc trước đó");
  });

  it("refuses acknowledgements once an alert has expired", async () => {
    await h.dm(officer, "/keng @phuly.minhkhai.to5 --het 5m Mất điện khu vực tổ 5");
    const alert = await alertIn(G5, "K3");
    await h.app.db.alert.update({ where: { id: 3 }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const press = h.fake.pressButton({ chatId: G5, from: resident, messageId: alert.messageId, data: "ak:3" });
    expect((await h.fake.waitForCallbackAnswer(press.callback_query?.id ?? "")).text).toContain("hết hiệu lực");
    expect(h.fake.messagesIn(G6).some((m) => /\bK3\b/.test(m.plainText))).toBe(false);
  });

  it("audit-logs who issued, cancelled and resolved", async () => {
    const actions = (await h.app.db.auditLog.findMany({ where: { action: { startsWith: "alert." } } })).map(
      (a) => `${a.action} ${a.subject}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        "alert.issue K1",
        "alert.issue K2",
        "alert.resolve K1",
        "alert.cancel K2",
        "alert.issue K3",
      ]),
    );
  });
});

describe("CAP 1.2", () => {
  const parser = new XMLParser({ ignoreAttributes: false });
  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${h.app.httpPort}${path}`);
    return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
  };

  it("publishes each alert with its identifier, severity, msgType and area", async () => {
    const resolved = await get("/cap/alerts/K1.xml");
    expect(resolved.status).toBe(200);
    expect(resolved.type).toContain("application/cap+xml");
    const doc = parser.parse(resolved.body).alert;
    expect(doc.sender).toBe("keng@keng.phuly.example.vn");
    expect(doc.status).toBe("Actual");
    expect(doc.msgType).toBe("Update");
    expect(doc.scope).toBe("Public");
    expect(doc.info.category).toBe("Security");
    expect(doc.info.severity).toBe("Extreme");
    expect(doc.info.area.areaDesc).toBe("Phường Minh Khai");
    expect(doc.info.area.geocode.value).toBe("phuly.minhkhai");
    expect(doc.info.description).toContain("Đã bắt được đối tượng");
    expect(parser.parse((await get("/cap/alerts/K2.xml")).body).alert.msgType).toBe("Cancel");
    expect((await get("/cap/alerts/K999.xml")).status).toBe(404);
  });

  it("lists active alerts in an Atom feed", async () => {
    await h.dm(officer, "/keng cao @phuly.minhkhai.to6 Người lạ gõ cửa xưng là nhân viên điện lực");
    const feed = await get("/cap/alerts.xml");
    expect(feed.type).toContain("application/atom+xml");
    const parsed = parser.parse(feed.body).feed;
    const entries = [parsed.entry].flat();
    expect(entries.map((e: { title: string }) => e.title)).toEqual(["Người lạ gõ cửa xưng là nhân viên điện lực"]);
  });
});
