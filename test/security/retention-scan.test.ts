/**
 * Retention keeps its promise (DESIGN.md §7): a tip goes through every flow — text, photos, location,
 * follow-ups, an officer's question and /traloi, /tracuu, escalation, the register sheet, closing —
 * then time passes (the app restarts with a retention of a second) and every text, JSON and bytea
 * column of every table is scanned for the tip's words, the photos' bytes and file ids, the
 * tipster's platform id and any sealed value the key still opens to the tipster. Then `admin rotate`,
 * and the old key must open nothing left in the database.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../../src/app.js";
import { AesGcmSealer } from "../../src/core/seal.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import { makeOfficer, nextMatching, press, pressAndWait, say, trackingCode, WAIT_MS } from "../tips/support.js";
import { scanDatabase, type ScanHit } from "./support/scan-database.js";

const OLD_KEY = randomBytes(32).toString("base64");
const NEW_KEY = randomBytes(32).toString("base64");
const tipster: FakeUserInput = {
  id: 7_300_000_001,
  first_name: "Người Báo Tin",
  username: "nguoibaotin_test",
  language_code: "vi",
};
const other: FakeUserInput = { id: 7_300_000_002, first_name: "Chị Khác", language_code: "vi" };
const groupOfficer: FakeUserInput = { id: 7_300_000_010, first_name: "Cán bộ Tổ", language_code: "vi" };
const wardOfficer: FakeUserInput = { id: 7_300_000_011, first_name: "Cán bộ Phường", language_code: "vi" };

const WORDS = {
  text: "Kho hàng lậu sau chợ Ví Dụ, xe tải biển 99Z-12345 ra vào lúc nửa đêm",
  followUp: "Bổ sung: có thêm hai người canh cửa, mặc áo khoác xám",
  caption: "Ảnh chụp cổng kho từ phía bờ ao",
  question: "Bạn thấy xe tải vào kho mấy lần một tuần?",
  answer: "Khoảng ba lần, thường vào tối thứ sáu",
  reply: "Cảm ơn, công an phường đang xác minh kho hàng này",
  otherText: "Tin của người khác: có người lạ hỏi đường vào xóm",
  contact: "Chú Ba bán nước, gọi 0912 000 111 sau 18 giờ",
};

let h: Harness;
let app: App | undefined;
let code = "";
const photoIds: string[] = [];
const voiceIds: string[] = [];
const photoBytes: Buffer[] = [];

/** The app, restarted with other settings (same database, Redis prefix and fake). */
async function restartWith(env: Record<string, string | string[]>): Promise<App> {
  await (app ?? h.app).stop();
  app = await startApp({ ...h.config, ...env } as typeof h.config, {
    logger: pino({ level: "silent" }),
    skipMigrations: true,
  });
  return app;
}

function sendPhoto(user: FakeUserInput, caption?: string): void {
  const update = h.fake.sendPhoto({ chatId: user.id, from: user, ...(caption ? { caption } : {}) });
  // The largest size is the one the bot keeps and relays.
  const sizes = update.message?.photo ?? [];
  const largest = sizes[sizes.length - 1];
  if (!largest) throw new Error("the fake sent no photo sizes");
  photoIds.push(largest.file_id);
  const bytes = h.fake.fileBytes(largest.file_id);
  if (bytes) photoBytes.push(bytes.subarray(0, 48));
}

beforeAll(async () => {
  h = await startHarness({ env: { TIP_SEAL_KEY: OLD_KEY, TIP_ESCALATE_MINUTES: "0.05" } });
  for (const u of [SUPERADMIN, tipster, other]) h.fake.addPrivateChatUser(u);
  await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh Tỉnh Ninh Bình");
  await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh.p5 Phường 5");
  await h.dm(SUPERADMIN, "/themkhuvuc ninhbinh.p5.to1 Tổ dân phố 1");
  await makeOfficer(h, groupOfficer, "ninhbinh.p5.to1");
  await makeOfficer(h, wardOfficer, "ninhbinh.p5");
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await h?.stop();
});

describe("after the retention period", () => {
  it("fills the database through a full tip, with photos, location, follow-ups, replies, escalation and closing", async () => {
    // A person who came from the poster's QR code: no group, no follow — known to the bot only privately.
    const start = await say(h, tipster, "/start tip_ninhbinh-p5-to1", "Sự việc thuộc loại nào?");
    const described = await pressAndWait(h, tipster, start, "Trộm cắp", "Hãy mô tả sự việc");
    expect(described.plainText).toContain("Hãy mô tả");
    const media = await say(h, tipster, WORDS.text, "gửi ảnh");
    let after = h.fake.lastMessage(tipster.id)?.messageId ?? 0;
    sendPhoto(tipster, WORDS.caption);
    await nextMatching(h, tipster.id, after, "Đã thêm ảnh (1)");
    after = h.fake.lastMessage(tipster.id)?.messageId ?? 0;
    h.fake.sendLocation({ chatId: tipster.id, from: tipster, latitude: 20.2506, longitude: 105.9745 });
    await nextMatching(h, tipster.id, after, "Đã thêm vị trí");
    const identity = await pressAndWait(h, tipster, media, "Tiếp tục", "ẩn danh");
    await pressAndWait(h, tipster, identity, "Để lại cách liên hệ", "Gõ cách liên hệ");
    const confirm = await say(h, tipster, WORDS.contact, "quản lý");
    const receipt = await pressAndWait(h, tipster, confirm, "📮", /đã nhận[\s\S]*TG-/);
    code = trackingCode(receipt);

    // Nobody takes it in Tổ 1: it goes up to the ward, whose officer handles it.
    const card = await h.fake.waitForMessage(
      wardOfficer.id,
      (m) => m.plainText.includes(`Tin tố giác ${code}`) && m.plainText.includes("Chuyển lên"),
      WAIT_MS,
    );
    await pressAndWait(h, wardOfficer, card, "Tiếp nhận", `Bạn đã tiếp nhận tin ${code}`);
    await pressAndWait(h, wardOfficer, card, "Hỏi thêm", "Gõ câu hỏi");
    await say(h, wardOfficer, WORDS.question, `Đã gửi tới người báo tin ${code}`);
    await nextMatching(h, tipster.id, 0, WORDS.question);
    await say(h, tipster, WORDS.answer, `Đã chuyển thông tin bổ sung cho tin ${code}`);
    await say(h, tipster, WORDS.followUp, `Đã chuyển thông tin bổ sung cho tin ${code}`);
    after = h.fake.lastMessage(wardOfficer.id)?.messageId ?? 0;
    sendPhoto(tipster);
    await nextMatching(h, wardOfficer.id, after, `Ảnh bổ sung cho tin ${code}`);
    // A voice note is stored like a photo (its kind in front of the file id) and purged with it.
    after = h.fake.lastMessage(wardOfficer.id)?.messageId ?? 0;
    const voice = h.fake.sendClip({ chatId: tipster.id, from: tipster, kind: "voice" });
    voiceIds.push(voice.message?.voice?.file_id ?? "");
    await nextMatching(h, wardOfficer.id, after, `Tin nhắn thoại bổ sung cho tin ${code}`);
    await say(h, wardOfficer, `/traloi ${code} ${WORDS.reply}`, `Đã gửi tới người báo tin ${code}`);
    await nextMatching(h, tipster.id, 0, WORDS.reply);
    await say(h, tipster, `/tracuu ${code}`, WORDS.reply);
    press(h, wardOfficer, card, "Xuất phiếu");
    await h.fake.waitForMessage(wardOfficer.id, (m) => m.document !== undefined && m.plainText.includes(code), WAIT_MS);
    const outcome = await pressAndWait(h, wardOfficer, card, "Đóng", `Kết quả xử lý tin ${code}`);
    await pressAndWait(h, wardOfficer, outcome, "Đã bắt giữ người", "Số người bị bắt giữ");
    await say(h, wardOfficer, "2", `Đã đóng tin ${code}`);
    await nextMatching(h, tipster.id, 0, `Tin ${code} đã được xử lý xong`);

    // A second person's tip stays open: rotation must carry its seal over.
    h.fake.sendText({ chatId: other.id, from: other, text: "/start tip_ninhbinh-p5-to1" });
    const otherStart = await h.fake.waitForMessage(
      other.id,
      (m) => m.plainText.includes("Sự việc thuộc loại nào?"),
      WAIT_MS,
    );
    await pressAndWait(h, other, otherStart, "Khác", "Hãy mô tả sự việc");
    const otherMedia = await say(h, other, WORDS.otherText, "gửi ảnh");
    const otherIdentity = await pressAndWait(h, other, otherMedia, "Tiếp tục", "ẩn danh");
    const otherConfirm = await pressAndWait(h, other, otherIdentity, "Gửi ẩn danh", "quản lý");
    await pressAndWait(h, other, otherConfirm, "📮", /đã nhận[\s\S]*TG-/);

    // A first-time tipster's own rows do not point at the tip's minute: their times are kept to the day.
    const midnight = (date: Date | undefined) => date !== undefined && date.getTime() % 86_400_000 === 0;
    const person = await h.app.db.user.findFirstOrThrow({ where: { platformUserId: String(tipster.id) } });
    const chat = await h.app.db.chat.findFirstOrThrow({ where: { platformChatId: String(tipster.id) } });
    expect([person.createdAt, person.lastSeenAt, chat.createdAt, chat.updatedAt].every(midnight)).toBe(true);

    // The scan finds everything before the purge: it is a scan that can fail.
    const before = await scan(new AesGcmSealer(OLD_KEY));
    const found = new Set(before.map((hit) => hit.needle));
    for (const needle of [
      "text",
      "followUp",
      "caption",
      "answer",
      "reply",
      "contact",
      "tipster id",
      "tipster hash",
      "tipster seal",
      "photo file id 1",
      "photo file id 2",
      "voice file id 1",
    ]) {
      expect(found).toContain(needle);
    }
  }, 180_000);

  it("leaves nothing of the closed tip in any column of any table, and keeps the counts", async () => {
    const oldSealer = new AesGcmSealer(OLD_KEY);
    const tip = await h.app.db.tip.findUniqueOrThrow({ where: { code } });
    // Time passes: the same app with a retention of about a second; the sweep runs as it starts.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const later = await restartWith({ TIP_RETENTION_DAYS: "0.00001", DELIVERY_RETENTION_DAYS: "0.00001" });
    await expect
      .poll(async () => (await later.db.tip.findUniqueOrThrow({ where: { id: tip.id } })).contentDeletedAt, {
        timeout: WAIT_MS,
      })
      .not.toBeNull();
    // The sweep's later steps (the tip's deliveries, then silent people) follow the tip's own purge:
    // wait for the pass to end rather than scanning half-way through it.
    await expect
      .poll(async () => (await scan(oldSealer)).filter((hit) => !hit.needle.startsWith("other")), {
        timeout: WAIT_MS,
        interval: 500,
      })
      .toEqual([]);
    const purged = await later.db.tip.findUniqueOrThrow({ where: { id: tip.id } });
    expect(purged).toMatchObject({
      status: "closed",
      category: "tromcap",
      peopleArrested: 2,
      escalationLevel: 1,
      text: null,
      contact: null,
      latitude: null,
      longitude: null,
      tipsterHash: null,
      sealedTipster: null,
    });
    expect(await later.db.tipMessage.count({ where: { tipId: tip.id } })).toBeGreaterThan(0);
  }, 60_000);

  it("after `admin rotate`, the old key opens nothing in the database", async () => {
    await restartWith({ TIP_SEAL_KEY: NEW_KEY, TIP_SEAL_KEYS_OLD: [OLD_KEY] });
    const out = execFileSync(process.execPath, ["--import", "tsx", "src/admin/cli.ts", "rotate"], {
      cwd: new URL("../../", import.meta.url).pathname,
      env: { ...process.env, DATABASE_URL: h.databaseUrl, TIP_SEAL_KEY: NEW_KEY, TIP_SEAL_KEYS_OLD: OLD_KEY },
      encoding: "utf8",
    });
    expect(out).toContain("unreadable: 0");
    const openedByOld = await scan(new AesGcmSealer(OLD_KEY));
    expect(openedByOld.filter((hit) => hit.needle.endsWith("seal") || hit.needle.startsWith("other hash"))).toEqual([]);
    // The open tip is still reachable under the new key.
    const stillThere = await scan(new AesGcmSealer(NEW_KEY));
    expect(stillThere.some((hit) => hit.needle === "other seal")).toBe(true);
  }, 90_000);
});

function scan(sealer: AesGcmSealer): Promise<ScanHit[]> {
  // Keyed hashes under the old key: a dump and the key must not match a tip to a person either.
  const oldSealer = new AesGcmSealer(OLD_KEY);
  const tipsterHash = oldSealer.hash(`telegram:${tipster.id}`);
  return scanDatabase({
    databaseUrl: h.databaseUrl,
    strings: {
      text: WORDS.text,
      followUp: WORDS.followUp,
      caption: WORDS.caption,
      question: WORDS.question,
      answer: WORDS.answer,
      reply: WORDS.reply,
      "tipster id": String(tipster.id),
      "tipster name": tipster.first_name,
      "tipster username": tipster.username ?? "",
      contact: WORDS.contact,
      "tipster hash": tipsterHash,
      "tipster flow key": `dm:${tipsterHash}`,
      "other hash (old key)": oldSealer.hash(`telegram:${other.id}`),
      ...Object.fromEntries(photoIds.map((id, i) => [`photo file id ${i + 1}`, id])),
      ...Object.fromEntries(voiceIds.map((id, i) => [`voice file id ${i + 1}`, id])),
    },
    bytes: Object.fromEntries(photoBytes.map((b, i) => [`photo bytes ${i + 1}`, b])),
    seals: [
      { needle: "tipster seal", opensTo: `telegram:${tipster.id}` },
      { needle: "other seal", opensTo: `telegram:${other.id}` },
    ],
    sealer,
  });
}
