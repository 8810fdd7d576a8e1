/**
 * Issue 18 §1, end to end: a resident strikes the gong for their street. The alarm reaches its
 * group, the other groups of the same tổ dân phố, the ward's officer and the tổ's guard, privately
 * with the caller's name; `Đang đến`, `Nâng thành kẻng phường`, `Báo nhầm` with what each group
 * sees; the abuse limits (one open alarm per group, cooling-off, daily limit, barred people); the
 * escalation of an unanswered alarm to the officer above.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput, StoredMessage } from "../../src/sandbox/fake-telegram/types.js";
import { grantRole, pressFor, registerGroup } from "../support/chat-steps.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

const officer: FakeUserInput = { id: 8_180_000_001, first_name: "Cán bộ Lan", language_code: "vi" };
const cityOfficer: FakeUserInput = { id: 8_180_000_002, first_name: "Cán bộ Tỉnh", language_code: "vi" };
const guard: FakeUserInput = { id: 8_180_000_003, first_name: "Bảo vệ Hùng", language_code: "vi" };
const resident: FakeUserInput = { id: 8_180_000_004, first_name: "Minh", language_code: "vi" };
const neighbour: FakeUserInput = { id: 8_180_000_005, first_name: "Hoa", language_code: "vi" };
const other: FakeUserInput = { id: 8_180_000_006, first_name: "Tú", language_code: "vi" };
/** Two groups of tổ dân phố 5, one of tổ 6. */
const G5A = -180501;
const G5B = -180502;
const G6 = -180601;

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

let welcomeG6: StoredMessage;

beforeAll(async () => {
  h = await startHarness({ env: { ALARM_DAILY_LIMIT: "2", ALARM_ESCALATE_MINUTES: "0.05" } });
  for (const u of [SUPERADMIN, officer, cityOfficer, guard, resident, neighbour, other]) h.fake.addPrivateChatUser(u);
  for (const line of [
    "phuly Thành phố Phủ Lý",
    "phuly.minhkhai Phường Minh Khai",
    "phuly.minhkhai.to5 Tổ dân phố 5",
    "phuly.minhkhai.to6 Tổ dân phố 6",
  ]) {
    await h.dm(SUPERADMIN, `/themkhuvuc ${line}`);
  }
  await join(officer, "officer", "phuly.minhkhai");
  await join(cityOfficer, "officer", "phuly");
  // Guards are invited like every other role (issue 18).
  await join(guard, "guard", "phuly.minhkhai.to5");
  await register(G5A, "Tổ 5 — ngõ 12", "phuly.minhkhai.to5");
  await register(G5B, "Tổ 5 — chung cư", "phuly.minhkhai.to5");
  welcomeG6 = await register(G6, "Tổ dân phố 6", "phuly.minhkhai.to6");
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe("a resident raises the alarm", () => {
  let prompt: StoredMessage;

  it("is asked what is happening, and told the alarm carries their name", async () => {
    expect(welcomeG6.buttons.map((b) => b.text)).toContain("🔔 Báo động");
    prompt = await h.inGroup(G5A, resident, "/baodong Có người cạy khóa xe máy ở đầu ngõ 12");
    expect(prompt.plainText).toContain("Minh, chuyện gì đang xảy ra?");
    expect(prompt.plainText).toContain("Có người cạy khóa xe máy ở đầu ngõ 12");
    expect(prompt.plainText).toContain("Báo động không ẩn danh: tên bạn và tên nhóm được gửi kèm");
    expect(prompt.buttons.map((b) => b.text)).toEqual([
      "🥷 Trộm, cướp",
      "👊 Đánh nhau",
      "🔥 Cháy",
      "👤 Người lạ khả nghi",
      "❓ Khác",
      "Hủy",
    ]);
    // Someone else cannot choose for the caller.
    expect(await press(neighbour, prompt, callbackOf(prompt, "🥷 Trộm, cướp"))).toContain("Chỉ Minh chọn được");
  });

  it("reaches its group and the other group of the tổ, not tổ 6, and the officer and guard privately", async () => {
    expect(await press(resident, prompt, callbackOf(prompt, "🥷 Trộm, cướp"))).toContain(
      "Đã báo động: 2 nhóm, 2 cán bộ và tổ bảo vệ",
    );
    for (const group of [G5A, G5B]) {
      const alarm = await alarmIn(group, "B1");
      expect(alarm.plainText).toContain("BÁO ĐỘNG — 🥷 Trộm, cướp");
      expect(alarm.plainText).toContain("Nhóm «Tổ 5 — ngõ 12» · Tổ dân phố 5");
      expect(alarm.plainText).toContain("Người báo: Minh · Mã B1");
    }
    const forOfficer = await alarmIn(officer.id, "B1");
    expect(forOfficer.plainText).toContain("Người báo: Minh");
    expect(forOfficer.plainText).toContain("Có người cạy khóa xe máy ở đầu ngõ 12");
    expect(forOfficer.buttons.map((b) => b.text)).toEqual([
      "🏃 Đang đến",
      "Báo nhầm",
      "📢 Nâng thành kẻng phường",
      "🚫 Chặn người báo",
    ]);
    const forGuard = await alarmIn(guard.id, "B1");
    expect(forGuard.plainText).toContain("Nhóm «Tổ 5 — ngõ 12»");
    expect(forGuard.buttons.map((b) => b.text)).toEqual(["🏃 Đang đến", "Báo nhầm"]);
    expect(h.fake.messagesIn(G6).some((m) => m.plainText.includes("BÁO ĐỘNG"))).toBe(false);
    // The prompt lost its categories; the caller may still add a line.
    await h.fake.waitForMessage(G5A, (m) => m.messageId === prompt.messageId && m.plainText.includes("Đã báo động B1"));
    expect(
      h.fake
        .messagesIn(G5A)
        .find((m) => m.messageId === prompt.messageId)
        ?.buttons.map((b) => b.text),
    ).toEqual(["Không cần thêm"]);
  });

  it("allows one open alarm per group", async () => {
    expect((await h.inGroup(G5A, neighbour, "/alarm cháy")).plainText).toContain("Nhóm này đang có báo động B1");
  });

  it("shows in every group who is coming", async () => {
    const forGuard = await alarmIn(guard.id, "B1");
    expect(await press(guard, forGuard, "bd:g:1")).toContain("Đã báo cho 2 nhóm");
    for (const group of [G5A, G5B]) {
      expect((await saying(group, "đang đến — báo động B1")).plainText).toBe(
        "🏃 Bảo vệ Hùng (thành viên tổ bảo vệ an ninh, trật tự) đang đến — báo động B1.",
      );
    }
    // A resident cannot answer an alarm.
    expect(await press(resident, forGuard, "bd:g:1")).toContain("Chỉ cán bộ công an hoặc tổ bảo vệ");
  });

  it("becomes a ward alert in one more tap, with a 🔔 button in the groups", async () => {
    const forOfficer = await alarmIn(officer.id, "B1");
    await press(officer, forOfficer, "bd:k:1");
    const preview = await saying(officer.id, "Báo động B1 → kẻng phường");
    expect(preview.plainText).toContain("Phường Minh Khai");
    expect(preview.plainText).toContain(
      "Trộm, cướp tại nhóm «Tổ 5 — ngõ 12» (Tổ dân phố 5). Có người cạy khóa xe máy ở đầu ngõ 12",
    );
    await press(officer, preview, "keng:send");
    for (const group of [G5A, G5B, G6]) {
      const alert = await h.fake.waitForMessage(
        group,
        (m) => m.plainText.includes("TIẾNG KẺNG AN NINH") && m.plainText.includes("K1"),
      );
      expect(alert.plainText).toContain("KHẨN CẤP");
      expect(alert.buttons.map((b) => b.text)).toEqual(["✅ Đã nhận", "📮 Báo tin", "🔔 Báo động"]);
    }
  });
});

describe("a false alarm and the limits", () => {
  it("closes politely in every group, and the caller cools off", async () => {
    // From the welcome card's button this time.
    expect(await press(other, welcomeG6, "bd:open")).toBe("");
    const prompt = await saying(G6, "Tú, chuyện gì đang xảy ra?");
    await press(other, prompt, callbackOf(prompt, "👤 Người lạ khả nghi"));
    const forOfficer = await alarmIn(officer.id, "B2");
    expect(h.fake.messagesIn(guard.id).some((m) => m.plainText.includes("B2"))).toBe(false);
    expect(await press(officer, forOfficer, "bd:f:2")).toContain("Đã báo cho 1 nhóm: báo nhầm");
    expect((await saying(G6, "Báo động B2 đã được")).plainText).toBe(
      "✅ Báo động B2 đã được Cán bộ Lan kiểm tra: là báo nhầm. Cảm ơn bà con đã cảnh giác, mọi người yên tâm.",
    );
    expect((await h.inGroup(G6, other, "/baodong")).plainText).toContain("Lần báo động trước của bạn là báo nhầm");
    expect(await h.app.db.auditLog.count({ where: { action: { startsWith: "alarm." } } })).toBeGreaterThanOrEqual(5);
  });

  it("escalates an unanswered alarm to the officer above, then stops at the daily limit and at a bar", async () => {
    const prompt = await h.inGroup(G5A, resident, "/baodong");
    await press(resident, prompt, callbackOf(prompt, "👊 Đánh nhau"));
    const escalated = await h.fake.waitForMessage(cityOfficer.id, (m) => m.plainText.includes("BÁO ĐỘNG B3"), 30_000);
    expect(escalated.plainText).toContain("Chưa ai nhận báo động này ở Tổ dân phố 5 sau vài phút");
    // Minh raised two alarms today: the limit here is two.
    expect((await h.inGroup(G5B, resident, "/baodong")).plainText).toContain("tối đa 2 lần trong 24 giờ");
    const forOfficer = await alarmIn(officer.id, "B3");
    await press(officer, forOfficer, "bd:b:3");
    expect((await saying(officer.id, "không báo động được nữa")).plainText).toBe(
      "🚫 Minh không báo động được nữa ở Tổ dân phố 5.",
    );
    expect((await h.inGroup(G5B, resident, "/baodong")).plainText).toContain(
      "Cán bộ đã tạm dừng quyền báo động của bạn",
    );
  }, 40_000);
});

describe("/thongke", () => {
  it("counts alarms raised, confirmed and false, and the time to first response", async () => {
    const stats = await h.dm(officer, "/thongke phuly.minhkhai");
    expect(stats.plainText).toContain("🚨 Người dân báo động: 3 · được xác nhận 1 · báo nhầm 1");
    expect(stats.plainText).toMatch(/Thời gian tới phản hồi đầu tiên \(trung vị\): [\d,]+ phút/);
  });
});
