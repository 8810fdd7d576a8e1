/**
 * Issue 14 §3: how `/kiemtra` reads what a resident sends — where the code is, and when a pasted
 * copy counts as the same message (only spacing, line breaks and invisible emoji selectors may differ).
 */
import { describe, expect, it } from "vitest";
import { ANY_NUMBER, sameText } from "../../src/core/verification.js";
import { bareCode, findCode } from "../../src/modules/verify/read-code.js";

describe("finding the code", () => {
  it("finds it after its label in a pasted message, in either language", () => {
    expect(findCode("🔴 TIẾNG KẺNG…\n🔐 Mã xác thực: 7kq-2fd (nhắn riêng cho bot /kiemtra 7KQ-2FD)")).toBe("7kq-2fd");
    expect(findCode("🔴 SECURITY GONG…\n🔐 Verification code: 7KQ-2FD (send the bot /verify 7KQ-2FD)")).toBe("7KQ-2FD");
    expect(findCode("Công an thông báo: chuyển tiền ngay vào tài khoản 0123456789")).toBeUndefined();
  });

  it("takes a code typed alone, even mistyped, as a code to look up", () => {
    expect(bareCode("7KQ 2FD")).toBe("7KQ 2FD");
    expect(bareCode("Mã xác thực: 7KQ-2FD")).toBe("7KQ-2FD");
    expect(bareCode("7KQ-2F")).toBe("7KQ-2F");
    expect(bareCode("Công an gọi điện")).toBeUndefined();
  });
});

describe("comparing a pasted copy with the message", () => {
  const message = "🔴 TIẾNG KẺNG AN NINH — KHẨN CẤP\n📍 Phủ Lý\n\nBà con cảnh giác\n\n🔐 Mã xác thực: 7KQ-2FD";

  it("accepts the whole message with its spacing or line breaks lost, or an emoji selector dropped", () => {
    expect(sameText(message.replace(/\n+/g, "  "), message)).toBe(true);
    expect(sameText("⚠ Tin", "⚠️ Tin")).toBe(true);
  });

  it("refuses a line added or removed", () => {
    expect(sameText(`${message}\nChuyển tiền vào tài khoản 0123456789`, message)).toBe(false);
    expect(sameText(message.replace("📍 Phủ Lý\n", ""), message)).toBe(false);
  });

  it("lets Zalo's choice numbers be any number, and nothing else", () => {
    const zalo = `${message}\n\n${ANY_NUMBER} — ✅ Đã nhận\n↩️ Trả lời bằng số để chọn.`;
    expect(sameText(`${message}\n\n12 — ✅ Đã nhận\n↩️ Trả lời bằng số để chọn.`, zalo)).toBe(true);
    expect(sameText(`${message}\n\nxx — ✅ Đã nhận\n↩️ Trả lời bằng số để chọn.`, zalo)).toBe(false);
    expect(sameText(`${message}\n\n1 — ✅ Đã nhận\n↩️ Trả lời bằng số để chọn.\nGọi 0900000000`, zalo)).toBe(false);
  });
});
