/**
 * Issue 15, the officer's gong: options anywhere (autocorrected dashes, `het:1h`), option-looking
 * mistakes refused, "Đánh kẻng" step by step with a preview and one "Gửi", an alert that would reach
 * nobody refused before anything is sent, the acknowledgement count in the toast and the progress
 * message, and bare /tinhtrang, /huykeng and /ketthuc.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput, StoredMessage } from "../../src/sandbox/fake-telegram/types.js";
import { buttonData, lastId, nextMatching, pressFor, say } from "../support/chat-steps.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

const officer: FakeUserInput = { id: 8_150_000_001, first_name: "Lan", language_code: "vi" };
const twoAreas: FakeUserInput = { id: 8_150_000_002, first_name: "Hùng", language_code: "vi" };
const residentA: FakeUserInput = { id: 8_250_000_003, first_name: "Minh", language_code: "vi" };
const residentB: FakeUserInput = { id: 8_250_000_004, first_name: "Hoa", language_code: "vi" };
const G5 = -100515;

let h: Harness;

const alertIn = (text: string, after: number) =>
  nextMatching(h, G5, after, new RegExp(`TIẾNG KẺNG AN NINH[\\s\\S]*${text}`));
const latestAlert = () => h.app.db.alert.findFirst({ orderBy: { id: "desc" } });
/** The latest alert's validity in minutes (issuedAt is the database's clock, expiresAt the app's: milliseconds apart). */
const validMinutes = async () => {
  const stored = await latestAlert();
  return Math.round(((stored?.expiresAt.getTime() ?? 0) - (stored?.issuedAt.getTime() ?? 0)) / 60_000);
};

async function grant(user: FakeUserInput, area: string) {
  h.fake.addPrivateChatUser(user);
  const invite = await h.dm(SUPERADMIN, `/moi officer ${area}`);
  await h.dm(user, `/thamgia ${/\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? ""}`);
}

beforeAll(async () => {
  h = await startHarness();
  for (const u of [SUPERADMIN, residentA, residentB]) h.fake.addPrivateChatUser(u);
  for (const line of [
    "phuly Thành phố Phủ Lý",
    "phuly.minhkhai Phường Minh Khai",
    "phuly.minhkhai.to5 Tổ dân phố 5",
    "phuly.lamha Phường Lam Hạ",
  ])
    await h.dm(SUPERADMIN, `/themkhuvuc ${line}`);
  await grant(officer, "phuly.minhkhai");
  await grant(twoAreas, "phuly.minhkhai");
  await grant(twoAreas, "phuly.lamha");
  h.fake.addGroup({ id: G5, title: "Tổ dân phố 5", type: "supergroup" });
  h.fake.setChatAdmin(G5, officer.id, true);
  expect((await h.inGroup(G5, officer, "/dangky phuly.minhkhai.to5")).plainText).toContain("Nhóm đã được liên kết");
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe("options anywhere", () => {
  it("reads an autocorrected —het after the text and never broadcasts it", async () => {
    const after = lastId(h, G5);
    expect((await h.dm(officer, "/keng Trộm xe máy tại ngõ 5 —het 1h")).plainText).toContain("Đã đánh kẻng");
    const alert = await alertIn("Trộm xe máy tại ngõ 5", after);
    expect(alert.plainText).not.toMatch(/het|—h/);
    // Alerts ring: never sent silently.
    expect(alert.disableNotification).toBeUndefined();
    expect(await validMinutes()).toBe(60);
  });

  it("reads `het:45m` and a dashed level anywhere", async () => {
    const after = lastId(h, G5);
    await h.dm(officer, "/keng Cháy nhà số 12 het:45m –khan");
    const alert = await alertIn("Cháy nhà số 12", after);
    expect(alert.plainText).toContain("KHẨN CẤP");
    expect(alert.plainText).not.toContain("het:");
    expect(await validMinutes()).toBe(45);
  });

  it("refuses an option-looking word it does not know, and sends nothing", async () => {
    const before = await h.app.db.alert.count();
    const reply = await h.dm(officer, "/keng Mất trộm xe đạp --hett 1h");
    expect(reply.plainText).toContain("Không hiểu «--hett»");
    expect(reply.plainText).toContain("chưa được gửi");
    expect(await h.app.db.alert.count()).toBe(before);
  });

  it("says an alert would reach nobody before anything is stored or sent", async () => {
    const before = await h.app.db.alert.count();
    const reply = await h.dm(twoAreas, "/keng @phuly.lamha Có cháy ở chợ");
    expect(reply.plainText).toContain("Chưa gửi: Phường Lam Hạ chưa có nhóm nào");
    expect(await h.app.db.alert.count()).toBe(before);
  });
});

describe("Đánh kẻng step by step", () => {
  it("asks the level and the area with buttons, then the text, and sends only on Gửi", async () => {
    const askLevel = await h.dm(twoAreas, "/keng");
    expect(askLevel.plainText).toContain("Tin này khẩn đến mức nào?");
    const press = async (message: StoredMessage, label: string, expected: string) => {
      const after = lastId(h, twoAreas.id);
      await pressFor(h, twoAreas, message, buttonData(message, label));
      return nextMatching(h, twoAreas.id, after, expected);
    };
    const askArea = await press(askLevel, "Khẩn cấp", "Gửi tới khu vực nào?");
    expect(askArea.buttons.map((b) => b.text)).toEqual(
      expect.arrayContaining(["Phường Minh Khai", "Phường Lam Hạ", "✖️ Hủy"]),
    );
    // The empty ward is refused at once, before any text is typed; the choice stays open.
    await press(askArea, "Phường Lam Hạ", "Chưa gửi: Phường Lam Hạ chưa có nhóm nào");
    await press(askArea, "Phường Minh Khai", "Viết nội dung tiếng kẻng cho Phường Minh Khai");
    const before = await h.app.db.alert.count();
    const preview = await say(
      h,
      twoAreas.id,
      twoAreas,
      "Đối tượng lạ đi xe máy đỏ dò nhà, bà con khóa cửa",
      "Xem lại trước khi gửi",
    );
    expect(preview.plainText).toContain("🔴 Khẩn cấp · 📍 Phường Minh Khai");
    expect(preview.plainText).toContain("Sẽ tới 1 nhóm, 0 người theo dõi");
    expect(preview.buttons.map((b) => b.text)).toEqual(["📢 Gửi", "✖️ Hủy"]);
    expect(await h.app.db.alert.count()).toBe(before);
    const after = lastId(h, G5);
    await press(preview, "📢 Gửi", "Đã đánh kẻng");
    const alert = await alertIn("Đối tượng lạ đi xe máy đỏ", after);
    expect(alert.plainText).toContain("KHẨN CẤP");
    // A second press of the same Gửi sends nothing more.
    expect(await pressFor(h, twoAreas, preview, buttonData(preview, "📢 Gửi"))).toContain("không còn dùng được");
    expect(await h.app.db.alert.count()).toBe(before + 1);
  });

  it("opens from a menu button (keng:start) too", async () => {
    const menu = await h.dm(officer, "/tinhtrang");
    const update = h.fake.pressButton({
      chatId: officer.id,
      from: officer,
      messageId: menu.messageId,
      data: "keng:start",
    });
    await h.fake.waitForCallbackAnswer(update.callback_query?.id ?? "");
    // One area: nothing to choose but the level.
    await nextMatching(h, officer.id, menu.messageId, "Tin này khẩn đến mức nào?");
    await h.dm(officer, "/huy");
  });
});

describe("acknowledgements counted", () => {
  it("shows how many have acknowledged in the toast and in the officer's progress message", async () => {
    const after = lastId(h, G5);
    await h.dm(officer, "/keng tb Họp tổ dân phố lúc 19h");
    const alert = await alertIn("Họp tổ dân phố lúc 19h", after);
    const data = buttonData(alert, "Đã nhận");
    expect(await pressFor(h, residentA, alert, data)).toBe("✅ Cảm ơn bạn đã xác nhận · 1 người đã xác nhận");
    expect(await pressFor(h, residentB, alert, data)).toBe("✅ Cảm ơn bạn đã xác nhận · 2 người đã xác nhận");
    const id = `K${(await latestAlert())?.id ?? 0}`;
    await h.fake.waitForMessage(
      officer.id,
      (m) => m.plainText.includes(`Tiếng kẻng ${id}`) && m.plainText.includes("👥 2 người đã xác nhận"),
      20_000,
    );
  });
});

describe("bare commands", () => {
  it("/tinhtrang shows my latest alert", async () => {
    const latest = await latestAlert();
    const status = await say(h, officer.id, officer, "/tinhtrang", "Tình trạng");
    expect(status.plainText).toContain(`Tình trạng K${latest?.id ?? 0}`);
  });

  it("/huykeng lists my active alerts as buttons and retracts the one chosen after a confirmation", async () => {
    const latest = await latestAlert();
    const id = `K${latest?.id ?? 0}`;
    const list = await say(h, officer.id, officer, "/huykeng", "Chọn tiếng kẻng cần thu hồi");
    expect(list.buttons.some((b) => b.text.startsWith(`${id} · Phường Minh Khai · Họp tổ dân phố`))).toBe(true);
    // Only mine: the other officer's alert is not offered.
    expect(list.buttons.some((b) => b.text.includes("Đối tượng lạ"))).toBe(false);
    let after = lastId(h, officer.id);
    await pressFor(h, officer, list, buttonData(list, id));
    const confirm = await nextMatching(h, officer.id, after, `Thu hồi ${id}?`);
    after = lastId(h, officer.id);
    await pressFor(h, officer, confirm, buttonData(confirm, "❎ Thu hồi"));
    expect((await nextMatching(h, officer.id, after, "Đã thu hồi")).plainText).toContain(id);
    await nextMatching(h, G5, 0, `THU HỒI TIẾNG KẺNG ${id}`);
  });

  it("/ketthuc lists my active alerts and asks for the closing words", async () => {
    const list = await say(h, officer.id, officer, "/ketthuc", "Chọn vụ việc đã kết thúc");
    const first = list.buttons[0];
    const id = /^K\d+/.exec(first?.text ?? "")?.[0] ?? "";
    expect(id).not.toBe("");
    const after = lastId(h, officer.id);
    await pressFor(h, officer, list, first?.callback_data ?? "");
    await nextMatching(h, officer.id, after, `báo kết thúc vụ việc ${id}`);
    expect(
      (await say(h, officer.id, officer, "Đã bắt được đối tượng, cảm ơn bà con", "Đã báo kết thúc")).plainText,
    ).toContain(id);
    const closure = await nextMatching(h, G5, 0, `KẾT THÚC VỤ VIỆC ${id}`);
    expect(closure.plainText).toContain("Đã bắt được đối tượng");
  });

  it("say so when there is nothing to show or end", async () => {
    expect((await h.dm(SUPERADMIN, "/tinhtrang")).plainText).toContain("Bạn chưa đánh kẻng lần nào.");
    expect((await h.dm(SUPERADMIN, "/huykeng")).plainText).toContain("Bạn không có tiếng kẻng nào đang hiệu lực.");
  });
});
