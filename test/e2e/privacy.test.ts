/**
 * The privacy notice (Luật 91/2025/QH15): read before a person's first tip is stored, on every path —
 * the one-line `/togiac <text>` included — and on demand with /quyenriengtu; "anonymous" says what it
 * is; officers get a register sheet with no tipster identity.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import { isPrivacyNotice, sendQuickTip } from "../support/quick-tip.js";
import { makeOfficer, press, pressAndWait, say, trackingCode } from "../tips/support.js";

let h: Harness;
const resident = { id: 6_600_000_001, first_name: "Hạnh", language_code: "vi" };
const english = { id: 6_600_000_002, first_name: "Ann", language_code: "en" };
const walker = { id: 6_600_000_003, first_name: "Tâm", language_code: "vi" };
const officer = { id: 6_600_000_009, first_name: "Lan", language_code: "vi" };

beforeAll(async () => {
  h = await startHarness({ env: { TIP_RETENTION_DAYS: "60", DELIVERY_RETENTION_DAYS: "20" } });
  for (const u of [SUPERADMIN, resident, english, walker]) h.fake.addPrivateChatUser(u);
  await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh Tỉnh Ninh Bình");
  await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh.p5 Phường 5");
  await h.dm(SUPERADMIN, "/suakhuvuc ninhbinh.p5 donvi Công an Phường 5");
  await h.dm(SUPERADMIN, "/suakhuvuc ninhbinh.p5 diachi Số 1 đường Ví Dụ, Phường 5, tỉnh Ninh Bình");
  await h.dm(SUPERADMIN, "/suakhuvuc ninhbinh.p5 sdt 0229 3871 113");
  await makeOfficer(h, officer, "ninhbinh.p5");
  for (const u of [resident, english, walker]) await h.dm(u, "/theodoi ninhbinh.p5");
});

afterAll(async () => {
  await h?.stop();
});

const storedTips = () => h.app.db.tip.count();

describe("privacy notice", () => {
  it("comes before a one-line first tip is stored, names the unit that controls the data, and the tip waits for 📮 Gửi tin", async () => {
    const before = await storedTips();
    const notice = await say(h, resident, "/togiac Có người lạ theo dõi nhà số 3", "Trước khi gửi");
    expect(isPrivacyNotice(notice)).toBe(true);
    // What Luật 91/2025 asks a notice to say, in plain words.
    for (const part of [
      "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15",
      "Bên kiểm soát dữ liệu cá nhân</b>: Công an Phường 5",
      "Số 1 đường Ví Dụ, Phường 5, tỉnh Ninh Bình",
      "0229 3871 113",
      "Mục đích",
      "cán bộ công an phụ trách khu vực và khu vực cấp trên",
      "Telegram/Zalo vẫn biết tài khoản của bạn",
      "Kẻng không xóa được các bản đó",
      "bị xóa 60 ngày sau khi tin được xử lý xong",
      "bị xóa khỏi Kẻng sau 20 ngày",
      "rút lại đồng ý",
      "máy chủ của Telegram hoặc Zalo, có thể đặt ở nước ngoài",
    ]) {
      expect(notice.text ?? "").toContain(part);
    }
    expect(notice.plainText).toContain("Có người lạ theo dõi nhà số 3");
    // Nothing is stored until the person presses the button.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await storedTips()).toBe(before);
    press(h, resident, notice, "📮");
    const receipt = await h.fake.waitForMessage(
      resident.id,
      (m) => m.messageId > notice.messageId && /TG-[A-Z0-9]{6}/.test(m.plainText),
      15_000,
    );
    expect(receipt.plainText).toContain("Ẩn danh: cán bộ không biết bạn là ai");
    expect(receipt.plainText).toContain("Telegram/Zalo vẫn biết tài khoản của bạn");
    expect(await storedTips()).toBe(before + 1);
  });

  it("does not come again: a later one-line tip goes straight in", async () => {
    const { receipt, notice } = await sendQuickTip(h, resident, "Xe máy lạ đỗ trước cổng trường");
    expect(notice).toBeUndefined();
    expect(receipt.plainText).not.toContain("Trước khi gửi");
  });

  it("comes in the guided flow too, before the first question, and names the unit again at the confirmation", async () => {
    const start = await say(h, walker, "/togiac", "Sự việc thuộc loại nào?");
    // Before the first question: the whole notice, nothing given yet.
    expect(start.plainText).toContain("Trước khi gửi");
    expect(start.plainText).toContain("Lần gửi đầu tiên, Kẻng cho bạn biết tên, địa chỉ và số điện thoại của đơn vị");
    await pressAndWait(h, walker, start, "Khác", "Hãy mô tả sự việc");
    const media = await say(h, walker, "Có người đốt rác gây khói", "gửi ảnh");
    const identity = await pressAndWait(h, walker, media, "Tiếp tục", "ẩn danh");
    const before = await storedTips();
    press(h, walker, identity, "Gửi ẩn danh");
    const confirm = await h.fake.waitForMessage(
      walker.id,
      (m) => m.messageId > identity.messageId && m.buttons.some((b) => b.text.includes("📮")),
      15_000,
    );
    expect(confirm.plainText).toContain("Tin này do Công an Phường 5 quản lý");
    expect(confirm.plainText).toContain("bản nháp tự xóa sau 1 giờ");
    expect(await storedTips()).toBe(before);
    press(h, walker, confirm, "📮");
    const receipt = await h.fake.waitForMessage(
      walker.id,
      (m) => m.messageId > confirm.messageId && /TG-[A-Z0-9]{6}/.test(m.plainText),
      15_000,
    );
    expect(trackingCode(receipt)).toMatch(/^TG-/);
  });

  it("is shown again on demand, in the person's language", async () => {
    const count = h.fake.messagesIn(resident.id).length;
    h.fake.sendText({ chatId: resident.id, from: resident, text: "/quyenriengtu" });
    const notice = await h.fake.waitForMessage(
      resident.id,
      (m) => h.fake.messagesIn(resident.id).indexOf(m) >= count && m.plainText.includes("Trước khi gửi"),
      15_000,
    );
    expect(notice.plainText).toContain("Công an Phường 5");
    await say(h, english, "/ngonngu en", "Language set");
    const en = await say(h, english, "/privacy", "Before you send");
    expect(en.plainText).toContain("Personal Data Protection Law 91/2025/QH15");
    expect(en.plainText).toContain("60 days");
    expect(en.plainText).toContain("Telegram/Zalo still know your account");
  });
});

describe("the register sheet", () => {
  it("gives an officer one tap to a sheet for the unit's register, saying the mailbox is not that register, without the tipster", async () => {
    const code = trackingCode((await sendQuickTip(h, resident, "Nghi bán hàng cấm ở ki-ốt 7")).receipt);
    const card = await h.fake.waitForMessage(
      officer.id,
      (m) => m.plainText.includes(code) && m.buttons.some((b) => b.text.includes("Xuất phiếu")),
      20_000,
    );
    press(h, officer, card, "Xuất phiếu");
    const sheet = await h.fake.waitForMessage(
      officer.id,
      (m) => m.document !== undefined && m.plainText.includes(code),
      20_000,
    );
    expect(sheet.plainText).toContain("không phải sổ tiếp nhận chính thức");
    const text = (sheet.document?.bytes ?? Buffer.alloc(0)).toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    for (const part of [
      `Mã theo dõi: ${code}`,
      "Loại tin: 📝 Khác",
      "Nghi bán hàng cấm ở ki-ốt 7",
      "Kết quả: chưa đóng",
      "Hòm thư Kẻng không phải sổ tiếp nhận chính thức",
    ]) {
      expect(text).toContain(part);
    }
    expect(text).not.toContain(String(resident.id));
    expect(text).not.toContain(resident.first_name);
  });
});

describe("the right to deletion", () => {
  it("lets an administrator erase a tip at once when its tipster asks: content and deliveries go, counts stay", async () => {
    const text = "Xin xóa tin này: nghi có người buôn pháo ở dãy trọ";
    const code = trackingCode((await sendQuickTip(h, resident, text)).receipt);
    await h.fake.waitForMessage(officer.id, (m) => m.plainText.includes(code), 20_000);
    // The tipster has heard everything queued about the tip (its "forwarded" notice) before the erase.
    await h.fake.waitForMessage(
      resident.id,
      (m) => m.plainText.includes(code) && m.plainText.includes("đã được chuyển tới"),
      20_000,
    );
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", "src/admin/cli.ts", "tip-erase", code.toLowerCase()],
      {
        cwd: new URL("../../", import.meta.url).pathname,
        env: { ...process.env, DATABASE_URL: h.databaseUrl },
        encoding: "utf8",
      },
    );
    expect(out).toContain(`Erased tip ${code}`);
    const tip = await h.app.db.tip.findUniqueOrThrow({ where: { code } });
    expect(tip).toMatchObject({ status: "closed", text: null, sealedTipster: null, tipsterHash: null });
    expect(tip.contentDeletedAt).not.toBeNull();
    const carrying = await h.app.db.delivery.findMany({
      where: {
        OR: [{ sourceKind: { in: ["tip", "tipCard"] }, sourceId: tip.id }, { key: { startsWith: `tip:${tip.id}:` } }],
      },
    });
    expect(carrying).toEqual([]);
    const audit = await h.app.db.auditLog.findFirst({ where: { action: "tip.erase", subject: code } });
    expect(audit).not.toBeNull();
    // The tipster no longer finds it either.
    const lookup = await say(h, resident, `/tracuu ${code}`, "Không tìm thấy");
    expect(lookup.plainText).toContain(code);
  }, 60_000);
});
