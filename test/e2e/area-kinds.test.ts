/**
 * Issue 14 §5, end to end: areas carry a kind (read from the name or typed), `/suakhuvuc … loai` and
 * `… diachi` set the kind and the unit's address, and an alert from a ward with no unit name is
 * signed "Công an phường 5" (in English "Police of Ward 5"); a residential group's by its ward.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

const officer: FakeUserInput = { id: 9_510_000_001, first_name: "Lan", language_code: "vi" };
const follower: FakeUserInput = { id: 9_520_000_002, first_name: "Anna", language_code: "en" };
const G5 = -100_514;

let h: Harness;
const kinds = async () =>
  Object.fromEntries((await h.app.db.area.findMany({ orderBy: { code: "asc" } })).map((a) => [a.code, a.kind]));
const alertIn = (chatId: number, id: string) =>
  h.fake.waitForMessage(
    chatId,
    (m) => /TIẾNG KẺNG AN NINH|SECURITY ALERT|GONG/i.test(m.plainText) && m.plainText.includes(id),
    15_000,
  );

beforeAll(async () => {
  h = await startHarness();
  for (const u of [SUPERADMIN, officer, follower]) h.fake.addPrivateChatUser(u);
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe("the kind of an area", () => {
  it("is read from the name's first word by /themkhuvuc, or typed with --loai, and must fit the level", async () => {
    expect((await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh Tỉnh Ninh Bình")).plainText).toContain(
      "Đã tạo khu vực Tỉnh Ninh Bình (mã ninhbinh), loại: tỉnh.",
    );
    expect((await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh.p5 Phường 5")).plainText).toContain("loại: phường.");
    expect((await h.dm(SUPERADMIN, "/area_add ninhbinh.p5.to5 Tổ dân phố 5")).plainText).toContain("loại: tổ dân phố.");
    expect((await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh.p5.k3 Khu 3 --loai tinh")).plainText).toContain(
      "không ở cấp này được",
    );
    expect((await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh.p5.k3 Khu 3 --loai xom")).plainText).toContain(
      "Không có loại khu vực «xom»",
    );
    expect((await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh.p5.k3 Khu 3 --loai tdp")).plainText).toContain(
      "Đã tạo khu vực Khu 3 (mã ninhbinh.p5.k3), loại: tổ dân phố.",
    );
    expect((await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh.yl Yên Lạc")).plainText).toContain(
      "Đã tạo khu vực Yên Lạc (mã ninhbinh.yl).",
    );
    expect(await kinds()).toEqual({
      ninhbinh: "tinh",
      "ninhbinh.p5": "phuong",
      "ninhbinh.p5.k3": "todanpho",
      "ninhbinh.p5.to5": "todanpho",
      "ninhbinh.yl": null,
    });
  });
});

describe("an alert from an area with no unit name", () => {
  beforeAll(async () => {
    const invite = await h.dm(SUPERADMIN, "/moi officer ninhbinh.p5");
    await h.dm(officer, `/thamgia ${/\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? ""}`);
    h.fake.addGroup({ id: G5, title: "Tổ dân phố 5", type: "supergroup" });
    h.fake.setChatAdmin(G5, officer.id, true);
    expect((await h.inGroup(G5, officer, "/dangky ninhbinh.p5.to5")).plainText).toContain("Nhóm đã được liên kết");
    await h.dm(follower, "/lang en");
    expect((await h.dm(follower, "/follow ninhbinh.p5")).plainText).toContain("Phường 5");
  }, 60_000);

  it("is signed by the police of the ward, worded from its kind, in each reader's language", async () => {
    await h.dm(officer, "/keng cao Phát hiện đối tượng trộm xe máy ở ngõ 12");
    const inGroup = await alertIn(G5, "K1");
    expect(inGroup.plainText).toContain("Công an phường 5");
    expect(inGroup.plainText).not.toContain("Công an khu vực");
    expect((await alertIn(follower.id, "K1")).plainText).toContain("Police of Ward 5");
  });

  it("from a residential group is signed by its ward's police", async () => {
    await h.dm(officer, "/keng tb @ninhbinh.p5.to5 Mất điện khu tập thể từ 20 giờ");
    expect((await alertIn(G5, "K2")).plainText).toContain("Công an phường 5");
  });
});

describe("/suakhuvuc … loai and … diachi", () => {
  it("sets the kind (which then words the unit) and the unit's postal address, and shows the area", async () => {
    expect((await h.dm(SUPERADMIN, "/suakhuvuc ninhbinh.yl loai xa")).plainText).toContain(
      "Đã cập nhật loại khu vực của Yên Lạc (ninhbinh.yl): xã",
    );
    expect((await h.dm(SUPERADMIN, "/suakhuvuc ninhbinh.yl diachi Số 1 đường Lê Lợi, xã Yên Lạc")).plainText).toContain(
      "Đã cập nhật địa chỉ đơn vị công an của Yên Lạc (ninhbinh.yl): Số 1 đường Lê Lợi, xã Yên Lạc",
    );
    const shown = (await h.dm(SUPERADMIN, "/suakhuvuc ninhbinh.yl")).plainText;
    expect(shown).toContain("Loại: xã");
    expect(shown).toContain("Đơn vị công an: Công an xã Yên Lạc");
    expect(shown).toContain("Địa chỉ: Số 1 đường Lê Lợi, xã Yên Lạc");
    const area = await h.app.db.area.findUniqueOrThrow({ where: { code: "ninhbinh.yl" } });
    expect({ kind: area.kind, address: area.address }).toEqual({
      kind: "xa",
      address: "Số 1 đường Lê Lợi, xã Yên Lạc",
    });
    const edits = await h.app.db.auditLog.findMany({
      where: { action: "area.edit", areaId: area.id },
      orderBy: { id: "asc" },
    });
    expect(edits.map((e) => [e.subject, (e.details as { to?: unknown }).to])).toEqual([
      ["kind", "xa"],
      ["address", "Số 1 đường Lê Lợi, xã Yên Lạc"],
    ]);
  });

  it("refuses a kind that does not fit the level or does not exist, and clears with -", async () => {
    expect((await h.dm(SUPERADMIN, "/suakhuvuc ninhbinh.p5.to5 loai tinh")).plainText).toContain(
      "không ở cấp này được",
    );
    expect((await h.dm(SUPERADMIN, "/area_edit ninhbinh.p5.to5 kind hamlet")).plainText).toContain(
      "Không có loại khu vực «hamlet»",
    );
    expect((await h.dm(SUPERADMIN, "/suakhuvuc ninhbinh.yl diachi -")).plainText).toContain(
      "Đã xóa địa chỉ đơn vị công an của Yên Lạc",
    );
    expect((await h.dm(SUPERADMIN, "/suakhuvuc ninhbinh.yl loai -")).plainText).toContain(
      "Đã xóa loại khu vực của Yên Lạc",
    );
    expect((await h.dm(SUPERADMIN, "/suakhuvuc ninhbinh.yl")).plainText).toContain("Đơn vị công an: chưa có");
    const area = await h.app.db.area.findUniqueOrThrow({ where: { code: "ninhbinh.yl" } });
    expect({ kind: area.kind, address: area.address }).toEqual({ kind: null, address: null });
    expect((await h.dm(officer, "/suakhuvuc ninhbinh.p5")).plainText).toMatch(/^🚫/);
  });
});
