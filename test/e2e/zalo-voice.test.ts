/**
 * Issue 15 on Zalo: a resident who never types a code follows her area by its name, drops a tip with
 * a voice message (`message.voice.received`), and the Telegram officer hears it as a voice note sent
 * by sendVoice — never forwarded; a sticker is answered with what the bot can read. Issue 17: on
 * Zalo neither answer asks for a location, which Zalo cannot send (ZALO.md).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { FakeZaloStoredMessage } from "../../src/sandbox/fake-zalo/types.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import { makeOfficer, nextMatching, WAIT_MS } from "../tips/support.js";

const officer: FakeUserInput = { id: 5_170_000_001, first_name: "Hòa", language_code: "vi" };
const grandma = { id: "5170000000000000001", displayName: "Bà Năm" };
const VOICE_URL = "https://voice-talk.zadn.vn/v1/abcdef0123456789.aac";

let h: Harness;

function zalo() {
  if (!h.zalo) throw new Error("zalo fake not started");
  return h.zalo;
}

/** The next bot message in the Zalo chat whose text holds `match`. */
function nextZalo(match: string, seen: ReadonlySet<string>): Promise<FakeZaloStoredMessage> {
  return zalo().waitForMessage(grandma.id, (m) => !seen.has(m.messageId) && m.plainText.includes(match), WAIT_MS);
}

async function zaloSay(text: string, match: string): Promise<FakeZaloStoredMessage> {
  const seen = new Set(
    zalo()
      .messagesIn(grandma.id)
      .map((m) => m.messageId),
  );
  zalo().sendText({ chatId: grandma.id, chatType: "PRIVATE", from: grandma, text });
  return nextZalo(match, seen);
}

/** The number Zalo printed for the choice whose label holds `label`. */
function numberOf(message: FakeZaloStoredMessage, label: string): string {
  const line = message.plainText.split("\n").find((l) => /^\d+ — /.test(l) && l.includes(label));
  const number = line && /^(\d+)/.exec(line)?.[1];
  if (!number) throw new Error(`no choice "${label}" in: ${message.plainText}`);
  return number;
}

beforeAll(async () => {
  h = await startHarness({ zalo: true });
  h.fake.addPrivateChatUser(SUPERADMIN);
  await h.dm(SUPERADMIN, "/themkhuvuc hanam Tỉnh Hà Nam");
  await h.dm(SUPERADMIN, "/themkhuvuc hanam.lamha Phường Lam Hạ");
  await makeOfficer(h, officer, "hanam.lamha");
  zalo().addUser(grandma);
}, 90_000);

afterAll(async () => {
  await h?.stop();
});

it("follows an area by its name, takes a voice message in the tip flow, and the officer gets it by sendVoice", async () => {
  await zaloSay("/theodoi lam ha", "Bạn sẽ nhận tiếng kẻng của Phường Lam Hạ");
  const start = await zaloSay("/togiac", "Sự việc thuộc loại nào?");
  expect(start.plainText).toContain("Việc khẩn cấp: gọi 113");
  await zaloSay(numberOf(start, "Lừa đảo"), "Hãy mô tả");
  const mediaStep = await zaloSay("Có người gọi điện xưng công an đòi chuyển tiền", "tin nhắn thoại");
  // Zalo sends no locations or videos (ZALO.md): the step asks for neither.
  expect(mediaStep.plainText).toContain("gửi ảnh hoặc tin nhắn thoại");
  expect(mediaStep.plainText).not.toMatch(/vị trí|video/i);

  let seen = new Set(
    zalo()
      .messagesIn(grandma.id)
      .map((m) => m.messageId),
  );
  zalo().sendVoice({ chatId: grandma.id, chatType: "PRIVATE", from: grandma, voiceUrl: VOICE_URL });
  // Only the newest numbered prompt answers a number: this one.
  const media = await nextZalo("Đã thêm tin nhắn thoại (1)", seen);

  const identity = await zaloSay(numberOf(media, "Tiếp tục"), "ẩn danh");
  const confirm = await zaloSay(numberOf(identity, "Gửi ẩn danh"), "Kiểm tra lại");
  expect(confirm.plainText).toContain("Ghi âm/video: 1");
  const officerAfter = h.fake.lastMessage(officer.id)?.messageId ?? 0;
  const receipt = await zaloSay(numberOf(confirm, "Gửi tin"), "Mã theo dõi");
  const code = /TG-[A-Z0-9]{6}/.exec(receipt.plainText)?.[0] ?? "";

  const voice = await nextMatching(h, officer.id, officerAfter, `Tin nhắn thoại của tin ${code}`);
  expect(voice.method).toBe("sendVoice");
  const call = h.fake.calls.find((c) => c.method === "sendVoice");
  expect(call?.params["voice"]).toBe(VOICE_URL);
  expect(h.fake.calls.some((c) => c.method === "forwardMessage")).toBe(false);

  seen = new Set(
    zalo()
      .messagesIn(grandma.id)
      .map((m) => m.messageId),
  );
  zalo().sendSticker({ chatId: grandma.id, chatType: "PRIVATE", from: grandma });
  const unread = await nextZalo("Kẻng chưa đọc được loại tin nhắn này", seen);
  expect(unread.plainText).not.toContain("vị trí");
});
