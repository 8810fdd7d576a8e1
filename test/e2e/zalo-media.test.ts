/**
 * Issue 10, media for Zalo: Zalo's sendPhoto takes only a URL, so photos and documents we hold as
 * bytes, and Telegram photos of a tip, are served at PUBLIC_BASE_URL/media/<id> until they expire;
 * a destroyed tip takes its copies along. Without PUBLIC_BASE_URL the text still arrives.
 * Issue 17: a photo sent on Zalo comes by a temporary link (ZALO.md), so it is kept on arrival; a
 * photo that cannot be had never takes the words along with it.
 */
import { sendQuickTip } from "../support/quick-tip.js";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../src/core/messages.js";
import { raw } from "../../src/core/text.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { capturedLogger } from "../support/captured-log.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import { freePort } from "../support/net.js";

/** A 1×1 PNG, as a chart would be. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const CSV = Buffer.from("khu vực,số tin\nPhường Lam Hạ,3\n", "utf8");
/** The start of a JPEG: enough for content sniffing. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

const resident: FakeUserInput = { id: 8_710_000_001, first_name: "Hùng", language_code: "vi" };
const zaloOfficer = { id: "5101111111111111111", displayName: "Cán bộ Hòa" };
const zaloUser = { id: "5102222222222222222", displayName: "Chị Mai" };
const zaloOther = { id: "5103333333333333333", displayName: "Anh Tuấn" };

function zaloOf(h: Harness) {
  if (!h.zalo) throw new Error("zalo fake not started");
  return h.zalo;
}

/** Sends a Zalo text and resolves with the bot's next message in that chat. */
async function zaloSay(h: Harness, user: { id: string; displayName: string }, text: string) {
  const zalo = zaloOf(h);
  const seen = new Set(zalo.messagesIn(user.id).map((m) => m.messageId));
  zalo.sendText({ chatId: user.id, chatType: "PRIVATE", from: user, text });
  return zalo.waitForMessage(user.id, (m) => !seen.has(m.messageId), 15_000);
}

/** A one-line tip from a Zalo follower of hanam.lamha, sent past the first-tip notice; resolves with its code. */
async function zaloQuickTip(h: Harness, user: { id: string; displayName: string }, text: string): Promise<string> {
  const zalo = zaloOf(h);
  await zaloSay(h, user, "/theodoi hanam.lamha");
  const seen = new Set(zalo.messagesIn(user.id).map((m) => m.messageId));
  zalo.sendText({ chatId: user.id, chatType: "PRIVATE", from: user, text: `/togiac ${text}` });
  const notice = await zalo.waitForMessage(
    user.id,
    (m) => !seen.has(m.messageId) && m.plainText.includes("Trước khi gửi"),
    20_000,
  );
  zalo.sendText({
    chatId: user.id,
    chatType: "PRIVATE",
    from: user,
    text: /(\d+)\W+📮/.exec(notice.plainText)?.[1] ?? "",
  });
  const coded = await zalo.waitForMessage(
    user.id,
    (m) => !seen.has(m.messageId) && /TG-[A-Z0-9]{6}/.test(m.plainText),
    20_000,
  );
  return /TG-[A-Z0-9]{6}/.exec(coded.plainText)?.[0] ?? "";
}

/** Queues a message for a Zalo user's chat, as any feature does (a chart, a poster). */
async function enqueueTo(h: Harness, user: { id: string }, message: Omit<OutboundMessage, "locale">): Promise<void> {
  const chat = await h.app.db.chat.findUniqueOrThrow({
    where: { platform_platformChatId: { platform: "zalo", platformChatId: user.id } },
  });
  await h.app.outbox.enqueue([
    {
      key: `media-test:${randomBytes(6).toString("hex")}`,
      to: { chatId: chat.id },
      priority: "interactive",
      message: { locale: "vi", ...message },
    },
  ]);
}

describe("with PUBLIC_BASE_URL", () => {
  let h: Harness;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The app's own HTTP role is the public address; a short reconciler period runs the sweeps quickly.
    h = await startHarness({
      zalo: true,
      env: { PORT: String(port), PUBLIC_BASE_URL: base, KENG_RECONCILE_SECONDS: "1" },
    });
    h.fake.addPrivateChatUser(SUPERADMIN);
    h.fake.addPrivateChatUser(resident);
    for (const user of [zaloOfficer, zaloUser, zaloOther]) zaloOf(h).addUser(user);
    await h.dm(SUPERADMIN, "/themkhuvuc hanam Tỉnh Hà Nam");
    await h.dm(SUPERADMIN, "/themkhuvuc hanam.lamha Phường Lam Hạ");
    const invite = await h.dm(SUPERADMIN, "/moi officer hanam.lamha");
    const code = /\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? "";
    expect((await zaloSay(h, zaloOfficer, `/thamgia ${code}`)).plainText).toContain(
      "Bạn đã nhận vai trò cán bộ công an",
    );
    await zaloSay(h, zaloUser, "/start");
    await zaloSay(h, zaloOther, "/start");
  }, 90_000);

  afterAll(async () => {
    await h?.stop();
  });

  it("sends a photo given as bytes by a link of ours that serves the same bytes", async () => {
    await enqueueTo(h, zaloUser, {
      text: raw("Biểu đồ tin báo tuần này"),
      photo: { kind: "bytes", base64: PNG.toString("base64"), filename: "thongke.png" },
    });
    const photo = await zaloOf(h).waitForMessage(zaloUser.id, (m) => m.method === "sendPhoto", 15_000);
    expect(photo.caption).toBe("Biểu đồ tin báo tuần này");
    expect(photo.photoUrl).toMatch(new RegExp(`^${base}/media/[A-Za-z0-9_-]{24}$`));

    const response = await fetch(photo.photoUrl ?? "");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toMatch(/^private, max-age=\d+$/);
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);

    // The same picture for another chat reuses the stored copy.
    await enqueueTo(h, zaloOther, {
      text: raw("Biểu đồ tin báo tuần này"),
      photo: { kind: "bytes", base64: PNG.toString("base64"), filename: "thongke.png" },
    });
    const again = await zaloOf(h).waitForMessage(zaloOther.id, (m) => m.method === "sendPhoto", 15_000);
    expect(again.photoUrl).toBe(photo.photoUrl);
    expect(await h.app.db.media.count()).toBe(1);
  });

  it("sends a document given as bytes as a text with a download link", async () => {
    const seen = new Set(
      zaloOf(h)
        .messagesIn(zaloUser.id)
        .map((m) => m.messageId),
    );
    await enqueueTo(h, zaloUser, {
      text: raw("Số liệu tháng 11"),
      document: { kind: "bytes", base64: CSV.toString("base64"), filename: "thống-kê.csv" },
    });
    const message = await zaloOf(h).waitForMessage(zaloUser.id, (m) => !seen.has(m.messageId), 15_000);
    expect(message.method).toBe("sendMessage");
    expect(message.plainText).toContain("Số liệu tháng 11");
    expect(message.plainText).toMatch(/📎 thống-kê\.csv \(tải về trong (71|72) giờ\): /);
    const url = new RegExp(`${base}/media/[A-Za-z0-9_-]{24}`).exec(message.plainText)?.[0] ?? "";
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain("attachment");
    expect(response.headers.get("content-disposition")).toContain("filename*=UTF-8''th%E1%BB%91ng-k%C3%AA.csv");
    expect(Buffer.from(await response.arrayBuffer()).equals(CSV)).toBe(true);
  });

  it("answers 404 for an unknown id and for an expired one, and sweeps expired rows", async () => {
    expect((await fetch(`${base}/media/${randomBytes(18).toString("base64url")}`)).status).toBe(404);
    expect((await fetch(`${base}/media/not-an-id`)).status).toBe(404);

    await enqueueTo(h, zaloUser, {
      text: raw("Ảnh sắp hết hạn"),
      photo: { kind: "bytes", base64: Buffer.concat([PNG, Buffer.from("x")]).toString("base64"), filename: "a.png" },
    });
    const photo = await zaloOf(h).waitForMessage(
      zaloUser.id,
      (m) => m.method === "sendPhoto" && m.caption === "Ảnh sắp hết hạn",
      15_000,
    );
    const id = photo.photoUrl?.split("/").pop() ?? "";
    expect((await fetch(photo.photoUrl ?? "")).status).toBe(200);
    await h.app.db.media.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await fetch(photo.photoUrl ?? "")).status).toBe(404);
    await expect.poll(() => h.app.db.media.count({ where: { id } }), { timeout: 10_000 }).toBe(0);
  });

  it("keeps a Zalo tipster's photo on arrival, so the officer's copy outlives Zalo's link, and destroys it with the tip", async () => {
    const code = await zaloQuickTip(h, zaloUser, "Có người lạ cạy khóa xe máy ở ngõ 9");
    await zaloOf(h).waitForMessage(zaloOfficer.id, (m) => m.plainText.includes(code), 20_000);
    const jpeg = Buffer.concat([JPEG, Buffer.from("zalo-tip")]);
    const update = zaloOf(h).sendImage({
      chatId: zaloUser.id,
      chatType: "PRIVATE",
      from: zaloUser,
      photo: jpeg,
      caption: "xe đỗ ở đây",
    });
    const photo = await zaloOf(h).waitForMessage(
      zaloOfficer.id,
      (m) => m.method === "sendPhoto" && (m.caption ?? "").includes(code),
      20_000,
    );
    expect(photo.caption).toContain("xe đỗ ở đây");
    expect(photo.photoUrl?.startsWith(`${base}/media/`)).toBe(true);
    // Zalo's own link has expired by the time the officer opens it; ours has not.
    zaloOf(h).expirePhotoLinks();
    expect((await fetch(update?.message.photo ?? "")).status).toBe(404);
    const response = await fetch(photo.photoUrl ?? "");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await response.arrayBuffer()).equals(jpeg)).toBe(true);

    await h.app.db.tip.update({
      where: { code },
      data: { status: "closed", closedAt: new Date(Date.now() - 100 * 86_400_000) },
    });
    await expect.poll(async () => (await fetch(photo.photoUrl ?? "")).status, { timeout: 10_000 }).toBe(404);
  });

  it("keeps the words of a Zalo photo whose link has expired, and tells the sender the photo is missing", async () => {
    const code = await zaloQuickTip(h, zaloOther, "Xe tải lạ đỗ trước cổng trường cả đêm");
    await zaloOf(h).waitForMessage(zaloOfficer.id, (m) => m.plainText.includes(code), 20_000);
    const seen = new Set(
      zaloOf(h)
        .messagesIn(zaloOther.id)
        .map((m) => m.messageId),
    );
    zaloOf(h).sendImage({
      chatId: zaloOther.id,
      chatType: "PRIVATE",
      from: zaloOther,
      photoUrl: `${zaloOf(h).apiRoot}/photos/gone.jpg`,
      caption: "biển số 90A-123.45",
    });
    const told = await zaloOf(h).waitForMessage(
      zaloOther.id,
      (m) => !seen.has(m.messageId) && m.plainText.includes("Kẻng không tải được ảnh bạn vừa gửi"),
      20_000,
    );
    expect(told.plainText).toContain("Bạn gửi lại ảnh giúp nhé");
    const relayed = await zaloOf(h).waitForMessage(
      zaloOfficer.id,
      (m) => m.plainText.includes("biển số 90A-123.45"),
      20_000,
    );
    expect(relayed.plainText).toContain(code);
  });

  it("sends the text of a photo it cannot fetch, saying the photo is missing", async () => {
    const seen = new Set(
      zaloOf(h)
        .messagesIn(zaloUser.id)
        .map((m) => m.messageId),
    );
    await enqueueTo(h, zaloUser, {
      text: raw("Ảnh hiện trường"),
      photo: { kind: "file", platformFileId: "AgACAgIAA-no-such-telegram-file" },
    });
    const message = await zaloOf(h).waitForMessage(zaloUser.id, (m) => !seen.has(m.messageId), 15_000);
    expect(message.method).toBe("sendMessage");
    expect(message.plainText).toBe("Ảnh hiện trường\n📷 (Không gửi kèm được ảnh.)");
  });

  it("gets a Telegram tipster's photo to a Zalo officer, and destroys the copy with the tip", async () => {
    await h.dm(resident, "/theodoi hanam.lamha");
    const { receipt: coded } = await sendQuickTip(h, resident, "Có người lạ cạy khóa xe máy ở ngõ 4");
    const code = /TG-[A-Z0-9]{6}/.exec(coded.plainText)?.[0] ?? "";
    await zaloOf(h).waitForMessage(zaloOfficer.id, (m) => m.plainText.includes(code), 20_000);

    const update = h.fake.sendPhoto({ chatId: resident.id, from: resident, caption: "xe đỗ ở đây" });
    const sizes = update.message?.photo ?? [];
    const fileId = sizes[sizes.length - 1]?.file_id ?? "";
    const photo = await zaloOf(h).waitForMessage(
      zaloOfficer.id,
      (m) => m.method === "sendPhoto" && (m.caption ?? "").includes(code),
      20_000,
    );
    expect(photo.caption).toContain(code);
    expect(photo.caption).toContain("xe đỗ ở đây");
    expect(photo.photoUrl?.startsWith(`${base}/media/`)).toBe(true);
    const response = await fetch(photo.photoUrl ?? "");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await response.arrayBuffer()).equals(h.fake.fileBytes(fileId) ?? Buffer.alloc(0))).toBe(true);

    // The tip was closed longer ago than TIP_RETENTION_DAYS: the retention pass destroys the copy too.
    await h.app.db.tip.update({
      where: { code },
      data: { status: "closed", closedAt: new Date(Date.now() - 100 * 86_400_000) },
    });
    await expect
      .poll(() => h.app.db.media.count({ where: { source: `telegram:${fileId}` } }), { timeout: 10_000 })
      .toBe(0);
    expect((await fetch(photo.photoUrl ?? "")).status).toBe(404);
    expect((await h.app.db.tip.findUnique({ where: { code } }))?.contentDeletedAt).not.toBeNull();
  });
});

describe("without PUBLIC_BASE_URL", () => {
  let h: Harness;
  const { logger, lines: logLines } = capturedLogger();

  beforeAll(async () => {
    h = await startHarness({ zalo: true, logger });
    zaloOf(h).addUser(zaloUser);
    await zaloSay(h, zaloUser, "/start");
  }, 90_000);

  afterAll(async () => {
    await h?.stop();
  });

  it("says once at start-up that Zalo photos need PUBLIC_BASE_URL", () => {
    expect(logLines.filter((line) => line.includes("zalo_media_disabled"))).toHaveLength(1);
    expect(logLines.join("")).toContain("PUBLIC_BASE_URL");
  });

  it("still delivers the text of a photo given as bytes", async () => {
    const seen = new Set(
      zaloOf(h)
        .messagesIn(zaloUser.id)
        .map((m) => m.messageId),
    );
    await enqueueTo(h, zaloUser, {
      text: raw("Biểu đồ tin báo tuần này"),
      photo: { kind: "bytes", base64: PNG.toString("base64"), filename: "thongke.png" },
    });
    const message = await zaloOf(h).waitForMessage(zaloUser.id, (m) => !seen.has(m.messageId), 15_000);
    expect(message.method).toBe("sendMessage");
    expect(message.plainText).toBe("Biểu đồ tin báo tuần này");
    expect(await h.app.db.media.count()).toBe(0);
  });
});
