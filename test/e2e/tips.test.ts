/**
 * Issue 4, end to end: the crime-tip mailbox driven over HTTP through the fake Telegram server, with
 * real Postgres and Redis — quick and guided tips, deep links, officers' buttons and anonymous
 * two-way relay, outcomes, the group pointer, limits, long tips, and anonymity at rest.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import type { StoredMessage } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import { sendQuickTip } from "../support/quick-tip.js";
import {
  createAreas,
  lastId,
  makeOfficer,
  nextMatching,
  press,
  pressAndWait,
  RECEIPT,
  registerGroup,
  say,
  TIP_CODE,
  trackingCode,
  WAIT_MS,
} from "../tips/support.js";

const officer: FakeUserInput = { id: 5_100_000_001, first_name: "Lan", last_name: "Nguyễn", language_code: "vi" };
const resident: FakeUserInput = {
  id: 6_100_000_002,
  first_name: "Minh",
  last_name: "Trần",
  username: "minh_tran_pl",
  language_code: "vi",
};
const walker: FakeUserInput = { id: 6_100_000_003, first_name: "Hoa", username: "hoa_walker", language_code: "vi" };
const linker: FakeUserInput = { id: 6_100_000_004, first_name: "Tuấn", language_code: "vi" };
const quitter: FakeUserInput = { id: 6_100_000_005, first_name: "Bình", language_code: "vi" };
const stranger: FakeUserInput = { id: 6_100_000_006, first_name: "Nam", language_code: "vi" };
const TIPSTERS = [resident, walker, linker, quitter];
const GROUP = -1_001_500_000_005;

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await createAreas(h);
  await makeOfficer(h, officer, "phuly.minhkhai");
  await registerGroup(h, { groupId: GROUP, officer, areaCode: "phuly.minhkhai.to5", members: [resident] });
  for (const user of [walker, linker, quitter, stranger]) h.fake.addPrivateChatUser(user);
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

/** The officer's next tip card (the message with the action buttons) for a code. */
function cardFor(code: string, afterId = 0): Promise<StoredMessage> {
  return h.fake.waitForMessage(
    officer.id,
    (m) => m.messageId > afterId && m.plainText.includes(`Tin tố giác ${code}`) && m.buttons.length === 5,
    WAIT_MS,
  );
}

function callsOf(method: string) {
  return h.fake.calls.filter((c) => c.method === method);
}

describe("a quick tip and the officer's handling of it", () => {
  let code = "";
  let card: StoredMessage;

  it("takes `/togiac <text>` at once: stored first, then the tracking code, then a copy to the ward's officers", async () => {
    // A first tip: the privacy notice, with the text as typed, and "📮 Gửi tin" before it is stored.
    const { receipt, notice } = await sendQuickTip(h, resident, "Có người bán ma túy ở ngõ 12 <b>đêm qua</b>");
    expect(notice?.plainText).toContain("Trước khi gửi");
    expect(notice?.plainText).toContain("90 ngày");
    expect(receipt.plainText).toContain("đã nhận");
    code = trackingCode(receipt);

    const tip = await h.app.db.tip.findUnique({ where: { code }, include: { area: true } });
    expect(tip?.area.code).toBe("phuly.minhkhai.to5");
    expect(tip?.category).toBe("khac");
    expect(tip?.anonymous).toBe(true);
    const codeDelivery = await h.app.db.delivery.findUnique({ where: { key: `tip:${tip?.id}:code` } });
    expect(codeDelivery?.chatId).toBeNull();
    expect(tip && codeDelivery && tip.createdAt.getTime() <= codeDelivery.createdAt.getTime()).toBe(true);

    card = await cardFor(code);
    expect(card.plainText).toContain("Có người bán ma túy ở ngõ 12 <b>đêm qua</b>");
    expect(card.plainText).toContain("Tổ dân phố số 5");
    expect(card.plainText).toContain("Người báo: ẩn danh");
    expect(card.buttons.map((b) => b.text)).toEqual([
      "✋ Tiếp nhận",
      "⭐ Có giá trị",
      "❓ Hỏi thêm",
      "✅ Đóng",
      "📄 Xuất phiếu (sổ tiếp nhận)",
    ]);
    await nextMatching(h, resident.id, receipt.messageId, `Tin ${code} đã được chuyển tới cán bộ`);
  });

  it("relays questions and answers both ways without revealing either side, copying media instead of forwarding", async () => {
    const taken = await pressAndWait(h, officer, card, "Tiếp nhận", `Bạn đã tiếp nhận tin ${code}`);
    expect(taken.plainText).toContain("/traloi");
    let residentAfter = lastId(h, resident.id);
    await nextMatching(h, resident.id, 0, `Tin ${code} đã được cán bộ tiếp nhận`);

    await pressAndWait(h, officer, card, "Hỏi thêm", "Gõ câu hỏi");
    await say(h, officer, "Bạn thấy mấy người?", `Đã gửi tới người báo tin ${code}`);
    const question = await nextMatching(h, resident.id, residentAfter, "Bạn thấy mấy người?");
    expect(question.plainText).toContain(`Cán bộ phụ trách tin ${code} nhắn`);
    expect(question.plainText).not.toContain("Lan");

    let officerAfter = lastId(h, officer.id);
    await say(h, resident, "Hai người, đi xe Wave đỏ", `Đã chuyển thông tin bổ sung cho tin ${code}`);
    const added = await nextMatching(h, officer.id, officerAfter, "Hai người, đi xe Wave đỏ");
    expect(added.plainText).toContain(`Người báo tin ${code} bổ sung`);
    expect(added.buttons.map((b) => b.text)).toEqual(["↩️ Trả lời"]);

    residentAfter = lastId(h, resident.id);
    h.fake.sendPhoto({ chatId: resident.id, from: resident, asDocument: true });
    await nextMatching(h, resident.id, residentAfter, "gửi lại dưới dạng ảnh");
    officerAfter = lastId(h, officer.id);
    const photoUpdate = h.fake.sendPhoto({ chatId: resident.id, from: resident, caption: "xe đỗ ở đây" });
    const photo = await nextMatching(h, officer.id, officerAfter, `Ảnh bổ sung cho tin ${code}`);
    expect(photo.method).toBe("sendPhoto");
    const sentPhotos = photoUpdate.message?.photo ?? [];
    expect(photo.photo?.fileId).toBe(sentPhotos[sentPhotos.length - 1]?.file_id);
    expect(photo.plainText).toContain("xe đỗ ở đây");

    residentAfter = lastId(h, resident.id);
    await say(
      h,
      officer,
      `/traloi ${code.toLowerCase()} Cảm ơn, chúng tôi đang xác minh.`,
      `Đã gửi tới người báo tin ${code}`,
    );
    await nextMatching(h, resident.id, residentAfter, "Cảm ơn, chúng tôi đang xác minh.");

    await pressAndWait(h, officer, card, "Có giá trị", `Đã đánh dấu tin ${code} là có giá trị`);
    await nextMatching(h, resident.id, residentAfter, `Tin ${code} được cán bộ đánh giá là có giá trị`);

    expect(callsOf("forwardMessage")).toHaveLength(0);
    expect(callsOf("copyMessage")).toHaveLength(0);
  });

  it("shows the tipster, and only the tipster, the status and replies with /tracuu", async () => {
    const status = await say(h, resident, `/tracuu ${code}`, `Tin ${code}`);
    expect(status.plainText).toContain("cán bộ đang xử lý");
    expect(status.plainText).toContain("Bạn thấy mấy người?");
    expect(status.plainText).toContain("Cảm ơn, chúng tôi đang xác minh.");
    expect(status.plainText).toContain("có giá trị");
    const other = await say(h, stranger, `/tracuu ${code}`, code);
    expect(other.plainText).toContain("Không tìm thấy");
    expect(other.plainText).not.toContain("đang xử lý");
  });

  it("asks for the outcome on closing, stores it for statistics, and tells the tipster", async () => {
    const question = await pressAndWait(h, officer, card, "Đóng", `Kết quả xử lý tin ${code}`);
    expect(question.buttons.map((b) => b.text)).toEqual([
      "Không có căn cứ xử lý",
      "📁 Đã lập hồ sơ vụ việc",
      "🚔 Đã bắt giữ người",
      "💰 Đã thu hồi tài sản",
    ]);
    await pressAndWait(h, officer, question, "Đã bắt giữ người", "Số người bị bắt giữ");
    await say(h, officer, "ba", "Hãy gõ số người");
    const closed = await say(h, officer, "3", `Đã đóng tin ${code}`);
    expect(closed.plainText).toContain("đã bắt giữ 3 người");
    await nextMatching(h, resident.id, 0, `Tin ${code} đã được xử lý xong`);

    const tip = await h.app.db.tip.findUnique({ where: { code } });
    expect(tip).toMatchObject({ status: "closed", caseOpened: true, peopleArrested: 3, valuable: true });
    const audit = await h.app.db.auditLog.findMany({ where: { subject: code }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["tip.take", "tip.reply", "tip.valuable", "tip.close"]),
    );
    const officerRow = await h.app.db.user.findFirst({ where: { platformUserId: String(officer.id) } });
    expect(audit.every((a) => a.actorUserId === officerRow?.id)).toBe(true);
  });
});

describe("the guided flow", () => {
  it("asks category, description, photos and location, contact, area from the list, then confirms", async () => {
    const start = await say(h, walker, "/togiac", "Sự việc thuộc loại nào?");
    expect(start.plainText).toContain("Trước khi gửi");
    expect(start.buttons.map((b) => b.text)).toEqual(
      expect.arrayContaining(["💊 Ma túy", "🎲 Cờ bạc", "🔓 Trộm cắp", "🎭 Lừa đảo", "📢 Gây rối", "📝 Khác"]),
    );
    await pressAndWait(h, walker, start, "Cờ bạc", "Hãy mô tả sự việc");
    const media = await say(h, walker, "Sòng bạc trong nhà số 7, tối nào cũng đông người", "gửi ảnh");

    let after = lastId(h, walker.id);
    h.fake.sendPhoto({ chatId: walker.id, from: walker, asDocument: true });
    await nextMatching(h, walker.id, after, "gửi lại dưới dạng ảnh");
    after = lastId(h, walker.id);
    const photoUpdate = h.fake.sendPhoto({ chatId: walker.id, from: walker, caption: "cửa sau" });
    await nextMatching(h, walker.id, after, "Đã thêm ảnh (1)");
    after = lastId(h, walker.id);
    h.fake.sendLocation({ chatId: walker.id, from: walker, latitude: 20.5411, longitude: 105.9139 });
    const located = await nextMatching(h, walker.id, after, "Đã thêm vị trí");
    expect(located.plainText).toContain("1 ảnh");

    const identity = await pressAndWait(h, walker, media, "Tiếp tục", "ẩn danh");
    await pressAndWait(h, walker, identity, "Để lại cách liên hệ", "Gõ cách liên hệ");
    const areas = await say(h, walker, "Chú Ba, 0912 345 678", "Chọn khu vực");
    after = areas.edits.length;
    press(h, walker, areas, "Thành phố Phủ Lý");
    const inCity = await h.fake.waitForMessage(
      walker.id,
      (m) => m.messageId === areas.messageId && m.edits.length > after,
      WAIT_MS,
    );
    press(h, walker, inCity, "Phường Minh Khai");
    const inWard = await h.fake.waitForMessage(
      walker.id,
      (m) => m.messageId === areas.messageId && m.plainText.includes("trong Phường Minh Khai"),
      WAIT_MS,
    );
    const confirm = await pressAndWait(h, walker, inWard, "Tổ dân phố số 5", "Kiểm tra lại");
    expect(confirm.plainText).toContain("Loại: 🎲 Cờ bạc");
    expect(confirm.plainText).toContain("Khu vực: Tổ dân phố số 5");
    expect(confirm.plainText).toContain("Liên hệ: Chú Ba, 0912 345 678");
    expect(confirm.plainText).toContain("Ảnh: 1 · Ghi âm/video: 0 · Vị trí: có");
    expect(confirm.plainText).toContain("Sòng bạc trong nhà số 7");

    const officerAfter = lastId(h, officer.id);
    const receipt = await pressAndWait(h, walker, confirm, "Gửi tin", RECEIPT);
    expect(receipt.plainText).toContain("đã nhận");
    const code = trackingCode(receipt);
    const card = await cardFor(code, officerAfter);
    expect(card.plainText).toContain("Loại: 🎲 Cờ bạc");
    expect(card.plainText).toContain("Liên hệ (người báo tự ghi): Chú Ba, 0912 345 678");
    expect(card.plainText).toContain("Sòng bạc trong nhà số 7, tối nào cũng đông người\ncửa sau");
    const photo = await nextMatching(h, officer.id, officerAfter, `Ảnh của tin ${code}`);
    const sent = photoUpdate.message?.photo ?? [];
    expect(photo.photo?.fileId).toBe(sent[sent.length - 1]?.file_id);
    const location = await h.fake.waitForMessage(
      officer.id,
      (m) => m.messageId > officerAfter && m.location !== undefined,
      WAIT_MS,
    );
    expect(location.location).toMatchObject({ latitude: 20.5411, longitude: 105.9139 });
    const tip = await h.app.db.tip.findUnique({ where: { code }, include: { messages: true } });
    expect(tip).toMatchObject({
      category: "cobac",
      anonymous: false,
      contact: "Chú Ba, 0912 345 678",
      latitude: 20.5411,
    });
    expect(tip?.messages.filter((m) => m.photoFileId)).toHaveLength(1);
  });

  it("leaves the flow on /huy, after which its buttons are stale", async () => {
    const start = await say(h, quitter, "/togiac", "Sự việc thuộc loại nào?");
    expect((await say(h, quitter, "/huy", "Đã thoát")).plainText).toContain("Không có gì được gửi");
    const update = h.fake.pressButton({
      chatId: quitter.id,
      from: quitter,
      messageId: start.messageId,
      data: "tip:c:matuy",
    });
    const answer = await h.fake.waitForCallbackAnswer(update.callback_query?.id ?? "", WAIT_MS);
    expect(answer.text).toContain("không còn dùng được");
    expect((await say(h, quitter, "/huy", "không có thao tác")).plainText).toContain("không có thao tác nào");
  });

  it("starts from a tip_<area> deep link with the area already chosen", async () => {
    const start = await say(h, linker, "/start tip_phuly-minhkhai-to5", "Sự việc thuộc loại nào?");
    expect(start.plainText).toContain("khu vực Tổ dân phố số 5");
    await pressAndWait(h, linker, start, "Trộm cắp", "Hãy mô tả");
    const media = await say(h, linker, "Mất trộm xe đạp trước cửa nhà văn hóa", "gửi ảnh");
    const identity = await pressAndWait(h, linker, media, "Tiếp tục", "ẩn danh");
    const confirm = await pressAndWait(h, linker, identity, "Gửi ẩn danh", "Kiểm tra lại");
    expect(confirm.plainText).toContain("Khu vực: Tổ dân phố số 5");
    expect(confirm.plainText).toContain("Người báo: ẩn danh");
    const code = trackingCode(await pressAndWait(h, linker, confirm, "Gửi tin", RECEIPT));
    expect((await h.app.db.tip.findUnique({ where: { code }, include: { area: true } }))?.area.code).toBe(
      "phuly.minhkhai.to5",
    );
  });

  it("refuses a hostile callback without effect", async () => {
    for (const data of ["tip:a:1'; drop table", "tip:take:99999999999999", "tip:out:1:everything", "tip"]) {
      const update = h.fake.pressButton({ chatId: stranger.id, from: stranger, messageId: 1, data });
      const answer = await h.fake.waitForCallbackAnswer(update.callback_query?.id ?? "", WAIT_MS);
      expect(answer.text).toContain("không còn dùng được");
    }
    const update = h.fake.pressButton({ chatId: stranger.id, from: stranger, messageId: 1, data: "tip:take:1" });
    expect((await h.fake.waitForCallbackAnswer(update.callback_query?.id ?? "", WAIT_MS)).text).toContain(
      "Không tìm thấy tin",
    );
  });
});

describe("groups, routing, redelivery, limits and long tips", () => {
  it("never takes a tip in a group: answers with a private-chat button and deletes the tip text", async () => {
    const before = await h.app.db.tip.count();
    let after = lastId(h, GROUP);
    h.fake.sendText({ chatId: GROUP, from: resident, text: "/togiac" });
    const pointer = await nextMatching(h, GROUP, after, "nhắn riêng");
    expect(pointer.buttons[0]?.url).toBe("https://t.me/KengTestBot?start=tip_phuly-minhkhai-to5");

    after = lastId(h, GROUP);
    const update = h.fake.sendText({
      chatId: GROUP,
      from: resident,
      text: "/togiac@KengTestBot nhà số 9 chứa đồ ăn cắp",
    });
    const deleted = await nextMatching(h, GROUP, after, "đã xóa tin vừa rồi");
    expect(deleted.buttons[0]?.url).toContain("start=tip_phuly-minhkhai-to5");
    const deletion = callsOf("deleteMessage").find((c) => c.params.message_id === update.message?.message_id);
    expect(deletion?.ok).toBe(true);

    after = lastId(h, GROUP);
    h.fake.failNext(
      { method: "deleteMessage" },
      { errorCode: 400, description: "Bad Request: message can't be deleted" },
    );
    h.fake.sendText({ chatId: GROUP, from: resident, text: "/togiac có người lạ" });
    await nextMatching(h, GROUP, after, "Bạn nên xóa tin vừa rồi");
    expect(await h.app.db.tip.count()).toBe(before);
  });

  it("files a redelivered update once, even when the update ledger forgot it", async () => {
    const before = await h.app.db.tip.count();
    const after = lastId(h, resident.id);
    const update = h.fake.sendText({ chatId: resident.id, from: resident, text: "/togiac Có kẻ lạ dò xét nhà số 4" });
    const receipt = await nextMatching(h, resident.id, after, RECEIPT);
    await expect
      .poll(
        () =>
          h.app.db.inboundUpdate
            .findFirst({ where: { updateKey: String(update.update_id) } })
            .then((u) => u?.doneAt ?? null),
        { timeout: WAIT_MS },
      )
      .not.toBeNull();
    // As if the process died after filing the tip but before recording the update as handled.
    await h.app.db.inboundUpdate.deleteMany({ where: { updateKey: String(update.update_id) } });
    h.fake.enqueueRawUpdate(update);
    await expect
      .poll(
        () =>
          h.app.db.inboundUpdate
            .findFirst({ where: { updateKey: String(update.update_id) } })
            .then((u) => u?.doneAt ?? null),
        { timeout: WAIT_MS },
      )
      .not.toBeNull();
    expect(await h.app.db.tip.count()).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(
      h.fake
        .messagesIn(resident.id)
        .filter((m) => m.plainText.includes(trackingCode(receipt)) && RECEIPT.test(m.plainText)),
    ).toHaveLength(1);
  });

  it("sends a tip to the superadmins when no area up to the top has officers", async () => {
    const cityGroup = -1_001_500_000_006;
    const cityResident: FakeUserInput = { id: 6_100_000_007, first_name: "Lộc", language_code: "vi" };
    await registerGroup(h, { groupId: cityGroup, officer: SUPERADMIN, areaCode: "phuly", members: [cityResident] });
    const after = lastId(h, SUPERADMIN.id);
    const code = trackingCode((await sendQuickTip(h, cityResident, "Cháy nổ ở chợ đầu mối")).receipt);
    const card = await nextMatching(h, SUPERADMIN.id, after, `Tin tố giác ${code}`);
    expect(card.plainText).toContain("Thành phố Phủ Lý");
    expect(h.fake.messagesIn(officer.id).some((m) => m.plainText.includes(code))).toBe(false);
  });

  it("allows at most 5 new tips per person per hour, with a clear reply", async () => {
    const spammer: FakeUserInput = { id: 6_100_000_099, first_name: "Tư", language_code: "vi" };
    h.fake.addPrivateChatUser(spammer);
    const area = await h.app.db.area.findUniqueOrThrow({ where: { code: "phuly.minhkhai.to5" } });
    const sealer = h.app.sealer;
    if (!sealer) throw new Error("the harness sets TIP_SEAL_KEY");
    const hash = sealer.hash(`telegram:${spammer.id}`);
    await h.app.db.tip.createMany({
      data: [1, 2, 3, 4, 5].map((n) => ({
        code: `TG-LMT00${n}`,
        areaId: area.id,
        handlingAreaId: area.id,
        category: "khac",
        status: "closed",
        tipsterHash: hash,
        sourceKey: `test:limit:${n}`,
      })),
    });
    const refused = await say(h, spammer, "/togiac thêm một tin nữa", "tối đa 5 tin");
    expect(refused.plainText).toMatch(/thử lại sau \d+ phút/);
    expect((await say(h, spammer, "/togiac", "tối đa 5 tin")).plainText).toContain("113");
    expect(await h.app.db.tip.count({ where: { tipsterHash: hash } })).toBe(5);
  });

  it("splits a tip longer than Telegram's limit for the officer instead of cutting it", async () => {
    const words = Array.from({ length: 500 }, (_, i) => `đoạn${String(i).padStart(3, "0")}`);
    const text = words.join(" ");
    expect(text.length).toBeGreaterThan(3900);
    const officerAfter = lastId(h, officer.id);
    const code = trackingCode(await say(h, resident, `/togiac ${text}`, RECEIPT));
    const first = await nextMatching(h, officer.id, officerAfter, `Tin tố giác ${code}`);
    // The action buttons ride on the last part.
    const last = await h.fake.waitForMessage(
      officer.id,
      (m) => m.messageId >= first.messageId && m.buttons.length === 5,
      WAIT_MS,
    );
    const parts = h.fake
      .messagesIn(officer.id)
      .filter((m) => m.messageId >= first.messageId && m.messageId <= last.messageId);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    const whole = parts.map((m) => m.plainText).join(" ");
    for (const word of [words[0], words[250], words[499]]) expect(whole).toContain(word);
    expect(parts.every((m) => m.plainText.length <= 4096)).toBe(true);
  });
});

describe("officers' list and anonymity at rest", () => {
  it("lists open tips for officers with buttons, and refuses everyone else", async () => {
    const list = await say(h, officer, "/tingiac", "Tin tố giác đang mở");
    const open = await h.app.db.tip.findMany({
      where: { status: { not: "closed" }, area: { code: { startsWith: "phuly.minhkhai" } } },
    });
    expect(open.length).toBeGreaterThanOrEqual(3);
    for (const tip of open) expect(list.plainText).toContain(tip.code);
    const first = open.find((tip) => tip.category === "tromcap");
    if (!first) throw new Error("the deep-link tip is not open");
    const after = lastId(h, officer.id);
    h.fake.pressButton({ chatId: officer.id, from: officer, messageId: list.messageId, data: `tip:show:${first.id}` });
    const card = await cardFor(first.code, after);
    expect(card.buttons.map((b) => b.text)).toContain("✋ Tiếp nhận");
    expect((await say(h, stranger, "/tingiac", "Chỉ cán bộ")).plainText).toContain("Chỉ cán bộ công an");
    expect((await say(h, stranger, "/traloi TG-AAAAAA chào", "Chỉ cán bộ")).plainText).toContain("Chỉ cán bộ công an");
  });

  it("never shows officers who a tipster is", () => {
    const seen = h.fake
      .messagesIn(officer.id)
      .map((m) => m.plainText)
      .join("\n");
    for (const tipster of TIPSTERS) {
      expect(seen).not.toContain(String(tipster.id));
      if (tipster.username) expect(seen).not.toContain(tipster.username);
    }
    expect(seen).not.toContain("Trần");
    expect(seen).not.toContain("Hoa");
  });

  it("keeps no tipster id in clear: tips, follow-ups, flows, deliveries, audit and Redis hold only seals and keyed hashes", async () => {
    const tables = ["Tip", "TipMessage", "Conversation", "Delivery", "AuditLog", "InboundUpdate"];
    for (const tipster of TIPSTERS) {
      for (const table of tables) {
        const rows = await h.app.db.$queryRawUnsafe<{ n: bigint }[]>(
          `SELECT count(*) AS n FROM "${table}" t WHERE row_to_json(t)::text LIKE $1`,
          `%${tipster.id}%`,
        );
        expect(Number(rows[0]?.n), `${table} holds ${tipster.id}`).toBe(0);
      }
    }
    const sealer = h.app.sealer;
    const tip = await h.app.db.tip.findFirstOrThrow({ where: { text: { startsWith: "Có người bán ma túy" } } });
    expect(tip.sealedTipster && sealer?.unseal(tip.sealedTipster)).toBe(`telegram:${resident.id}`);
    // No delivery addressed to a tipster's chat row mentions a tip: those go to the seal.
    const chats = await h.app.db.chat.findMany({
      where: { platformChatId: { in: TIPSTERS.map((u) => String(u.id)) } },
    });
    const direct = await h.app.db.delivery.findMany({ where: { chatId: { in: chats.map((c) => c.id) } } });
    for (const delivery of direct) expect(JSON.stringify(delivery.payload)).not.toMatch(TIP_CODE);
    // Without Redis there is none to look into: queues and limits are rows (security/retention-scan reads every table).
    if (!h.config.REDIS_URL) return;
    const redis = new Redis(h.config.REDIS_URL);
    try {
      const keys = await redis.keys(`${h.config.QUEUE_PREFIX}:*`);
      // (The quitter's /huy got an ordinary reply, which names no tip; everything the others did was tip traffic.)
      for (const tipster of [resident, walker, linker])
        expect(keys.filter((k) => k.includes(String(tipster.id)))).toEqual([]);
    } finally {
      await redis.quit();
    }
  });
});
