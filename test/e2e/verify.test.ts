/**
 * Issue 9 §1 and issue 14 §3, end to end: every alert, closure, cancellation and campaign message
 * carries a verification code. `/kiemtra <code>` answers with the original text, area, unit and
 * time; a pasted copy (by itself, or after `/kiemtra`) is genuine only when it is the whole message
 * as residents got it — in Vietnamese, in English, or from Zalo with its numbered lines — and
 * anything added or removed makes it "altered". A message without a code, or with a code not found,
 * gets a calm answer and the scam advice. Codes are found by index: rows written when issued, and by
 * the start-up backfill for messages signed before. What a code stands for is fixed when it is issued:
 * an area renamed, given another unit or removed later leaves real copies real.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../src/db/client.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

let h: Harness;
const officer = { id: 8_800_000_001, first_name: "Lan", language_code: "vi" };
const resident = { id: 8_800_000_002, first_name: "Minh", language_code: "vi" };
const neighbour = { id: 8_800_000_003, first_name: "Hoa", language_code: "vi" };
const english = { id: 8_800_000_004, first_name: "Anna", language_code: "en" };
const zaloFollower = { id: "5008800000000000005", displayName: "Chị Mai" };
const GROUP = -8800;
const CODE = String.raw`[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}`;
const codeIn = (text: string) => new RegExp(`(?:Mã xác thực|Verification code): (${CODE})`).exec(text)?.[1] ?? "";
const ALERT = "Đối tượng giả danh công an gọi điện yêu cầu chuyển tiền, bà con cảnh giác";
const SCAM = "Bà con chuyển tiền vào tài khoản 0123456789 để được bảo vệ.";

const zalo = () => {
  if (!h.zalo) throw new Error("zalo fake not started");
  return h.zalo;
};
/** A Zalo private message; resolves with the bot's next message there. */
const zaloSay = (text: string) => {
  const seen = new Set(
    zalo()
      .messagesIn(zaloFollower.id)
      .map((m) => m.messageId),
  );
  zalo().sendText({ chatId: zaloFollower.id, chatType: "PRIVATE", from: zaloFollower, text });
  return zalo().waitForMessage(zaloFollower.id, (m) => !seen.has(m.messageId), 15_000);
};
const getVerify = (path: string) => fetch(`http://127.0.0.1:${h.app.httpPort}/verify/${path}`);

beforeAll(async () => {
  h = await startHarness({ zalo: true });
  for (const u of [SUPERADMIN, officer, resident, neighbour, english]) h.fake.addPrivateChatUser(u);
  zalo().addUser(zaloFollower);
  await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh Tỉnh Ninh Bình");
  await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh.p5 Phường 5");
  await h.dm(SUPERADMIN, "/suakhuvuc ninhbinh.p5 donvi Công an phường 5");
  const invite = await h.dm(SUPERADMIN, "/moi officer ninhbinh.p5");
  await h.dm(officer, `/thamgia ${/\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? ""}`);
  h.fake.addGroup({ id: GROUP, title: "Tổ 9" });
  h.fake.setChatAdmin(GROUP, officer.id, true);
  await h.inGroup(GROUP, officer, "/dangky ninhbinh.p5");
  await h.dm(english, "/ngonngu en");
  await h.dm(english, "/theodoi ninhbinh.p5");
  await zaloSay("/theodoi ninhbinh.p5");
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

describe("is this alert real?", () => {
  let vi = "";
  let en = "";
  let onZalo = "";
  let code = "";

  it("prints a code on the alert; /kiemtra <code> answers with the original text, area, unit and time", async () => {
    await h.dm(officer, `/keng khan ${ALERT}`);
    vi = (await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("giả danh công an"))).plainText;
    en = (await h.fake.waitForMessage(english.id, (m) => m.plainText.includes("SECURITY GONG"))).plainText;
    onZalo = (await zalo().waitForMessage(zaloFollower.id, (m) => m.plainText.includes("TIẾNG KẺNG AN NINH"), 15_000))
      .plainText;
    code = codeIn(vi);
    expect(code).toMatch(new RegExp(`^${CODE}$`));
    expect(codeIn(en)).toBe(code);
    expect(onZalo).toMatch(/\d+ — ✅ Đã nhận/);

    const reply = (await h.dm(resident, `/kiemtra ${code.toLowerCase()}`)).plainText;
    expect(reply).toContain(`ℹ️ Mã ${code} do Kẻng cấp cho tin dưới đây.`);
    expect(reply).not.toContain("✅");
    expect(reply).toMatch(
      /Đó là tiếng kẻng K1 của Công an phường 5, khu vực Phường 5, gửi lúc \d\d:\d\d \d\d\/\d\d\/\d{4}\. Hãy so tin này với tin bạn nhận được\./,
    );
    expect(reply).toContain("Tình trạng: đang hiệu lực.");
    expect(reply).toContain(`Nội dung gốc:\n${ALERT}`);
  });

  it("takes a faithful copy as genuine: Vietnamese with its formatting lost, English, and Zalo with its numbered lines", async () => {
    expect((await h.dm(resident, vi.replace(/\n+/g, "  "))).plainText).toContain(
      "Tin thật do Kẻng gửi. Nội dung bạn dán khớp từng chữ với tiếng kẻng K1",
    );
    expect((await h.dm(english, en)).plainText).toContain(
      "Genuine message from Kẻng. The text you pasted matches alert K1",
    );
    expect((await zaloSay(onZalo)).plainText).toContain("Tin thật do Kẻng gửi");
  });

  it("calls a genuine alert with a scam line appended, or a line removed, altered, and shows the original", async () => {
    const appended = (await h.dm(resident, `${vi}\n${SCAM}`)).plainText;
    expect(appended).toContain(`Tin này đã bị sửa. Mã ${code} thuộc tiếng kẻng K1 của Công an phường 5`);
    expect(appended).toContain(`Nội dung gốc:\n${ALERT}`);
    expect(appended).not.toContain("0123456789");
    expect(appended).toContain("không bao giờ yêu cầu người dân chuyển tiền");
    const trimmed = vi
      .split("\n")
      .filter((line) => !line.startsWith("⏳"))
      .join("\n");
    expect((await h.dm(resident, trimmed)).plainText).toContain("Tin này đã bị sửa");
    expect((await h.dm(english, `${en}\n${SCAM}`)).plainText).toContain("This message was altered.");
    expect((await zaloSay(`${onZalo}\n${SCAM}`)).plainText).toContain("Tin này đã bị sửa");
  });

  it("finds the code in a message pasted after /kiemtra", async () => {
    expect((await h.dm(neighbour, `/kiemtra ${vi}`)).plainText).toContain("Tin thật do Kẻng gửi");
    expect((await h.dm(neighbour, `/kiemtra\n${vi}\n${SCAM}`)).plainText).toContain("Tin này đã bị sửa");
  });

  it("answers the alert's hint tapped in the group (a bare /kiemtra) with a button to the private chat, whose link checks", async () => {
    const pointer = await h.inGroup(GROUP, neighbour, "/kiemtra");
    expect(pointer.plainText).toContain("hãy nhắn riêng cho Kẻng");
    expect(pointer.buttons.map((b) => b.url)).toEqual(["https://t.me/KengTestBot?start=verify"]);
    expect((await h.dm(neighbour, "/start verify")).plainText).toContain("Cách dùng: /kiemtra");
    expect((await h.dm(neighbour, `/start verify_${code}`)).plainText).toContain(`Mã ${code} do Kẻng cấp`);
  });

  it("refuses a copied code on a different text", async () => {
    const reply = (
      await h.dm(neighbour, `Công an thông báo: anh chuyển tiền ngay để phục vụ điều tra.\n🔐 Mã xác thực: ${code}`)
    ).plainText;
    expect(reply).toContain("Tin này đã bị sửa");
    expect(reply).toContain(`Nội dung gốc:\n${ALERT}`);
  });

  it("says a message without a code was not sent by Kẻng, and a code not found should be checked character by character", async () => {
    const noCode = (await h.dm(neighbour, "/kiemtra Công an thông báo: anh chuyển tiền ngay để phục vụ điều tra"))
      .plainText;
    expect(noCode).toContain("Tin này không có mã xác thực của Kẻng, nên không phải do Kẻng gửi.");
    expect(noCode).toContain("không bao giờ yêu cầu người dân chuyển tiền");
    const mistyped = `${code.slice(0, 6)}${code.endsWith("2") ? "3" : "2"}`;
    const notFound = (await h.dm(neighbour, `/kiemtra ${mistyped}`)).plainText;
    expect(notFound).toContain(`Không tìm thấy mã ${mistyped}.`);
    expect(notFound).toContain("kiểm tra lại từng ký tự");
    expect(notFound).not.toMatch(/KHÔNG|FAKE/);
    expect((await h.dm(neighbour, `/kiemtra ${code.slice(0, 6)}`)).plainText).toContain("kiểm tra lại từng ký tự");
    expect(
      (await h.dm(neighbour, "Công an thông báo: anh chuyển tiền ngay. Mã xác thực: 7KQ-2FD")).plainText,
    ).toContain("Không tìm thấy mã 7KQ-2FD.");
  });

  it("verifies a closure and a cancellation by their copies", async () => {
    await h.dm(officer, "/ketthuc K1 Đã bắt giữ đối tượng lừa đảo");
    const closure = (await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("KẾT THÚC VỤ VIỆC K1"))).plainText;
    const byCode = (await h.dm(resident, `/verify ${codeIn(closure)}`)).plainText;
    expect(byCode).toContain("thông báo kết thúc vụ việc K1");
    expect(byCode).toContain("Nội dung gốc:\nĐã bắt giữ đối tượng lừa đảo");
    expect((await h.dm(resident, closure)).plainText).toContain(
      "Tin thật do Kẻng gửi. Nội dung bạn dán khớp từng chữ với thông báo kết thúc vụ việc K1",
    );

    await h.dm(officer, "/keng tb Mất điện khu vực chợ từ 14 giờ");
    const alert = (await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("Mất điện khu vực chợ"))).plainText;
    await h.dm(officer, "/huykeng K2");
    const cancellation = (await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("THU HỒI TIẾNG KẺNG K2")))
      .plainText;
    expect((await h.dm(neighbour, cancellation)).plainText).toContain(
      "khớp từng chữ với thông báo thu hồi tiếng kẻng K2",
    );
    const original = (await h.dm(neighbour, alert)).plainText;
    expect(original).toContain("khớp từng chữ với tiếng kẻng K2");
    expect(original).toContain("Tình trạng: đã thu hồi.");
  });
});

describe("is this campaign message real?", () => {
  it("verifies /kiemtra <code> and a pasted copy; an altered copy is refused with the original", async () => {
    const created = await h.dm(
      officer,
      "/chiendich ninhbinh.p5 now Cảnh giác với cuộc gọi giả danh công an yêu cầu cài ứng dụng lạ",
    );
    expect(created.plainText).toContain("Đã tạo chiến dịch C1");
    const message = await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("cài ứng dụng lạ"));
    expect(message.plainText).toContain("TUYÊN TRUYỀN PHÁP LUẬT");
    const code = codeIn(message.plainText);

    const byCode = await h.dm(resident, `/kiemtra ${code}`);
    expect(byCode.plainText).toMatch(
      /tin tuyên truyền C1 của Công an phường 5, khu vực Phường 5, gửi lúc \d\d:\d\d \d\d\/\d\d\/\d{4}/,
    );

    expect((await h.dm(resident, message.plainText.replace(/\n+/g, " "))).plainText).toContain(
      "Tin thật do Kẻng gửi. Nội dung bạn dán khớp từng chữ với tin tuyên truyền C1",
    );
    const refused = (
      await h.dm(resident, message.plainText.replace("cài ứng dụng lạ", "chuyển tiền vào tài khoản để xác minh"))
    ).plainText;
    expect(refused).toContain("Tin này đã bị sửa");
    expect(refused).toContain("tin tuyên truyền C1");
    expect(refused).toContain("Nội dung gốc:\nCảnh giác với cuộc gọi giả danh công an yêu cầu cài ứng dụng lạ");

    const run = await h.app.db.campaignRun.findFirstOrThrow({ where: { campaignId: 1 } });
    const json = await (await getVerify(code)).json();
    expect(json).toMatchObject({
      authentic: true,
      kind: "campaign",
      id: "C1",
      issuedAt: run.runAt.toISOString(),
      text: "Cảnh giác với cuộc gọi giả danh công an yêu cầu cài ứng dụng lạ",
    });
  });
});

describe("codes issued before they were stored", () => {
  it("verify again once the start-up backfill has written them", async () => {
    const alert = await h.app.db.alert.findFirstOrThrow({ where: { id: 1 } });
    const row = await h.app.db.verificationCode.findFirstOrThrow({ where: { kind: "alert", refId: alert.id } });
    const code = `${row.code.slice(0, 3)}-${row.code.slice(3)}`;
    await h.app.db.verificationCode.deleteMany({});
    expect((await h.dm(neighbour, `/kiemtra ${code}`)).plainText).toContain(`Không tìm thấy mã ${code}.`);
    await h.app.stop();
    await h.restart();
    expect((await h.dm(neighbour, `/kiemtra ${code}`)).plainText).toContain(`Mã ${code} do Kẻng cấp cho tin dưới đây.`);
  }, 60_000);

  it("verify from the area as it is now when the row has no area recorded", async () => {
    const row = await h.app.db.verificationCode.findFirstOrThrow({ where: { kind: "alert", refId: 1 } });
    await h.app.db.verificationCode.update({ where: { id: row.id }, data: { context: Prisma.DbNull } });
    const code = `${row.code.slice(0, 3)}-${row.code.slice(3)}`;
    expect((await h.dm(neighbour, `/kiemtra ${code}`)).plainText).toContain(
      `Mã ${code} do Kẻng cấp cho tin dưới đây. Đó là tiếng kẻng K1 của Công an phường 5, khu vực Phường 5`,
    );
    await h.app.db.verificationCode.update({ where: { id: row.id }, data: { context: row.context ?? Prisma.DbNull } });
  });
});

describe("an area changed after the message was sent", () => {
  it("still calls a faithful copy of an older alert genuine, with the area and unit it was sent under, after a rename and a new unit", async () => {
    await h.dm(officer, "/keng cao Có người lạ đi hỏi mua chó mèo trong ngõ 7, bà con để ý");
    const alert = (await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("hỏi mua chó mèo"))).plainText;
    const en = (await h.fake.waitForMessage(english.id, (m) => m.plainText.includes("hỏi mua chó mèo"))).plainText;
    const code = codeIn(alert);
    expect(alert).toContain("Phường 5");

    expect((await h.dm(SUPERADMIN, "/suakhuvuc ninhbinh.p5 ten Phường Hoa Lư")).plainText).toContain("Phường Hoa Lư");
    expect((await h.dm(SUPERADMIN, "/suakhuvuc ninhbinh.p5 donvi Công an phường Hoa Lư")).plainText).toContain(
      "Đã cập nhật đơn vị công an",
    );

    const pasted = (await h.dm(resident, alert)).plainText;
    expect(pasted).toContain(
      "Tin thật do Kẻng gửi. Nội dung bạn dán khớp từng chữ với tiếng kẻng K3 của Công an phường 5, khu vực Phường 5, gửi lúc",
    );
    expect(pasted).not.toContain("Hoa Lư");
    expect((await h.dm(english, en)).plainText).toContain(
      "Genuine message from Kẻng. The text you pasted matches alert K3 from Công an phường 5, area Phường 5",
    );
    const alone = (await h.dm(resident, `/kiemtra ${code}`)).plainText;
    expect(alone).toContain(
      `Mã ${code} do Kẻng cấp cho tin dưới đây. Đó là tiếng kẻng K3 của Công an phường 5, khu vực Phường 5`,
    );
    expect(await (await getVerify(code)).json()).toMatchObject({
      authentic: true,
      id: "K3",
      area: { code: "ninhbinh.p5", name: "Phường 5" },
      sender: "Công an phường 5",
    });

    // Its cancellation carries the same code and names the area as the alert did.
    await h.dm(officer, "/huykeng K3");
    const cancellation = (await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("THU HỒI TIẾNG KẺNG K3")))
      .plainText;
    expect(codeIn(cancellation)).toBe(code);
    expect(cancellation).toContain("Phường 5");
    expect((await h.dm(neighbour, cancellation)).plainText).toContain(
      "khớp từng chữ với thông báo thu hồi tiếng kẻng K3 của Công an phường 5, khu vực Phường 5",
    );
  });

  it("still finds the code of an alert whose area was removed (its alerts moved to the parent area)", async () => {
    await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh.p5.to9 Tổ dân phố 9");
    await h.dm(neighbour, "/theodoi ninhbinh.p5.to9");
    await h.dm(officer, "/keng tb @ninhbinh.p5.to9 Tổ 9 cắt nước sáng mai để sửa đường ống");
    const alert = (await h.fake.waitForMessage(neighbour.id, (m) => m.plainText.includes("Tổ 9 cắt nước"))).plainText;
    const code = codeIn(alert);
    expect(alert).toContain("Tổ dân phố 9");

    expect((await h.dm(SUPERADMIN, "/xoakhuvuc ninhbinh.p5.to9")).plainText).toContain("Tổ dân phố 9");
    expect(await h.app.db.area.findUnique({ where: { code: "ninhbinh.p5.to9" } })).toBeNull();

    const pasted = (await h.dm(neighbour, alert)).plainText;
    expect(pasted).toContain("Tin thật do Kẻng gửi. Nội dung bạn dán khớp từng chữ với tiếng kẻng K4");
    expect(pasted).toContain("khu vực Tổ dân phố 9");
    expect((await h.dm(neighbour, `/kiemtra ${code}`)).plainText).toContain(
      `Mã ${code} do Kẻng cấp cho tin dưới đây. Đó là tiếng kẻng K4`,
    );
  });
});

describe("GET /verify/<code>", () => {
  it("answers an authentic code with the original text, a code not found with 404, bad percent-encoding with 400", async () => {
    const row = await h.app.db.verificationCode.findFirstOrThrow({ where: { kind: "alert", refId: 1 } });
    const ok = await getVerify(row.code.toLowerCase());
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      authentic: true,
      id: "K1",
      kind: "alert",
      state: "resolved",
      text: ALERT,
      area: { code: "ninhbinh.p5", name: "Phường 5" },
    });
    expect((await getVerify("7KQ-2FD")).status).toBe(404);
    const bad = await getVerify("%E0%A4%A");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "bad_request" });
  });

  it("limits each client: past the limit it answers 429 with Retry-After", async () => {
    let last: Response | undefined;
    for (let i = 0; i < 40 && last?.status !== 429; i++) last = await getVerify("7KQ-2FD");
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
