/**
 * Issue 21 in Chromium: an officer signs in from the link the bot sent to their private chat,
 * filters the inbox, opens a tip with a photo, replies anonymously (the tipster reads it in their
 * chat), closes it with an outcome and sees the figure change on the statistics page. A resident
 * gets no link; a link used twice opens nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { startHarness, type Harness } from "../support/harness.js";
import { sendQuickTip } from "../support/quick-tip.js";
import { askForLink, consoleBase } from "../support/console.js";
import { createAreas, lastId, makeOfficer, nextMatching, registerGroup, say, trackingCode } from "../tips/support.js";
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumInstalled } from "./chromium.js";

const officer: FakeUserInput = { id: 5_221_000_001, first_name: "Lan", language_code: "vi" };
const tipster: FakeUserInput = {
  id: 6_221_000_002,
  first_name: "Hoa",
  username: "hoa_console_221",
  language_code: "vi",
};
const resident: FakeUserInput = { id: 6_221_000_003, first_name: "Minh", language_code: "vi" };
const GROUP = -1_001_522_100_005;

const suite = chromiumInstalled() ? describe : describe.skip;
const title = chromiumInstalled()
  ? "the console in a browser"
  : `the console in a browser (skipped: ${CHROMIUM_PATH} is not installed)`;

let h: Harness;
let browser: Browser;
let page: Page;
let photoTip = "";
let otherTip = "";
const problems: string[] = [];

suite(title, () => {
  beforeAll(async () => {
    h = await startHarness();
    await createAreas(h);
    await makeOfficer(h, officer, "phuly.minhkhai");
    await registerGroup(h, { groupId: GROUP, officer, areaCode: "phuly.minhkhai.to5", members: [tipster] });
    photoTip = trackingCode(
      (await sendQuickTip(h, tipster, "Xe Wave đỏ biển 90B1-123.45 chở hàng cấm ở ngõ 12")).receipt,
    );
    await say(h, tipster, "/start", "Xin chào");
    const after = lastId(h, tipster.id);
    h.fake.sendPhoto({ chatId: tipster.id, from: tipster, caption: "ảnh chiếc xe" });
    await nextMatching(h, tipster.id, after, `Đã chuyển thông tin bổ sung cho tin ${photoTip}`);
    otherTip = trackingCode((await sendQuickTip(h, tipster, "Đánh bạc ở quán nước đầu làng")).receipt);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "vi-VN" });
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()} ${message.location().url}`);
    });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it("signs the officer in from the link in the chat; the link is refused the second time", async () => {
    const { token, text } = await askForLink(h, officer);
    const url = /https?:\/\/\S+\/console\/open\/\S+/.exec(text)?.[0] ?? "";
    expect(url).toContain(token);
    await page.goto(url.replace("localhost", "127.0.0.1"));
    await page.getByRole("button", { name: "Mở bảng điều khiển" }).click();
    await expect.poll(() => page.url()).toContain("/console/tips");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Tin tố giác");
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "keng_console")).toMatchObject({ httpOnly: true, sameSite: "Strict" });

    const second = await browser.newPage();
    await second.goto(url.replace("localhost", "127.0.0.1"));
    await second.getByRole("button", { name: "Mở bảng điều khiển" }).click();
    await expect.poll(() => second.textContent("main")).toContain("đã được dùng");
    expect(second.url()).not.toContain("/console/tips");
    await second.close();
  });

  it("filters and searches the inbox", async () => {
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel("Tìm trong nội dung").fill("90B1");
    await page.getByRole("button", { name: "Lọc" }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(photoTip);
    await page.getByLabel("Tìm trong nội dung").fill("");
    await page.getByLabel("Trạng thái").selectOption("closed");
    await page.getByRole("button", { name: "Lọc" }).click();
    await expect.poll(() => page.textContent("main")).toContain("Không có tin nào khớp bộ lọc");
    await page.getByLabel("Trạng thái").selectOption("open");
    await page.getByRole("button", { name: "Lọc" }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.textContent("main")).toContain(otherTip);
  });

  it("opens the tip with its photo and replies anonymously: the tipster reads it in the chat", async () => {
    await page.getByRole("link", { name: photoTip }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(photoTip);
    const photo = page.getByRole("img", { name: "Ảnh 1 người báo gửi" });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.textContent("main")).not.toContain("Hoa");

    const after = lastId(h, tipster.id);
    await page.getByRole("textbox", { name: "Nhắn người báo (ẩn danh)" }).fill("Bạn nhớ xe đi hướng nào không?");
    await page.getByRole("button", { name: "Gửi" }).click();
    await expect.poll(() => page.textContent("[role=status]")).toContain(`Đã gửi tới người báo tin ${photoTip}`);
    const relayed = await nextMatching(h, tipster.id, after, "Bạn nhớ xe đi hướng nào không?");
    expect(relayed.plainText).toContain(`Cán bộ phụ trách tin ${photoTip} nhắn`);
    expect(relayed.plainText).not.toContain("Lan");
    await expect.poll(() => page.textContent(".thread")).toContain("Bạn nhớ xe đi hướng nào không?");
  });

  it("closes the tip with an outcome, and the statistics page shows the new figure", async () => {
    await page.getByRole("link", { name: "Thống kê" }).click();
    await expect.poll(() => page.textContent("#figures")).toContain("Số người bị bắt giữ: 0");
    await page.goBack();
    await page.goBack();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(photoTip);
    await page.getByLabel("Kết quả").selectOption("arrest");
    await page.getByLabel("Số người bị bắt / số tiền thu hồi (đồng)").fill("2");
    await page.getByRole("button", { name: "✅ Đóng" }).click();
    await expect.poll(() => page.textContent("[role=status]")).toContain(`Đã đóng tin ${photoTip}`);
    await nextMatching(h, tipster.id, 0, `Tin ${photoTip} đã được xử lý xong`);
    await page.getByRole("link", { name: "Thống kê" }).click();
    await expect.poll(() => page.textContent("#figures")).toContain("Số người bị bắt giữ: 2");
    const chart = page.locator(".chart img");
    await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const audit = await h.app.db.auditLog.findMany({ where: { subject: photoTip }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["tip.take", "tip.reply", "tip.close"]);
    expect(problems).toEqual([]);
  });

  it("opens a resident's alarm from the alerts page and answers «Đang đến»: the group reads it", async () => {
    const prompt = await h.inGroup(GROUP, tipster, "/baodong Có người lạ trèo tường");
    const category = prompt.buttons.find((b) => b.text.includes("Người lạ"))?.callback_data ?? "";
    h.fake.pressButton({ chatId: GROUP, from: tipster, messageId: prompt.messageId, data: category });
    await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("BÁO ĐỘNG"));
    const alarm = await h.app.db.alarm.findFirstOrThrow({ where: { text: { contains: "trèo tường" } } });
    await page.getByRole("link", { name: "Tiếng kẻng" }).click();
    await page.getByRole("link", { name: `B${alarm.id}`, exact: true }).click();
    await expect.poll(() => page.textContent("h1")).toContain(`B${alarm.id}`);
    expect(await page.textContent("main")).toContain("chưa ai phản hồi");
    await page.getByRole("button", { name: "🏃 Đang đến" }).click();
    await expect.poll(() => page.textContent("[role=status]")).toContain("là bạn đang đến");
    expect(await page.textContent("main")).toContain("đã có người đến");
    await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("đang đến"));
    expect(problems).toEqual([]);
  });

  it("gives a resident without a role no link", async () => {
    h.fake.addPrivateChatUser(resident);
    const reply = await say(h, resident, "/bangdieukhien", /Bảng điều khiển/);
    expect(reply.plainText).toMatch(/^🔒/u);
    expect(reply.plainText).not.toContain(`${consoleBase(h)}`);
    expect(reply.plainText).not.toMatch(/\/console\/open\//);
  });
});
