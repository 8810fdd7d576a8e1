/**
 * Issue 9, printable tip-box posters: the PDF is one A4 page in DejaVu Sans, and the QR codes it
 * embeds decode to the area's `tip_<area>` Telegram deep link and the Zalo bot link.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Translator } from "../../src/core/i18n.js";
import { areaCodeFromLink } from "../../src/modules/areas/area-code.js";
import type { AreaRecord } from "../../src/modules/areas/types.js";
import { makePoster } from "../../src/modules/posters/make-poster.js";
import { posterContent, telegramTipLink } from "../../src/modules/posters/poster-content.js";
import { parsePosterArgs } from "../../src/modules/posters/send-poster.js";
import { decodeQrPng, readPosterPdf } from "./pdf-qr.js";

const WARD: AreaRecord = {
  id: 2,
  code: "ninhbinh.p5",
  name: "Phường 5",
  parentId: 1,
  unitName: "Công an phường 5",
  phone: "0229 3871 113",
  kind: "phuong",
  address: null,
};
const TELEGRAM_LINK = "https://t.me/KengTestBot?start=tip_ninhbinh-p5";
const ZALO_LINK = "https://zalo.me/2674761099009385171";

let translator: Translator;

beforeAll(async () => {
  translator = await Translator.create("vi");
});

describe("the poster PDF", () => {
  it("is one A4 page whose QR codes open the ward's tip mailbox on Telegram and Zalo", async () => {
    const poster = await makePoster({
      area: WARD,
      locale: "vi",
      botUsername: "KengTestBot",
      zaloLink: ZALO_LINK,
      translator,
    });
    expect(poster?.filename).toBe("poster-ninhbinh.p5-vi.pdf");
    const facts = await readPosterPdf(poster?.pdf ?? new Uint8Array());
    expect(facts.pages).toBe(1);
    expect(facts.width).toBeCloseTo(595.28, 2);
    expect(facts.height).toBeCloseTo(841.89, 2);
    expect([...facts.qrCodes].sort()).toEqual([TELEGRAM_LINK, ZALO_LINK].sort());
    // What the renderer reports matches what it embedded.
    expect(poster?.qrCodes.map((q) => [q.platform, q.link, decodeQrPng(q.png)])).toEqual([
      ["telegram", TELEGRAM_LINK, TELEGRAM_LINK],
      ["zalo", ZALO_LINK, ZALO_LINK],
    ]);
    expect(facts.title).toBe("HÒM THƯ TỐ GIÁC TỘI PHẠM — Phường 5");
    expect(facts.fonts.some((f) => f.includes("DejaVuSans-Bold"))).toBe(true);
    expect(facts.fonts.some((f) => /DejaVuSans$/.test(f))).toBe(true);
  });

  it("speaks English with --lang en, and has only the Telegram code without ZALO_BOT_LINK", async () => {
    const poster = await makePoster({
      area: WARD,
      locale: "en",
      botUsername: "KengTestBot",
      zaloLink: undefined,
      translator,
    });
    expect(poster?.filename).toBe("poster-ninhbinh.p5-en.pdf");
    const facts = await readPosterPdf(poster?.pdf ?? new Uint8Array());
    expect(facts.title).toBe("CRIME TIP MAILBOX — Phường 5");
    expect(facts.qrCodes).toEqual([TELEGRAM_LINK]);
  });

  it("stays on one page with a long name and no unit or phone", async () => {
    const area: AreaRecord = {
      id: 9,
      code: "ninhbinh.p5.to12",
      name: "Tổ dân phố số 12 — khu tập thể Nhà máy Dệt, Phường 5, tỉnh Ninh Bình",
      parentId: 2,
      unitName: null,
      phone: null,
      kind: "todanpho",
      address: null,
    };
    const poster = await makePoster({
      area,
      locale: "vi",
      botUsername: "KengTestBot",
      zaloLink: ZALO_LINK,
      translator,
    });
    const facts = await readPosterPdf(poster?.pdf ?? new Uint8Array());
    expect(facts.pages).toBe(1);
    expect(facts.qrCodes).toContain("https://t.me/KengTestBot?start=tip_ninhbinh-p5-to12");
  });
});

describe("poster content", () => {
  it("writes the area code as the /start tip_ payload the tip flow reads back", () => {
    const link = telegramTipLink("@KengTestBot", { id: 7, code: "ninhbinh.p5.to5" });
    expect(link).toBe("https://t.me/KengTestBot?start=tip_ninhbinh-p5-to5");
    expect(areaCodeFromLink(/tip_(.+)$/.exec(link)?.[1] ?? "")).toBe("ninhbinh.p5.to5");
  });

  it("prints the phone only when set, and needs at least one link", () => {
    expect(posterContent({ area: WARD, botUsername: undefined, zaloLink: undefined })).toBeUndefined();
    const zaloOnly = posterContent({
      area: { ...WARD, phone: null, unitName: null },
      botUsername: undefined,
      zaloLink: ZALO_LINK,
    });
    expect(zaloOnly?.channels.map((c) => c.platform)).toEqual(["zalo"]);
    expect(zaloOnly?.phone).toBeUndefined();
    expect(
      posterContent({
        area: { ...WARD, phone: null, unitName: null, kind: null },
        botUsername: undefined,
        zaloLink: ZALO_LINK,
      })?.unitName,
    ).toBeUndefined();
    const full = posterContent({ area: WARD, botUsername: "KengTestBot", zaloLink: undefined });
    expect(full && translator.render(full.phone ?? { raw: "" }, "vi", (s) => s)).toBe("Điện thoại: 0229 3871 113");
    expect(full && full.points.map((p) => translator.render(p, "vi", (s) => s))).toEqual([
      // "Ẩn danh" says what it is: hidden from officers, not from the platforms or a lawful request.
      "Ẩn danh với cán bộ: cán bộ không thấy tên, tài khoản hay số điện thoại của bạn. Telegram/Zalo vẫn biết tài khoản của bạn, và cơ quan có thẩm quyền vẫn có thể yêu cầu theo pháp luật.",
      "Gửi xong, bạn nhận một mã theo dõi (ví dụ TG-7K3F9Q). Hãy giữ mã này.",
      "Nhắn /tracuu <mã> cho bot để xem tình trạng tin và lời nhắn của cán bộ.",
    ]);
  });

  it("names the police unit from the area's kind when none was set, and a residential group's from its ward", () => {
    const say = (area: AreaRecord, parent: AreaRecord | null, locale: "vi" | "en") => {
      const unit = posterContent({ area, parent, botUsername: "KengTestBot", zaloLink: undefined })?.unitName;
      return unit && translator.render(unit, locale, (s) => s);
    };
    const ward: AreaRecord = { ...WARD, unitName: null };
    const group: AreaRecord = {
      id: 9,
      code: "ninhbinh.p5.to5",
      name: "Tổ dân phố 5",
      parentId: 2,
      unitName: null,
      phone: null,
      kind: "todanpho",
      address: null,
    };
    expect(say(ward, null, "vi")).toBe("Công an phường 5");
    expect(say(ward, null, "en")).toBe("Police of Ward 5");
    expect(say(group, ward, "vi")).toBe("Công an phường 5");
    expect(say(group, WARD, "vi")).toBe("Công an phường 5");
    expect(say({ ...group, kind: null }, ward, "vi")).toBeUndefined();
  });

  it("reads /apphich arguments: an area and a language, each optional", () => {
    expect(parsePosterArgs("ninhbinh.p5")).toEqual({ ok: true, areaCode: "ninhbinh.p5", locale: undefined });
    expect(parsePosterArgs("EN ninhbinh.p5")).toEqual({ ok: true, areaCode: "ninhbinh.p5", locale: "en" });
    expect(parsePosterArgs("")).toEqual({ ok: true, areaCode: undefined, locale: undefined });
    expect(parsePosterArgs("ninhbinh p7")).toEqual({ ok: false });
    expect(parsePosterArgs("vi en")).toEqual({ ok: false });
  });
});
