/**
 * Issue 18 §2, Hòm thư giúp bạn: a student who scans the school's poster asks for help by buttons;
 * the request reaches the school's counsellor and the officer linked to the school, never the ward's
 * officers unless nobody at the school took it in time (TIP_ESCALATE_MINUTES, 0.25 here: 15 s). Every
 * screen the student sees names 111 and 113; the counsellor's reply reaches the student anonymously;
 * /thongke counts per school without a word of text; the school's poster is the help mailbox.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredMessage } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { readPosterPdf } from "../posters/pdf-qr.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import { lastId, makeOfficer, nextMatching, pressAndWait, say, trackingCode, WAIT_MS } from "../tips/support.js";

const counsellor: FakeUserInput = { id: 5_800_000_001, first_name: "Nguyễn Thị Hạnh", language_code: "vi" };
const schoolOfficer: FakeUserInput = { id: 5_800_000_002, first_name: "Công an Tùng", language_code: "vi" };
const wardOfficer: FakeUserInput = { id: 5_800_000_003, first_name: "Công an Lan", language_code: "vi" };
const student: FakeUserInput = { id: 6_800_000_001, first_name: "Bé Na", language_code: "vi" };
const otherStudent: FakeUserInput = { id: 6_800_000_002, first_name: "Bé Bin", language_code: "vi" };
const SCHOOL = "phuly.minhkhai.thcs";
const SCHOOL_NAME = "Trường THCS Minh Khai";
const POSTER_LINK = "https://t.me/KengTestBot?start=help_phuly-minhkhai-thcs";

let h: Harness;
let firstCode = "";
let secondCode = "";

/** 111 and 113, as every screen of the student's flow names them. */
function expectHotlines(message: StoredMessage): void {
  expect(message.plainText).toContain("gọi 111");
  expect(message.plainText).toContain("gọi 113");
}

/** Cards about `code` the person received. */
const cardsOf = (user: FakeUserInput, code: string) =>
  h.fake.messagesIn(user.id).filter((m) => m.plainText.includes(`Học sinh cần giúp ${code}`));

beforeAll(async () => {
  h = await startHarness({ env: { TIP_ESCALATE_MINUTES: "0.25" } });
  h.fake.addPrivateChatUser(SUPERADMIN);
  await say(h, SUPERADMIN, "/themkhuvuc phuly Thành phố Phủ Lý", "Phủ Lý");
  await say(h, SUPERADMIN, "/themkhuvuc phuly.minhkhai Phường Minh Khai", "Minh Khai");
  await say(h, SUPERADMIN, `/themkhuvuc ${SCHOOL} ${SCHOOL_NAME}`, SCHOOL_NAME);
  await makeOfficer(h, wardOfficer, "phuly.minhkhai");
  await makeOfficer(h, schoolOfficer, SCHOOL);
  // A counsellor is invited like any role, but only for a school.
  expect((await say(h, SUPERADMIN, "/moi counsellor phuly.minhkhai", /.+/)).plainText).toContain(
    "không phải trường học",
  );
  h.fake.addPrivateChatUser(counsellor);
  const invite = await say(h, SUPERADMIN, `/moi counsellor ${SCHOOL}`, "start=join_");
  const code = /start=join_([A-Z0-9]+)/.exec(invite.plainText)?.[1];
  await say(h, counsellor, `/start join_${code ?? ""}`, "tư vấn học đường");
  h.fake.addPrivateChatUser(student);
  h.fake.addPrivateChatUser(otherStudent);
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe("a student's help request", () => {
  it("from the school's link reaches the counsellor and the school's officer, not the ward's; 111 and 113 on every screen", async () => {
    // The student scans the school poster's QR code: its /start payload.
    const intro = await say(
      h,
      student,
      `/start ${new URL(POSTER_LINK).searchParams.get("start") ?? ""}`,
      "Hòm thư giúp bạn",
    );
    expect(intro.plainText).toContain(SCHOOL_NAME);
    expect(intro.plainText).toContain("Chuyện của bạn được giữ kín");
    expectHotlines(intro);
    expect(intro.buttons.map((b) => b.text)).toEqual([
      "🛡 Bị bắt nạt / bạo lực học đường",
      "🚫 Bị dụ dỗ dùng ma túy hay chất kích thích",
      "🆘 Bị xâm hại",
      "📱 Bị lừa đảo hay đe dọa trên mạng",
      "💬 Chuyện khác",
      "✖️ Hủy",
    ]);

    const describe = await pressAndWait(h, student, intro, "Bị bắt nạt", "Kể ngắn gọn");
    expectHotlines(describe);
    const media = await say(h, student, "Bạn cùng lớp chặn đường đòi tiền mình mỗi ngày", "ảnh chụp màn hình");
    expectHotlines(media);
    // No location is asked of a minor.
    expect(media.plainText).not.toMatch(/vị trí/i);
    const identity = await pressAndWait(h, student, media, "Tiếp tục", "liên lạc trực tiếp");
    expectHotlines(identity);
    const confirm = await pressAndWait(h, student, identity, "Không, chỉ nhắn qua Kẻng", "Xem lại trước khi gửi");
    expectHotlines(confirm);
    expect(confirm.plainText).toContain(`Trường: ${SCHOOL_NAME}`);
    const receipt = await pressAndWait(h, student, confirm, "Gửi cho thầy cô", "đã nhận");
    expectHotlines(receipt);
    firstCode = trackingCode(receipt);

    const card = await h.fake.waitForMessage(
      counsellor.id,
      (m) => m.plainText.includes(`Học sinh cần giúp ${firstCode}`),
      WAIT_MS,
    );
    expect(card.plainText).toContain("Bạn cùng lớp chặn đường đòi tiền mình mỗi ngày");
    expect(card.plainText).toContain("Bị bắt nạt");
    expect(card.plainText).not.toContain("Bé Na");
    expect(card.buttons.map((b) => b.text)).toEqual(["✋ Tiếp nhận", "❓ Hỏi thêm", "✅ Đóng"]);
    await h.fake.waitForMessage(
      schoolOfficer.id,
      (m) => m.plainText.includes(`Học sinh cần giúp ${firstCode}`),
      WAIT_MS,
    );
    expectHotlines(await nextMatching(h, student.id, 0, `${firstCode} đã tới thầy cô`));

    // The counsellor takes it before the escalation delay: it stays at the school.
    await pressAndWait(h, counsellor, card, "Tiếp nhận", `Bạn đã tiếp nhận tin ${firstCode}`);
    expectHotlines(await nextMatching(h, student.id, 0, `Thầy cô đã nhận lời nhắn ${firstCode}`));
    await expect
      .poll(() => h.app.db.tip.findUnique({ where: { code: firstCode } }), { timeout: WAIT_MS })
      .toMatchObject({ kind: "help", status: "taken", escalationLevel: 0, escalateAt: null });
    expect(cardsOf(wardOfficer, firstCode)).toHaveLength(0);
  });

  it("relays the counsellor's reply to the student anonymously, and the student's answer back", async () => {
    const card = cardsOf(counsellor, firstCode)[0];
    if (!card) throw new Error("no card");
    const prompt = await pressAndWait(h, counsellor, card, "Hỏi thêm", firstCode);
    // The counsellor is writing to a student, not to a crime tipster.
    expect(prompt.plainText).toContain(`Gõ câu hỏi gửi học sinh ${firstCode}`);
    const before = lastId(h, student.id);
    const sent = await say(h, counsellor, "Em học lớp nào? Cô muốn gặp riêng em vào giờ ra chơi.", "Đã gửi tới");
    expect(sent.plainText).toContain(`Đã gửi tới học sinh ${firstCode}`);
    const reply = await nextMatching(h, student.id, before, `Thầy cô trả lời lời nhắn ${firstCode}`);
    expect(reply.plainText).toContain("Em học lớp nào? Cô muốn gặp riêng em vào giờ ra chơi.");
    expect(reply.plainText).not.toContain("Nguyễn Thị Hạnh");
    expectHotlines(reply);

    const counsellorBefore = lastId(h, counsellor.id);
    expectHotlines(await say(h, student, "Em học lớp 7A ạ", firstCode));
    const relayed = await nextMatching(h, counsellor.id, counsellorBefore, "Em học lớp 7A ạ");
    expect(relayed.plainText).not.toContain("Bé Na");
    expect(h.fake.messagesIn(wardOfficer.id).some((m) => m.plainText.includes("Em học lớp 7A ạ"))).toBe(false);

    // The student follows it with the tracking code, as a tipster does.
    const status = await say(h, student, `/tracuu ${firstCode}`, `Tin ${firstCode}`);
    expect(status.plainText).toContain("Em học lớp nào? Cô muốn gặp riêng em vào giờ ra chơi.");
    expectHotlines(status);
  });

  it("goes up to the ward's officers only when nobody at the school took it in time", async () => {
    // The crime tips' link of a school opens its help mailbox too.
    const intro = await say(h, otherStudent, "/start tip_phuly-minhkhai-thcs", "Hòm thư giúp bạn");
    await pressAndWait(h, otherStudent, intro, "lừa đảo hay đe dọa", "Kể ngắn gọn");
    const media = await say(h, otherStudent, "Có người lạ trên mạng dọa tung ảnh của em", "ảnh chụp màn hình");
    const identity = await pressAndWait(h, otherStudent, media, "Tiếp tục", "liên lạc trực tiếp");
    const confirm = await pressAndWait(h, otherStudent, identity, "Không, chỉ nhắn qua Kẻng", "Xem lại trước khi gửi");
    secondCode = trackingCode(await pressAndWait(h, otherStudent, confirm, "Gửi cho thầy cô", "đã nhận"));

    const first = await h.fake.waitForMessage(
      counsellor.id,
      (m) => m.plainText.includes(`Học sinh cần giúp ${secondCode}`),
      WAIT_MS,
    );
    expect(first.plainText).not.toContain("Chuyển lên");
    // Before escalation the ward's officer does not even see it listed; the school's officer does.
    expect((await say(h, wardOfficer, "/tingiac", /.+/)).plainText).not.toContain(secondCode);
    expect((await say(h, schoolOfficer, "/tingiac", /.+/)).plainText).toContain(secondCode);
    // Nobody takes it: after the delay the ward's officer gets it, marked as escalated.
    const escalated = await h.fake.waitForMessage(
      wardOfficer.id,
      (m) => m.plainText.includes(`Học sinh cần giúp ${secondCode}`),
      40_000,
    );
    expect(escalated.plainText).toContain("Chuyển lên");
    expect(escalated.plainText).toContain("Có người lạ trên mạng dọa tung ảnh của em");
    const ward = await h.app.db.area.findUniqueOrThrow({ where: { code: "phuly.minhkhai" } });
    await expect
      .poll(() => h.app.db.tip.findUnique({ where: { code: secondCode } }), { timeout: WAIT_MS })
      .toMatchObject({ escalationLevel: 1, handlingAreaId: ward.id });
    // The first request, older and taken in time, never went up: its escalation would have come first.
    expect(cardsOf(wardOfficer, firstCode)).toHaveLength(0);
    expect((await say(h, wardOfficer, "/tingiac", /.+/)).plainText).toContain(secondCode);
    // Once escalated, the ward's officer may take it.
    await pressAndWait(h, wardOfficer, escalated, "Tiếp nhận", `Bạn đã tiếp nhận tin ${secondCode}`);
  }, 90_000);
});

describe("the school's figures and poster", () => {
  it("/thongke counts help requests per school, without any of their text", async () => {
    const stats = await say(h, wardOfficer, "/thongke phuly.minhkhai", "THỐNG KÊ");
    expect(stats.plainText).toContain("Hòm thư giúp bạn");
    expect(stats.plainText).toContain(`${SCHOOL_NAME} (${SCHOOL}): 2 lời nhắn · được nhận 2 · chuyển lên công an 1`);
    expect(stats.plainText).not.toContain("chặn đường");
    expect(stats.plainText).not.toContain("tung ảnh");
    expect(stats.plainText).not.toContain("7A");
  });

  it("the school's poster is the help mailbox, and its QR opens the help flow of that school", async () => {
    const message = await say(h, schoolOfficer, `/apphich ${SCHOOL}`, "Áp phích");
    expect(message.plainText).toContain(`Áp phích Hòm thư giúp bạn — ${SCHOOL_NAME}`);
    const bytes = message.document?.bytes;
    if (!bytes) throw new Error(`no document in: ${message.plainText}`);
    const facts = await readPosterPdf(bytes);
    expect(facts.title).toBe(`HÒM THƯ GIÚP BẠN — ${SCHOOL_NAME}`);
    expect(facts.qrCodes).toContain(POSTER_LINK);
    const english = await say(h, schoolOfficer, `/apphich ${SCHOOL} en`, "Áp phích");
    expect((await readPosterPdf(english.document?.bytes ?? new Uint8Array())).title).toBe(
      `HELP MAILBOX — ${SCHOOL_NAME}`,
    );
    // A ward's poster is still the crime tip mailbox.
    const ward = await say(h, wardOfficer, "/apphich phuly.minhkhai", "Áp phích");
    expect((await readPosterPdf(ward.document?.bytes ?? new Uint8Array())).title).toBe(
      "HÒM THƯ TỐ GIÁC TỘI PHẠM — Phường Minh Khai",
    );
  });
});
