/**
 * Issue 15, first contact: `/start`, a greeting or text the bot does not understand gets a short
 * welcome with buttons (numbered lines on Zalo) for what this person can do; typed words without a
 * slash reach the same places as the commands; the bot speaks Vietnamese to a client that says `en`
 * until the person taps "🇬🇧 English"; `/trogiup` is short, the full list one tap further.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredMessage } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";

const officer: FakeUserInput = { id: 9_160_000_001, first_name: "Lan", language_code: "vi" };
const resident: FakeUserInput = { id: 9_160_000_002, first_name: "Bà Tư", language_code: "vi" };
const english: FakeUserInput = { id: 9_160_000_003, first_name: "Anna", language_code: "en" };
const zaloElder = { id: "5001600000000000004", displayName: "Ông Năm" };

let h: Harness;
let nextId = 9_160_000_100;

/** A person who never wrote to the bot (an app in English, as most Vietnamese Telegram users have). */
function newcomer(): FakeUserInput {
  const user = { id: nextId++, first_name: "Khách", language_code: "en" };
  h.fake.addPrivateChatUser(user);
  return user;
}

const labels = (m: StoredMessage) => m.buttons.map((b) => b.text);

async function press(user: FakeUserInput, message: StoredMessage, label: string): Promise<StoredMessage> {
  const button = message.buttons.find((b) => b.text === label);
  if (!button?.callback_data) throw new Error(`no button ${label} in: ${labels(message).join(" | ")}`);
  const after = h.fake.lastMessage(user.id)?.messageId ?? 0;
  h.fake.pressButton({ chatId: user.id, from: user, messageId: message.messageId, data: button.callback_data });
  return h.fake.waitForMessage(user.id, (m) => m.messageId > after);
}

const zalo = () => {
  if (!h.zalo) throw new Error("zalo fake not started");
  return h.zalo;
};
const zaloSay = (text: string) => {
  const seen = new Set(
    zalo()
      .messagesIn(zaloElder.id)
      .map((m) => m.messageId),
  );
  zalo().sendText({ chatId: zaloElder.id, chatType: "PRIVATE", from: zaloElder, text });
  return zalo().waitForMessage(zaloElder.id, (m) => !seen.has(m.messageId), 15_000);
};

beforeAll(async () => {
  h = await startHarness({ zalo: true });
  for (const u of [SUPERADMIN, officer, resident, english]) h.fake.addPrivateChatUser(u);
  zalo().addUser(zaloElder);
  await h.dm(SUPERADMIN, "/themkhuvuc hue Thành phố Huế");
  await h.dm(SUPERADMIN, "/themkhuvuc hue.p1 Phường Phú Hội");
  const invite = await h.dm(SUPERADMIN, "/moi officer hue.p1");
  await h.dm(officer, `/thamgia ${/\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? ""}`);
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

const RESIDENT_BUTTONS = [
  "📮 Báo tin cho công an (giữ kín)",
  "🔔 Nhận tiếng kẻng khu vực tôi ở",
  "🔎 Tin tôi đã gửi",
  "✅ Kiểm tra tin thật hay giả",
  "📚 Câu hỏi pháp luật",
  "❓ Trợ giúp",
];

describe("the welcome", () => {
  it("answers /start with a short welcome, 113, and a button for each thing a resident can do", async () => {
    const welcome = await h.dm(resident, "/start");
    expect(welcome.plainText).toContain("Xin chào");
    expect(welcome.plainText).toContain("113");
    expect(labels(welcome)).toEqual(RESIDENT_BUTTONS);
  });

  it("answers text it does not understand with the same buttons, not a bare hint", async () => {
    const reply = await h.dm(resident, "Con mèo nhà tôi đi lạc");
    expect(reply.plainText).toContain("Kẻng chưa hiểu tin nhắn này");
    expect(labels(reply)).toEqual(RESIDENT_BUTTONS);
  });

  it("shows an officer their own work first: strike the gong, open tips, status", async () => {
    const welcome = await h.dm(officer, "/start");
    expect(labels(welcome).slice(0, 3)).toEqual(["🔔 Đánh kẻng", "📥 Tin tố giác đang mở", "📊 Tình trạng tiếng kẻng"]);
    expect(labels(welcome).slice(3)).toEqual(RESIDENT_BUTTONS);
  });

  it("runs the same use case as the command when a button is pressed", async () => {
    const welcome = await h.dm(resident, "/start");
    const quiz = await press(resident, welcome, "📚 Câu hỏi pháp luật");
    expect(quiz.plainText).toContain("Câu hỏi pháp luật");
    const other = newcomer();
    const tipFlow = await press(other, await h.dm(other, "/start"), "📮 Báo tin cho công an (giữ kín)");
    expect(tipFlow.plainText).toBe((await h.dm(newcomer(), "/togiac")).plainText);
  });

  it("answers a command it does not have with the welcome's buttons", async () => {
    const reply = await h.dm(resident, "/baotin");
    expect(reply.plainText).toContain("Kẻng chưa có lệnh /baotin");
    expect(labels(reply)).toEqual(RESIDENT_BUTTONS);
  });

  it("prints the choices as numbered lines on Zalo, and a number picks one", async () => {
    const welcome = await zaloSay("Xin chào");
    expect(welcome.plainText).toContain("Xin chào");
    expect(welcome.plainText).toContain("1 — 📮 Báo tin cho công an (giữ kín)");
    expect(welcome.plainText).toContain("6 — ❓ Trợ giúp");
    const help = await zaloSay("6");
    expect(help.plainText).toContain("Kẻng giúp bạn");
  });
});

describe("Vietnamese first", () => {
  it("speaks Vietnamese to a client that says en, offers English once, and switches when tapped", async () => {
    const welcome = await h.dm(english, "/start");
    expect(welcome.plainText).toContain("Xin chào");
    expect(labels(welcome)).toContain("🇬🇧 English");
    expect((await h.dm(english, "/trogiup")).plainText).toContain("Kẻng giúp bạn");
    const second = await h.dm(english, "/start");
    expect(second.plainText).toContain("Xin chào");
    expect(labels(second)).not.toContain("🇬🇧 English");
    const done = await press(english, welcome, "🇬🇧 English");
    expect(done.plainText).toContain("Language set to English");
    const again = await h.dm(english, "/start");
    expect(again.plainText).toContain("Hello");
    expect(labels(again)).not.toContain("🇬🇧 English");
    expect(labels(again)).toContain("📮 Report to the police (in confidence)");
  });

  it("does not offer English to a client that says vi", async () => {
    expect(labels(await h.dm(resident, "/start"))).not.toContain("🇬🇧 English");
  });
});

describe("typed words without a slash", () => {
  /** The keyword (from one newcomer) and the command (from another) get the same answer. */
  async function sameAs(typed: string, command: string): Promise<StoredMessage> {
    const byWords = await h.dm(newcomer(), typed);
    const byCommand = await h.dm(newcomer(), command);
    expect(byWords.plainText, typed).toBe(byCommand.plainText);
    expect(labels(byWords), typed).toEqual(labels(byCommand));
    return byWords;
  }

  it("reach the tip mailbox: to giac, tố giác, báo tin", async () => {
    await sameAs("báo tin", "/togiac");
    await sameAs("Bao tin", "/togiac");
    // With text the tip is taken at once (here the newcomer is first asked which area).
    await sameAs(
      "tố giác có người lạ hay tụ tập ở cuối ngõ 7 ban đêm",
      "/togiac có người lạ hay tụ tập ở cuối ngõ 7 ban đêm",
    );
    await sameAs(
      "TO GIAC: có người lạ hay tụ tập ở cuối ngõ 7 ban đêm",
      "/togiac có người lạ hay tụ tập ở cuối ngõ 7 ban đêm",
    );
  });

  it("reach lookup, follow, verify and help", async () => {
    await sameAs("tra cuu TG-7K3F9Q", "/tracuu TG-7K3F9Q");
    await sameAs("Tra cứu TG-7K3F9Q", "/tracuu TG-7K3F9Q");
    await sameAs("theo doi hue.p1", "/theodoi hue.p1");
    await sameAs("Theo dõi", "/theodoi");
    await sameAs("kiem tra", "/kiemtra");
    await sameAs("Kiểm tra 7KQ-2FD", "/kiemtra 7KQ-2FD");
    await sameAs("giup", "/trogiup");
    await sameAs("Trợ giúp", "/trogiup");
  });

  it("greetings and 'menu' get the welcome", async () => {
    await sameAs("Xin chào", "/start");
    await sameAs("chào bạn", "/start");
    await sameAs("menu", "/start");
  });

  it("only at the start of a message", async () => {
    expect((await h.dm(newcomer(), "hôm nay tôi muốn báo tin")).plainText).toContain("Kẻng chưa hiểu tin nhắn này");
  });
});

describe("/trogiup", () => {
  it("is short, with buttons, and the full list is one tap further", async () => {
    const help = await h.dm(officer, "/trogiup");
    expect(help.plainText).toContain("Kẻng giúp bạn");
    expect(help.plainText).toContain("🔔 Đánh kẻng — /keng");
    expect(help.plainText).not.toContain("/thamgia");
    expect(labels(help)).toContain("📋 Tất cả lệnh");
    const full = await press(officer, help, "📋 Tất cả lệnh");
    expect(full.plainText).toContain("Các lệnh bạn dùng được");
    expect(full.plainText).toContain("/thamgia");
    expect((await h.dm(officer, "/trogiup all")).plainText).toBe(full.plainText);
  });
});

describe("/bothedoi without an area", () => {
  it("lists the areas this person hears as buttons, and one press stops one", async () => {
    const person = newcomer();
    expect((await h.dm(person, "/bothedoi")).plainText).toContain("Bạn chưa theo dõi khu vực nào");
    const followed = await h.dm(person, "/theodoi Phú Hội");
    expect(followed.plainText).toContain("Bạn sẽ nhận tiếng kẻng của Phường Phú Hội");
    expect(followed.plainText).not.toContain("/bothedoi");
    expect(labels(followed)).toEqual(["🔕 Thôi nhận: Phường Phú Hội"]);
    const list = await h.dm(person, "/bothedoi");
    expect(labels(list)).toEqual(["🔕 Thôi nhận: Phường Phú Hội"]);
    expect((await press(person, list, "🔕 Thôi nhận: Phường Phú Hội")).plainText).toContain(
      "Bạn sẽ không nhận tiếng kẻng của Phường Phú Hội",
    );
    const none = await h.dm(person, "/bothedoi");
    expect(none.plainText).toContain("Bạn chưa theo dõi khu vực nào");
    expect(labels(none)).toEqual(["🔔 Nhận tiếng kẻng khu vực tôi ở"]);
  });
});
