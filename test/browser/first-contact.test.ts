/**
 * Issue 15 in a real browser: people who never type a command. A resident opens the private chat,
 * sends /start and reaches a tracking code by tapping buttons (the description is the one thing she
 * types); an officer strikes the gong from the welcome's "Đánh kẻng" button, types only the text, and
 * a resident sees the alert in "Tổ dân phố 1". Skips itself, saying why, when /usr/bin/chromium is
 * not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BOT_REPLY_WAIT,
  browserInstalled,
  browserSuite,
  openSandboxBrowser,
  webChat,
  type SandboxBrowser,
} from "./sandbox-browser.js";

const TIP_CODE = /TG-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}/;

// Per test: several bot replies, each paced by Telegram's ~1 s per private chat (BOT_REPLY_WAIT), plus Chromium's start.
describe.skipIf(!browserInstalled)(
  browserSuite("first contact in the browser, by buttons"),
  { timeout: 90_000 },
  () => {
    let browser: SandboxBrowser;
    let chat: ReturnType<typeof webChat>;

    beforeAll(async () => {
      browser = await openSandboxBrowser();
      chat = webChat(browser.page);
      await browser.page.goto(`${browser.sandbox.baseUrl}/`);
      await browser.page.locator(".live-dot.on").waitFor(BOT_REPLY_WAIT);
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
    });

    /** Taps the button `name` under the newest message of the bot that says `text`. */
    async function tap(text: string | RegExp, name: string | RegExp): Promise<void> {
      await (await chat.botSays(text)).locator(".kb-btn", { hasText: name }).click();
    }

    it("takes a resident from /start to a tracking code with buttons and one typed description", async () => {
      await chat.playIn("Bác Hòa", "Kẻng");
      await chat.write("/start");
      const hello = await chat.botSays("Xin chào");
      expect(await hello.textContent()).toContain("gọi ngay 113");
      // A resident sees what residents can do, and none of the officer's buttons.
      const buttons = await hello.locator(".kb-btn").allTextContents();
      expect(buttons).toEqual(
        expect.arrayContaining(["📮 Báo tin cho công an (giữ kín)", "🔎 Tin tôi đã gửi", "❓ Trợ giúp"]),
      );
      expect(buttons).not.toContain("🔔 Đánh kẻng");

      await tap("Xin chào", "Báo tin cho công an");
      await tap("Sự việc thuộc loại nào?", "Trộm cắp");
      await chat.botSays("Hãy mô tả sự việc");
      await chat.write("Có người lạ đi xe máy không biển số, hay đứng nhìn vào các nhà ở cuối ngõ 7 lúc chập tối");
      await tap("Xong thì bấm «Tiếp tục»", "Tiếp tục");
      await tap("Bạn muốn gửi", "Gửi ẩn danh");
      // Bác Hòa is in one residents' group, so the bot may take its area; if it asks, she taps it.
      const next = await chat.botSays(/Kiểm tra lại trước khi gửi|Sự việc thuộc khu vực nào|Chọn khu vực/);
      if (!(await next.textContent())?.includes("Kiểm tra lại"))
        await next.locator(".kb-btn", { hasText: "Tổ dân phố 2" }).click();

      const confirm = await chat.botSays("Kiểm tra lại trước khi gửi");
      const summary = await confirm.textContent();
      expect(summary).toContain("Trộm cắp");
      expect(summary).toContain("Khu vực: Tổ dân phố 2");
      expect(summary).toContain("Người báo: ẩn danh");
      expect(summary).toContain("cuối ngõ 7");
      await confirm.locator(".kb-btn", { hasText: "📮 Gửi tin" }).click();

      const receipt = await chat.botSays(TIP_CODE);
      expect(await receipt.textContent()).toContain("Kẻng đã nhận tin tố giác của bạn");
      // Exactly one message typed (besides /start): everything else was a tap.
      expect(await browser.page.locator(".msg.out .text").allTextContents()).toEqual([
        "/start",
        "Có người lạ đi xe máy không biển số, hay đứng nhìn vào các nhà ở cuối ngõ 7 lúc chập tối",
      ]);
    });

    it("lets the officer strike the gong from the welcome, typing only the text, and a resident sees it", async () => {
      await chat.playIn("Cán bộ Lan", "Kẻng");
      await chat.write("/start");
      const hello = await chat.botSays("Xin chào");
      expect(await hello.locator(".kb-btn").allTextContents()).toEqual(
        expect.arrayContaining(["🔔 Đánh kẻng", "📥 Tin tố giác đang mở", "📊 Tình trạng tiếng kẻng"]),
      );

      await tap("Xin chào", "Đánh kẻng");
      await tap("Tin này khẩn đến mức nào?", "Cảnh báo");
      // Lan is an officer of one ward, so there may be nothing to choose; if asked, she taps it.
      const next = await chat.botSays(/Viết nội dung tiếng kẻng|Gửi tới khu vực nào\?/);
      if ((await next.textContent())?.includes("Gửi tới khu vực"))
        await next.locator(".kb-btn", { hasText: "Phường 5" }).click();
      await chat.botSays("Viết nội dung tiếng kẻng");
      await chat.write("Có kẻ gian giả làm nhân viên điện lực vào nhà thu tiền, bà con không mở cổng cho người lạ");

      const preview = await chat.botSays("Xem lại trước khi gửi");
      const shown = await preview.textContent();
      expect(shown).toContain("🟠 Cảnh báo · 📍 Phường 5");
      expect(shown).toContain("Sẽ tới 2 nhóm");
      expect(shown).toContain("giả làm nhân viên điện lực");
      await preview.locator(".kb-btn", { hasText: "📢 Gửi" }).click();
      await chat.botSays(/Tiếng kẻng K\d+/);

      await chat.playIn("Anh Tuấn", "Tổ dân phố 1");
      const alert = await chat.botSays("TIẾNG KẺNG AN NINH");
      const seen = await alert.textContent();
      expect(seen).toContain("CẢNH BÁO");
      expect(seen).toContain("giả làm nhân viên điện lực");
      expect(browser.problems).toEqual([]);
    });
  },
);
