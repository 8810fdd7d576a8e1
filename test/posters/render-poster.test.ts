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

const WARD: AreaRecord = { id: 2, code: "phuly.minhkhai", name: "Phường Minh Khai", parentId: 1, unitName: "Công an phường Minh Khai", phone: "0226 3852 113" };
const TELEGRAM_LINK = "https://t.me/KengTestBot?start=tip_phuly-minhkhai";
const ZALO_LINK = "https://zalo.me/2674761099009385171";

let translator: Translator;

beforeAll(async () => {
  translator = await Translator.create("vi");
});

describe("the poster PDF", () => {
  it("is one A4 page whose QR codes open the ward's tip mailbox on Telegram and Zalo", async () => {
    const poster = await makePoster({ area: WARD, locale: "vi", botUsername: "KengTestBot", zaloLink: ZALO_LINK, translator });
    expect(poster?.filename).toBe("poster-phuly.minhkhai-vi.pdf");
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
    expect(facts.title).toBe("HÒM THƯ TỐ GIÁC TỘI PHẠM — Phường Minh Khai");
    expect(facts.fonts.some((f) => f.includes("DejaVuSans-Bold"))).toBe(true);
    expect(facts.fonts.some((f) => /DejaVuSans$/.test(f))).toBe(true);
  });

  it("speaks English with --lang en, and has only the Telegram code without ZALO_BOT_LINK", async () => {
    const poster = await makePoster({ area: WARD, locale: "en", botUsername: "KengTestBot", zaloLink: undefined, translator });
    expect(poster?.filename).toBe("poster-phuly.minhkhai-en.pdf");
    const facts = await readPosterPdf(poster?.pdf ?? new Uint8Array());
    expect(facts.title).toBe("CRIME TIP MAILBOX — Phường Minh Khai");
    expect(facts.qrCodes).toEqual([TELEGRAM_LINK]);
  });

  it("stays on one page with a long name and no unit or phone", async () => {
    const area: AreaRecord = { id: 9, code: "phuly.minhkhai.to12", name: "Tổ dân phố số 12 — khu tập thể Nhà máy Dệt, phường Minh Khai, thành phố Phủ Lý", parentId: 2, unitName: null, phone: null };
    const poster = await makePoster({ area, locale: "vi", botUsername: "KengTestBot", zaloLink: ZALO_LINK, translator });
    const facts = await readPosterPdf(poster?.pdf ?? new Uint8Array());
    expect(facts.pages).toBe(1);
    expect(facts.qrCodes).toContain("https://t.me/KengTestBot?start=tip_phuly-minhkhai-to12");
  });
});

describe("poster content", () => {
  it("writes the area code as the /start tip_ payload the tip flow reads back", () => {
    const link = telegramTipLink("@KengTestBot", "phuly.minhkhai.to5");
    expect(link).toBe("https://t.me/KengTestBot?start=tip_phuly-minhkhai-to5");
    expect(areaCodeFromLink(/tip_(.+)$/.exec(link)?.[1] ?? "")).toBe("phuly.minhkhai.to5");
  });

  it("prints the phone only when set, and needs at least one link", () => {
    expect(posterContent({ area: WARD, botUsername: undefined, zaloLink: undefined })).toBeUndefined();
    const zaloOnly = posterContent({ area: { ...WARD, phone: null, unitName: null }, botUsername: undefined, zaloLink: ZALO_LINK });
    expect(zaloOnly?.channels.map((c) => c.platform)).toEqual(["zalo"]);
    expect(zaloOnly?.phone).toBeUndefined();
    expect(zaloOnly?.unitName).toBeUndefined();
    const full = posterContent({ area: WARD, botUsername: "KengTestBot", zaloLink: undefined });
    expect(full && translator.render(full.phone ?? { raw: "" }, "vi", (s) => s)).toBe("Điện thoại: 0226 3852 113");
    expect(full && full.points.map((p) => translator.render(p, "vi", (s) => s))).toEqual([
      "Bạn có thể báo tin ẩn danh: cán bộ không thấy tên, tài khoản hay số điện thoại của bạn.",
      "Gửi xong, bạn nhận một mã theo dõi (ví dụ TG-7K3F9Q). Hãy giữ mã này.",
      "Nhắn /tracuu <mã> cho bot để xem tình trạng tin và lời nhắn của cán bộ.",
    ]);
  });

  it("reads /apphich arguments: an area and a language, each optional", () => {
    expect(parsePosterArgs("phuly.minhkhai")).toEqual({ ok: true, areaCode: "phuly.minhkhai", locale: undefined });
    expect(parsePosterArgs("EN phuly.minhkhai")).toEqual({ ok: true, areaCode: "phuly.minhkhai", locale: "en" });
    expect(parsePosterArgs("")).toEqual({ ok: true, areaCode: undefined, locale: undefined });
    expect(parsePosterArgs("phuly lamha")).toEqual({ ok: false });
    expect(parsePosterArgs("vi en")).toEqual({ ok: false });
  });
});
