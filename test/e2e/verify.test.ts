/**
 * Issue 9 §1, end to end: every alert, closure and campaign message carries a verification code; a
 * genuine message is verified by its code and by a pasted copy (formatting lost); an altered copy and
 * an invented code are refused with scam advice; the same over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

let h: Harness;
const officer = { id: 8_800_000_001, first_name: "Lan", language_code: "vi" };
const resident = { id: 8_800_000_002, first_name: "Minh", language_code: "vi" };
const GROUP = -8800;
const codeIn = (text: string) => /Mã xác thực: ([2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3})/.exec(text)?.[1] ?? "";

beforeAll(async () => {
  h = await startHarness();
  for (const u of [SUPERADMIN, officer, resident]) h.fake.addPrivateChatUser(u);
  await h.dm(SUPERADMIN, "/themkhuvuc phuly Thành phố Phủ Lý");
  await h.app.db.area.update({ where: { code: "phuly" }, data: { unitName: "Công an thành phố Phủ Lý" } });
  const invite = await h.dm(SUPERADMIN, "/moi officer phuly");
  await h.dm(officer, `/thamgia ${/\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? ""}`);
  h.fake.addGroup({ id: GROUP, title: "Tổ 9" });
  h.fake.setChatAdmin(GROUP, officer.id, true);
  await h.inGroup(GROUP, officer, "/dangky phuly");
});

afterAll(async () => {
  await h?.stop();
});

describe("is this alert real?", () => {
  let alertText = "";
  let code = "";

  it("prints a verification code on the alert and verifies it by code", async () => {
    await h.dm(officer, "/keng khan Đối tượng giả danh công an gọi điện yêu cầu chuyển tiền, bà con cảnh giác");
    const alert = await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("giả danh công an"));
    alertText = alert.plainText;
    code = codeIn(alertText);
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
    const reply = await h.dm(resident, `/kiemtra ${code.toLowerCase()}`);
    expect(reply.plainText).toContain("Tin thật do Kẻng gửi: Tiếng kẻng K1 của Công an thành phố Phủ Lý (Thành phố Phủ Lý)");
    expect(reply.plainText).toContain("đang hiệu lực");
  });

  it("verifies a pasted copy whose formatting was lost, and catches an altered one", async () => {
    const pasted = alertText.replace(/\n+/g, "  ");
    expect((await h.dm(resident, pasted)).plainText).toContain("Tin thật do Kẻng gửi");
    const altered = pasted.replace("cảnh giác", "chuyển tiền vào tài khoản 0123456789 để được bảo vệ");
    const answer = await h.dm(resident, altered);
    expect(answer.plainText).toContain("Tin đã bị sửa");
    expect(answer.plainText).toContain("không bao giờ yêu cầu người dân chuyển tiền");
  });

  it("refuses an invented code", async () => {
    const answer = await h.dm(resident, "/kiemtra 7KQ-2FD");
    expect(answer.plainText).toContain("KHÔNG do Kẻng phát hành");
    expect((await h.dm(resident, "Công an thông báo: anh chuyển tiền ngay. Mã xác thực: ABC-DEF")).plainText).toContain("KHÔNG do Kẻng phát hành");
  });

  it("verifies the closure too, and answers over HTTP", async () => {
    await h.dm(officer, "/ketthuc K1 Đã bắt giữ đối tượng lừa đảo");
    const closure = await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("KẾT THÚC VỤ VIỆC K1"));
    const closureCode = codeIn(closure.plainText);
    expect((await h.dm(resident, `/verify ${closureCode}`)).plainText).toContain("Thông báo kết thúc K1");
    const ok = await fetch(`http://127.0.0.1:${h.app.httpPort}/verify/${code}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ authentic: true, id: "K1", kind: "alert", state: "resolved" });
    expect((await fetch(`http://127.0.0.1:${h.app.httpPort}/verify/ABC-DEF`)).status).toBe(404);
  });
});

describe("is this campaign message real?", () => {
  it("prints a verification code on every campaign message; /kiemtra and a pasted copy verify it, an altered copy is refused", async () => {
    const created = await h.dm(officer, "/chiendich phuly now Cảnh giác với cuộc gọi giả danh công an yêu cầu cài ứng dụng lạ");
    expect(created.plainText).toContain("Đã tạo chiến dịch C1");
    const message = await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("cài ứng dụng lạ"));
    expect(message.plainText).toContain("TUYÊN TRUYỀN PHÁP LUẬT");
    const code = codeIn(message.plainText);
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);

    const byCode = await h.dm(resident, `/kiemtra ${code}`);
    expect(byCode.plainText).toMatch(/Tin thật do Kẻng gửi: tin tuyên truyền C1 của Công an thành phố Phủ Lý \(Thành phố Phủ Lý\), gửi lúc \d\d:\d\d \d\d\/\d\d\/\d{4}/);

    const pasted = message.plainText.replace(/\n+/g, " ");
    expect((await h.dm(resident, pasted)).plainText).toContain("Tin thật do Kẻng gửi: tin tuyên truyền C1");
    const altered = pasted.replace("cài ứng dụng lạ", "chuyển tiền vào tài khoản để xác minh");
    const refused = await h.dm(resident, altered);
    expect(refused.plainText).toContain("Tin đã bị sửa");
    expect(refused.plainText).toContain("tin tuyên truyền C1");
    expect(refused.plainText).toContain("không bao giờ yêu cầu người dân chuyển tiền");

    const run = await h.app.db.campaignRun.findFirstOrThrow({ where: { campaignId: 1 } });
    const json = await (await fetch(`http://127.0.0.1:${h.app.httpPort}/verify/${code}`)).json();
    expect(json).toMatchObject({ authentic: true, kind: "campaign", id: "C1", issuedAt: run.runAt.toISOString() });
  });
});
