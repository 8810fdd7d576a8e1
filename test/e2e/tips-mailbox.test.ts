/**
 * Issue 15, the tip mailbox an elder can use, end to end through the fake Telegram server: words typed
 * before the category are kept, an album gets one answer, voice notes and videos reach the officer as
 * themselves (copied by file id, never forwarded), what the bot cannot read is answered, 113 is said
 * at the start and in the receipt (with the area's own number), and a late message is attached only
 * when the conversation is fresh — otherwise the person chooses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredMessage } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { startHarness, type Harness } from "../support/harness.js";
import { sendQuickTip } from "../support/quick-tip.js";
import {
  createAreas,
  lastId,
  makeOfficer,
  nextMatching,
  pressAndWait,
  RECEIPT,
  registerGroup,
  say,
  trackingCode,
  WAIT_MS,
} from "../tips/support.js";

const officer: FakeUserInput = { id: 5_150_000_001, first_name: "Lan", language_code: "vi" };
const elder: FakeUserInput = { id: 6_150_000_001, first_name: "Bà Tư", language_code: "vi" };
const albumist: FakeUserInput = { id: 6_150_000_002, first_name: "Hùng", language_code: "vi" };
const late: FakeUserInput = { id: 6_150_000_003, first_name: "Cúc", language_code: "vi" };
const GROUP = -1_001_500_150_001;
const HOUR_MS = 3600_000;

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await createAreas(h);
  await makeOfficer(h, officer, "phuly.minhkhai");
  await registerGroup(h, { groupId: GROUP, officer, areaCode: "phuly.minhkhai.to5", members: [elder, albumist, late] });
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

function messagesAfter(chatId: number, afterId: number, text: string): StoredMessage[] {
  return h.fake.messagesIn(chatId).filter((m) => m.messageId > afterId && m.plainText.includes(text));
}

describe("the guided flow for people who type, talk and send albums", () => {
  it("keeps words typed before the category, says 113 at the start, and takes a voice note and a round video to the officer as themselves", async () => {
    const start = await say(h, elder, "/togiac", "Sự việc thuộc loại nào?");
    expect(start.plainText).toContain("Việc khẩn cấp: gọi 113");

    // An elder types at once instead of pressing a category: the words are kept, and she is told so.
    const kept = await say(h, elder, "Có hai thanh niên lạ mặt đi xe máy không biển số", "đã giữ lời bạn vừa viết");
    expect(kept.plainText).toContain("Sự việc thuộc loại nào?");
    expect(kept.buttons.map((b) => b.text)).toContain("🔓 Trộm cắp");
    // The description is there already: the next step asks for photos, voice notes and videos.
    const media = await pressAndWait(h, elder, kept, "Trộm cắp", "tin nhắn thoại");

    let after = lastId(h, elder.id);
    const voice = h.fake.sendClip({ chatId: elder.id, from: elder, kind: "voice" });
    await nextMatching(h, elder.id, after, "Đã thêm tin nhắn thoại (1)");
    after = lastId(h, elder.id);
    const round = h.fake.sendClip({ chatId: elder.id, from: elder, kind: "video_note" });
    await nextMatching(h, elder.id, after, "Đã thêm video tròn (2)");

    const identity = await pressAndWait(h, elder, media, "Tiếp tục", "ẩn danh");
    const confirm = await pressAndWait(h, elder, identity, "Gửi ẩn danh", "Kiểm tra lại");
    expect(confirm.plainText).toContain("Ảnh: 0 · Ghi âm/video: 2");
    expect(confirm.plainText).toContain("Có hai thanh niên lạ mặt đi xe máy không biển số");

    const officerAfter = lastId(h, officer.id);
    const receipt = await pressAndWait(h, elder, confirm, "Gửi tin", RECEIPT);
    expect(receipt.plainText).toContain("Việc khẩn cấp: gọi 113");
    const code = trackingCode(receipt);

    const voiceCopy = await nextMatching(h, officer.id, officerAfter, `Tin nhắn thoại của tin ${code}`);
    expect(voiceCopy.method).toBe("sendVoice");
    expect(voiceCopy.voice?.fileId).toBe(voice.message?.voice?.file_id);
    const roundCopy = await h.fake.waitForMessage(
      officer.id,
      (m) => m.messageId > officerAfter && m.method === "sendVideoNote",
      WAIT_MS,
    );
    expect(roundCopy.videoNote?.fileId).toBe(round.message?.video_note?.file_id);
    await nextMatching(h, officer.id, officerAfter, `Video tròn của tin ${code}`);
    expect(h.fake.calls.some((c) => c.method === "forwardMessage")).toBe(false);
  });

  it("answers an album of photos once, and keeps every photo of it", async () => {
    const start = await say(h, albumist, "/togiac", "Sự việc thuộc loại nào?");
    await pressAndWait(h, albumist, start, "Gây rối", "Hãy mô tả");
    const media = await say(h, albumist, "Đánh nhau trước quán nước", "gửi ảnh");
    const after = lastId(h, albumist.id);
    for (let i = 0; i < 3; i++)
      h.fake.sendPhoto({ chatId: albumist.id, from: albumist, mediaGroupId: "13570000000000001" });
    await nextMatching(h, albumist.id, after, "đã nhận các ảnh bạn gửi cùng lúc");
    const identity = await pressAndWait(h, albumist, media, "Tiếp tục", "ẩn danh");
    const confirm = await pressAndWait(h, albumist, identity, "Gửi ẩn danh", "Kiểm tra lại");
    expect(confirm.plainText).toContain("Ảnh: 3");
    expect(messagesAfter(albumist.id, after, "đã nhận các ảnh")).toHaveLength(1);
    expect(messagesAfter(albumist.id, after, "Đã thêm ảnh")).toHaveLength(0);
  });

  it("answers a sticker in a private chat with what the bot can read, never with silence", async () => {
    const after = lastId(h, albumist.id);
    h.fake.sendSticker({ chatId: albumist.id, from: albumist });
    const answer = await nextMatching(h, albumist.id, after, "Kẻng chưa đọc được loại tin nhắn này");
    expect(answer.plainText).toContain("tin nhắn thoại và video");
  });
});

describe("late messages to an open tip", () => {
  let code = "";

  it("attaches a message sent shortly after the receipt, and names the area's own phone number with 113", async () => {
    await h.app.db.area.update({ where: { code: "phuly.minhkhai" }, data: { phone: "0226 3851 234" } });
    const { receipt } = await sendQuickTip(h, late, "Nhà số 9 có người lạ ra vào ban đêm");
    expect(receipt.plainText).toContain("gọi 113, hoặc gọi công an Phường Minh Khai: 0226 3851 234");
    code = trackingCode(receipt);
    await say(h, late, "Họ đi xe màu đỏ", `Đã chuyển thông tin bổ sung cho tin ${code}`);
    await nextMatching(h, officer.id, 0, "Họ đi xe màu đỏ");
  });

  it("asks before passing on a message sent long after, and sends nothing when the person says so", async () => {
    await ageTip(code, 2 * HOUR_MS);
    const officerAfter = lastId(h, officer.id);
    const question = await say(h, late, "Cảm ơn các chú nhiều", "chưa chuyển");
    expect(question.buttons.map((b) => b.text)).toEqual([
      `➕ Bổ sung vào tin ${code}`,
      "📮 Gửi thành tin mới",
      "🗑 Không gửi",
    ]);
    await pressAndWait(h, late, question, "Không gửi", "Đã bỏ");
    expect(messagesAfter(officer.id, officerAfter, "Cảm ơn các chú")).toHaveLength(0);
  });

  it("adds a held message to the tip when the person chooses so", async () => {
    const officerAfter = lastId(h, officer.id);
    const question = await say(h, late, "Sáng nay họ lại đến", "chưa chuyển");
    await pressAndWait(h, late, question, "Bổ sung vào tin", `Đã chuyển thông tin bổ sung cho tin ${code}`);
    await nextMatching(h, officer.id, officerAfter, "Sáng nay họ lại đến");
  });

  it("starts a new tip with a held message when the person chooses so", async () => {
    await ageTip(code, 2 * HOUR_MS);
    const question = await say(h, late, "Tin nhắn lạ: Bạn trúng thưởng 50 triệu, bấm vào link", "chưa chuyển");
    const start = await pressAndWait(h, late, question, "Gửi thành tin mới", "Sự việc thuộc loại nào?");
    const media = await pressAndWait(h, late, start, "Lừa đảo", "gửi ảnh");
    const identity = await pressAndWait(h, late, media, "Tiếp tục", "ẩn danh");
    const confirm = await pressAndWait(h, late, identity, "Gửi ẩn danh", "Kiểm tra lại");
    expect(confirm.plainText).toContain("Bạn trúng thưởng 50 triệu");
    await say(h, late, "/huy", "Đã");
  });

  it("attaches an answer given within a day of an officer's question", async () => {
    await ageTip(code, 2 * HOUR_MS);
    const tip = await h.app.db.tip.findUniqueOrThrow({ where: { code } });
    await h.app.db.tipMessage.create({
      data: {
        tipId: tip.id,
        direction: "to_tipster",
        text: "Xe biển số bao nhiêu?",
        createdAt: new Date(Date.now() - 3 * HOUR_MS),
      },
    });
    const officerAfter = lastId(h, officer.id);
    await say(h, late, "Biển số 90B1-123", `Đã chuyển thông tin bổ sung cho tin ${code}`);
    await nextMatching(h, officer.id, officerAfter, "Biển số 90B1-123");
  });
});

describe("a pasted alert after a tip", () => {
  it("is verified, not attached to the tip nor held for a choice", async () => {
    const code = trackingCode(
      h.fake.messagesIn(late.id).find((m) => RECEIPT.test(m.plainText)) ?? (await say(h, late, "/tracuu", "TG-")),
    );
    await ageTip(code, 2 * HOUR_MS);
    const groupAfter = lastId(h, GROUP);
    h.fake.sendText({ chatId: officer.id, from: officer, text: "/keng Cháy ở chợ Minh Khai, tránh xa khu vực" });
    const alert = await nextMatching(h, GROUP, groupAfter, "TIẾNG KẺNG AN NINH");
    const officerAfter = lastId(h, officer.id);
    const verified = await say(h, late, alert.plainText, "Tin thật do Kẻng gửi");
    expect(verified.plainText).not.toContain("chưa chuyển");
    expect(
      messagesAfter(officer.id, officerAfter, "Cháy ở chợ Minh Khai").filter((m) => m.plainText.includes(code)),
    ).toHaveLength(0);
  });
});

describe("bare /tracuu", () => {
  it("lists the person's own tips with a button each that shows its status, and nobody else's", async () => {
    const list = await say(h, late, "/tracuu", "Các tin bạn đã gửi");
    const mine = await h.app.db.tip.findMany({
      where: { tipsterHash: h.app.sealer?.hash(`telegram:${late.id}`) ?? "" },
    });
    expect(mine.length).toBeGreaterThan(0);
    for (const tip of mine) expect(list.plainText).toContain(tip.code);
    expect(list.buttons.map((b) => b.text)).toEqual(expect.arrayContaining(mine.map((tip) => `🔎 ${tip.code}`)));
    const others = await h.app.db.tip.findMany({
      where: { tipsterHash: { not: h.app.sealer?.hash(`telegram:${late.id}`) ?? "" } },
    });
    for (const tip of others) expect(list.plainText).not.toContain(tip.code);
    const first = mine[0];
    if (!first) throw new Error("no tip");
    const status = await pressAndWait(h, late, list, first.code, `Tin ${first.code}`);
    expect(status.plainText).toContain("Tình trạng:");

    const stranger: FakeUserInput = { id: 6_150_000_009, first_name: "Khách", language_code: "vi" };
    h.fake.addPrivateChatUser(stranger);
    expect((await say(h, stranger, "/tracuu", "chưa gửi tin tố giác nào")).buttons).toHaveLength(0);
  });
});

describe("/theodoi without a code", () => {
  const follower: FakeUserInput = { id: 6_150_000_010, first_name: "Zalo-like", language_code: "vi" };

  it("opens the area browser, and following is a few taps", async () => {
    h.fake.addPrivateChatUser(follower);
    const top = await say(h, follower, "/theodoi", "Bạn muốn nhận tiếng kẻng của khu vực nào?");
    expect(top.plainText).not.toMatch(/phuly\./);
    const city = await pressAndWait(h, follower, top, "Thành phố Phủ Lý", "Chọn khu vực trong Thành phố Phủ Lý");
    const ward = await pressAndWait(h, follower, city, "Phường Minh Khai", "Chọn khu vực trong Phường Minh Khai");
    await pressAndWait(h, follower, ward, "Tổ dân phố số 5", "Bạn sẽ nhận tiếng kẻng của Tổ dân phố số 5");
    expect(await followedAreas(follower)).toEqual(["phuly.minhkhai.to5"]);
  });

  it("finds the area by a name typed without diacritics, after a bare /theodoi or with it", async () => {
    await say(h, follower, "/theodoi", "gõ tên khu vực");
    await say(h, follower, "minh khai", "Bạn sẽ nhận tiếng kẻng của Phường Minh Khai");
    await say(h, follower, "/theodoi thanh pho phu ly", "Bạn sẽ nhận tiếng kẻng của Thành phố Phủ Lý");
    expect(await followedAreas(follower)).toEqual(["phuly", "phuly.minhkhai", "phuly.minhkhai.to5"]);
    const none = await say(h, follower, "/theodoi Hà Giang", "Không tìm thấy khu vực nào");
    expect(none.plainText).toContain("Hà Giang");
  });
});

async function followedAreas(user: FakeUserInput): Promise<string[]> {
  const person = await h.app.db.user.findFirstOrThrow({ where: { platformUserId: String(user.id) } });
  const rows = await h.app.db.areaFollower.findMany({ where: { userId: person.id }, include: { area: true } });
  return rows.map((r) => r.area.code).sort();
}

/** Moves a tip and its messages `ms` into the past, as if the receipt was long ago. */
async function ageTip(trackingCodeOfTip: string, ms: number): Promise<void> {
  const tip = await h.app.db.tip.findUniqueOrThrow({ where: { code: trackingCodeOfTip }, include: { messages: true } });
  await h.app.db.tip.update({ where: { id: tip.id }, data: { createdAt: new Date(tip.createdAt.getTime() - ms) } });
  for (const m of tip.messages)
    await h.app.db.tipMessage.update({
      where: { id: m.id },
      data: { createdAt: new Date(m.createdAt.getTime() - ms) },
    });
}
