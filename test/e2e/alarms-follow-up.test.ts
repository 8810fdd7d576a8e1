/**
 * Issue 18 §1, what follows an alarm: the caller's own words (typed before the category, or after
 * the alarm went out) reach everyone who heard it; when one responder answers, the others' copies
 * say so and lose the buttons that no longer fit; a confirmed alarm is in the CAP feed, an
 * unconfirmed one is not.
 */
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput, StoredMessage } from "../../src/sandbox/fake-telegram/types.js";
import { grantRole, pressFor, registerGroup } from "../support/chat-steps.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

const officer: FakeUserInput = { id: 8_190_000_001, first_name: "Cán bộ Lan", language_code: "vi" };
const guard: FakeUserInput = { id: 8_190_000_002, first_name: "Bảo vệ Hùng", language_code: "vi" };
const guard2: FakeUserInput = { id: 8_190_000_003, first_name: "Bảo vệ Sơn", language_code: "vi" };
const resident: FakeUserInput = { id: 8_190_000_004, first_name: "Bà Tư", language_code: "vi" };
const neighbour: FakeUserInput = { id: 8_190_000_005, first_name: "Hoa", language_code: "vi" };
const G5A = -190501;
const G5B = -190502;

let h: Harness;

const join = (user: FakeUserInput, role: "officer" | "guard", area: string) => grantRole(h, user, role, area);
const register = (groupId: number, title: string, area: string) => registerGroup(h, groupId, title, area, officer);
/** Presses a button and returns the toast the presser reads. */
const press = (user: FakeUserInput, message: StoredMessage, data: string) => pressFor(h, user, message, data);

const callbackOf = (message: StoredMessage, text: string) =>
  message.buttons.find((b) => b.text === text)?.callback_data ?? "";
const alarmIn = (chatId: number, id: string) =>
  h.fake.waitForMessage(chatId, (m) => m.plainText.includes("BÁO ĐỘNG") && m.plainText.includes(id));
const saying = (chatId: number, text: string) => h.fake.waitForMessage(chatId, (m) => m.plainText.includes(text));
const current = (message: StoredMessage) =>
  h.fake.messagesIn(message.chatId).find((m) => m.messageId === message.messageId);

const parser = new XMLParser({ ignoreAttributes: false });
const get = async (path: string) => {
  const response = await fetch(`http://127.0.0.1:${h.app.httpPort}${path}`);
  return { status: response.status, body: await response.text() };
};

beforeAll(async () => {
  h = await startHarness({ env: { PUBLIC_BASE_URL: "https://keng.phuly.example.vn" } });
  for (const u of [SUPERADMIN, officer, guard, guard2, resident, neighbour]) h.fake.addPrivateChatUser(u);
  for (const line of ["phuly Thành phố Phủ Lý", "phuly.minhkhai Phường Minh Khai", "phuly.minhkhai.to5 Tổ dân phố 5"])
    await h.dm(SUPERADMIN, `/themkhuvuc ${line}`);
  await join(officer, "officer", "phuly.minhkhai");
  await join(guard, "guard", "phuly.minhkhai.to5");
  await join(guard2, "guard", "phuly.minhkhai.to5");
  await register(G5A, "Tổ 5 — ngõ 12", "phuly.minhkhai.to5");
  await register(G5B, "Tổ 5 — chung cư", "phuly.minhkhai.to5");
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe("the caller's words follow the alarm", () => {
  let prompt: StoredMessage;

  it("keeps a line typed while the prompt waits, and sends it with the alarm", async () => {
    prompt = await h.inGroup(G5A, resident, "/baodong");
    // A reply to the prompt: all a bot in privacy mode receives in a group.
    h.fake.sendText({
      chatId: G5A,
      from: resident,
      text: "Hai thanh niên áo đen cạy cửa nhà số 7",
      replyTo: prompt.messageId,
    });
    expect((await saying(G5A, "Kẻng đã ghi lại")).plainText).toContain("Chọn một nút ở trên");
    expect(await press(resident, prompt, callbackOf(prompt, "🥷 Trộm, cướp"))).toContain("Đã báo động");
    expect((await alarmIn(G5B, "B1")).plainText).toContain("Hai thanh niên áo đen cạy cửa nhà số 7");
    expect((await alarmIn(officer.id, "B1")).plainText).toContain("Hai thanh niên áo đen cạy cửa nhà số 7");
  });

  it("sends at once on the category, then passes on what the caller adds to every group, officer and guard", async () => {
    const sent = await h.fake.waitForMessage(
      G5A,
      (m) => m.messageId === prompt.messageId && m.plainText.includes("Đã báo động B1"),
    );
    expect(sent.plainText).toContain("Muốn nói thêm ở đâu, mấy người, đi hướng nào? Trả lời tin này");
    expect(sent.buttons.map((b) => b.text)).toEqual(["Không cần thêm"]);
    const groupAlarm = await alarmIn(G5B, "B1");
    const officerCopy = await alarmIn(officer.id, "B1");
    h.fake.sendText({ chatId: G5A, from: resident, text: "Chúng chạy về phía chợ Bầu", replyTo: prompt.messageId });
    for (const chat of [G5A, G5B, officer.id, guard.id, guard2.id]) {
      expect((await saying(chat, "Bà Tư nói thêm")).plainText).toBe(
        "📝 Báo động B1 — Bà Tư nói thêm: Chúng chạy về phía chợ Bầu",
      );
    }
    expect((await saying(G5B, "Bà Tư nói thêm")).replyToMessageId).toBe(groupAlarm.messageId);
    expect((await saying(officer.id, "Bà Tư nói thêm")).replyToMessageId).toBe(officerCopy.messageId);
    await h.fake.waitForMessage(
      G5A,
      (m) => m.messageId === prompt.messageId && m.plainText.includes("Đã chuyển thêm 1 tin"),
    );
    // A location (Telegram's 📎 → Vị trí) follows the same way (sent plainly: the fake sends no replies with one).
    h.fake.sendLocation({ chatId: G5A, from: resident, latitude: 20.5411, longitude: 105.9137 });
    expect((await h.fake.waitForMessage(guard.id, (m) => m.location !== undefined)).location).toEqual({
      latitude: 20.5411,
      longitude: 105.9137,
    });
    await saying(guard.id, "📍 Báo động B1 — vị trí Bà Tư gửi");
    await h.fake.waitForMessage(
      G5A,
      (m) => m.messageId === prompt.messageId && m.plainText.includes("Đã chuyển thêm 2 tin"),
    );
  });

  it("stops passing words on after «Không cần thêm»; a neighbour's chatter is never passed on", async () => {
    h.fake.sendText({ chatId: G5A, from: neighbour, text: "Nhà tôi cũng mất xe hôm qua", replyTo: prompt.messageId });
    expect(await press(resident, prompt, callbackOf(current(prompt) ?? prompt, "Không cần thêm"))).toBe("");
    await h.fake.waitForMessage(G5A, (m) => m.messageId === prompt.messageId && m.buttons.length === 0);
    h.fake.sendText({ chatId: G5A, from: resident, text: "Cảm ơn bà con", replyTo: prompt.messageId });
    // A later line of the next alarm shows the two above were not passed on.
    const next = await h.inGroup(G5B, neighbour, "/baodong");
    await press(neighbour, next, callbackOf(next, "🔥 Cháy"));
    h.fake.sendText({ chatId: G5B, from: neighbour, text: "Khói bốc lên ở tầng 3", replyTo: next.messageId });
    await saying(officer.id, "Khói bốc lên ở tầng 3");
    const passed = h.fake
      .messagesIn(officer.id)
      .filter((m) => m.plainText.includes("nói thêm"))
      .map((m) => m.plainText);
    expect(passed).toEqual([
      "📝 Báo động B1 — Bà Tư nói thêm: Chúng chạy về phía chợ Bầu",
      "📝 Báo động B2 — Hoa nói thêm: Khói bốc lên ở tầng 3",
    ]);
  });
});

describe("one responder answers", () => {
  it("is shown on the other responders' copies, which lose the stale buttons", async () => {
    const officerCopy = await alarmIn(officer.id, "B1");
    const guard2Copy = await alarmIn(guard2.id, "B1");
    const guardCopy = await alarmIn(guard.id, "B1");
    await press(guard, guardCopy, "bd:g:1");
    const edited = await h.fake.waitForMessage(
      officer.id,
      (m) => m.messageId === officerCopy.messageId && m.plainText.includes("đã nhận: đang đến"),
    );
    expect(edited.plainText).toContain("🏃 Bảo vệ Hùng (thành viên tổ bảo vệ an ninh, trật tự) đã nhận: đang đến.");
    expect(edited.buttons.map((b) => b.text)).toEqual(["📢 Nâng thành kẻng phường", "🚫 Chặn người báo"]);
    const other = await h.fake.waitForMessage(
      guard2.id,
      (m) => m.messageId === guard2Copy.messageId && m.plainText.includes("đã nhận: đang đến"),
    );
    expect(other.buttons).toEqual([]);
    // The one going keeps theirs.
    expect(current(guardCopy)?.buttons.map((b) => b.text)).toEqual(["🏃 Đang đến", "Báo nhầm"]);
  });

  it("closing it as a mistake leaves the officer only the bar", async () => {
    const officerCopy = await alarmIn(officer.id, "B2");
    const guardCopy = await alarmIn(guard.id, "B2");
    await press(guard2, await alarmIn(guard2.id, "B2"), "bd:f:2");
    const edited = await h.fake.waitForMessage(
      officer.id,
      (m) => m.messageId === officerCopy.messageId && m.plainText.includes("báo nhầm"),
    );
    expect(edited.plainText).toContain(
      "✅ Bảo vệ Sơn (thành viên tổ bảo vệ an ninh, trật tự) đã kiểm tra: báo nhầm. Báo động đã kết thúc.",
    );
    expect(edited.buttons.map((b) => b.text)).toEqual(["🚫 Chặn người báo"]);
    expect(
      (
        await h.fake.waitForMessage(
          guard.id,
          (m) => m.messageId === guardCopy.messageId && m.plainText.includes("báo nhầm"),
        )
      ).buttons,
    ).toEqual([]);
  });
});

describe("CAP", () => {
  it("publishes a confirmed alarm like an alert, and not an unconfirmed one", async () => {
    const confirmed = await get("/cap/alarms/B1.xml");
    expect(confirmed.status).toBe(200);
    const doc = parser.parse(confirmed.body).alert;
    expect(doc.identifier).toBe("keng.phuly.example.vn-B1");
    expect(doc.msgType).toBe("Alert");
    expect(doc.info.event).toBe("Người dân báo động – 🥷 Trộm, cướp");
    expect(doc.info.severity).toBe("Severe");
    expect(doc.info.description).toContain("Chúng chạy về phía chợ Bầu");
    expect(doc.info.description).not.toContain("Bà Tư");
    expect(doc.info.area.geocode.value).toBe("phuly.minhkhai.to5");
    // B2 was never confirmed (closed as a mistake); B3 is open and unanswered.
    expect((await get("/cap/alarms/B2.xml")).status).toBe(404);
    const prompt = await h.inGroup(G5B, resident, "/baodong trộm chó");
    await press(resident, prompt, callbackOf(prompt, "🥷 Trộm, cướp"));
    await alarmIn(officer.id, "B3");
    expect((await get("/cap/alarms/B3.xml")).status).toBe(404);
    const entries = [parser.parse((await get("/cap/alerts.xml")).body).feed.entry].flat();
    expect(entries.map((e: { id: string }) => e.id.split(":").pop())).toEqual(["keng.phuly.example.vn-B1"]);
  });

  it("cancels a confirmed alarm later closed as a mistake, and drops it from the feed", async () => {
    expect(await press(guard, await alarmIn(guard.id, "B1"), "bd:f:1")).toContain("báo nhầm");
    const cancel = parser.parse((await get("/cap/alarms/B1.xml")).body).alert;
    expect(cancel.msgType).toBe("Cancel");
    expect(cancel.identifier).toBe("keng.phuly.example.vn-B1-cancel");
    expect(parser.parse((await get("/cap/alerts.xml")).body).feed.entry).toBeUndefined();
  });
});
