/**
 * DESIGN.md §8, tips in a burst: an officer's private chat takes about one message a second, so the
 * cards waiting for one officer are merged into digest messages, each tip with its own buttons —
 * every tip exactly once, nothing lost across a restart with Redis wiped. Driven over HTTP through
 * the fake Telegram server with real Postgres and Redis; the digest's size limits are checked on the
 * digester itself with the real translator.
 */
import { isPrivacyNotice, sendQuickTip } from "../support/quick-tip.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import pino from "pino";
import { startApp } from "../../src/app.js";
import { escapeHtml, Translator } from "../../src/core/i18n.js";
import type { OutboundMessage } from "../../src/core/messages.js";
import { OfficerDigester } from "../../src/modules/tips/officer-digest.js";
import type { TipRecord } from "../../src/modules/tips/types.js";
import type { StoredMessage } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import {
  createAreas,
  lastId,
  makeOfficer,
  nextMatching,
  RECEIPT,
  registerGroup,
  TIP_CODE,
  trackingCode,
  until,
  WAIT_MS,
} from "../tips/support.js";
import { testRedisUrl } from "../support/backends.js";

const officer: FakeUserInput = { id: 5_400_000_001, first_name: "Lan", language_code: "vi" };
const GROUP = -1_001_500_000_040;
const residents: FakeUserInput[] = Array.from({ length: 40 }, (_, i) => ({
  id: 6_400_000_000 + i,
  first_name: `Cư dân ${i}`,
  language_code: "vi",
}));
const burst = residents.slice(0, 30);
const later = residents.slice(30);

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ zalo: true });
  await createAreas(h);
  await makeOfficer(h, officer, "phuly.minhkhai");
  await registerGroup(h, { groupId: GROUP, officer, areaCode: "phuly.minhkhai.to5", members: [] });
  // Every resident is seen in the group, so `/togiac <text>` files the tip at once.
  for (const resident of residents) {
    h.fake.addPrivateChatUser(resident);
    h.fake.sendText({ chatId: GROUP, from: resident, text: "Chào cả nhà" });
  }
  await until(
    async () =>
      (await h.app.db.chatMember.count({ where: { chat: { platformChatId: String(GROUP) } } })) >= residents.length,
    60_000,
  );
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

/**
 * Each person's first tip: `/togiac <text>` brings the privacy notice; resolves with the notices, so
 * that the presses of "📮 Gửi tin" (which file the tips) can come as a burst.
 */
async function readNotices(
  people: readonly FakeUserInput[],
  textOf: (person: FakeUserInput, i: number) => string,
): Promise<StoredMessage[]> {
  for (const [i, person] of people.entries())
    h.fake.sendText({ chatId: person.id, from: person, text: `/togiac ${textOf(person, i)}` });
  return Promise.all(people.map((person) => h.fake.waitForMessage(person.id, isPrivacyNotice, 60_000)));
}

/** Presses "📮 Gửi tin" on each notice, `gapMs` apart. */
async function sendAfterNotices(
  people: readonly FakeUserInput[],
  notices: readonly StoredMessage[],
  gapMs: number,
): Promise<void> {
  for (const [i, person] of people.entries()) {
    const notice = notices[i];
    if (!notice) throw new Error("no notice");
    h.fake.pressButton({
      chatId: person.id,
      from: person,
      messageId: notice.messageId,
      data: notice.buttons.find((b) => b.text.includes("📮"))?.callback_data ?? "",
    });
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
}

/** Bot messages in the officer's chat that name any of these codes. */
function officerMessagesNaming(codes: readonly string[]): StoredMessage[] {
  return h.fake.messagesIn(officer.id).filter((m) => codes.some((code) => m.plainText.includes(code)));
}

/** The officer presses the digest's button with this callback data; resolves with the bot's next matching message. */
async function pressData(digest: StoredMessage, data: string, match: string): Promise<StoredMessage> {
  const after = lastId(h, officer.id);
  h.fake.pressButton({ chatId: officer.id, from: officer, messageId: digest.messageId, data });
  return nextMatching(h, officer.id, after, match);
}

/** Waits until every code has reached the officer; then checks each one did exactly once. */
async function everyCodeOnce(codes: readonly string[], timeoutMs: number): Promise<StoredMessage[]> {
  await until(async () => codes.every((code) => officerMessagesNaming([code]).length > 0), timeoutMs);
  // A moment more, so a duplicate would have time to show.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  for (const code of codes) expect(officerMessagesNaming([code]), code).toHaveLength(1);
  return officerMessagesNaming(codes);
}

describe("a burst of tips reaches the officer as a few digests", () => {
  const codes: string[] = [];
  let messages: StoredMessage[] = [];

  it("sends 30 tips from 30 residents within two seconds as far fewer than 30 messages, each tip exactly once", async () => {
    const notices = await readNotices(burst, (_, i) =>
      i % 3 === 1
        ? `Tin thứ ${i}: người lạ <b>dò xét</b> cổng sau\nĐi xe máy biển 90B${i}, đội mũ đỏ`
        : `Tin thứ ${i}: người lạ dò xét nhà số ${i} & ngõ 3`,
    );
    await sendAfterNotices(burst, notices, 60);
    for (const resident of burst) codes.push(trackingCode(await nextMatching(h, resident.id, 0, RECEIPT, 60_000)));
    expect(new Set(codes).size).toBe(30);

    messages = await everyCodeOnce(codes, 60_000);
    // One card each would be 30 messages, ~39 s at a private chat's pace (speed itself is for `npm run bench`).
    expect(messages.length).toBeLessThanOrEqual(10);
    const digests = messages.filter((m) => m.plainText.includes("tin tố giác mới"));
    expect(digests.length).toBeGreaterThanOrEqual(1);

    for (const digest of digests) {
      const listed = [...digest.plainText.matchAll(new RegExp(TIP_CODE, "g"))].map((m) => m[0]);
      expect(digest.plainText).toContain(`${listed.length} tin tố giác mới`);
      expect(digest.plainText.length).toBeLessThanOrEqual(4096);
      expect(digest.buttons.length).toBeLessThanOrEqual(100);
      const tips = await h.app.db.tip.findMany({ where: { code: { in: listed } } });
      for (const tip of tips) {
        for (const verb of ["take", "val", "ask", "close"])
          expect(
            digest.buttons.some((b) => b.callback_data === `tip:${verb}:${tip.id}`),
            `${verb} ${tip.code}`,
          ).toBe(true);
      }
    }
    // User text is escaped and shown as typed.
    const fourth = messages.find((m) => m.plainText.includes(codes[4] ?? "?"));
    expect(fourth?.plainText).toContain("Tin thứ 4: người lạ <b>dò xét</b> cổng sau");
    expect(fourth?.text).toContain("&lt;b&gt;dò xét&lt;/b&gt;");
    expect(messages.some((m) => m.plainText.includes("nhà số 3 & ngõ 3"))).toBe(true);
    expect(h.fake.calls.filter((c) => c.method === "sendMessage" && c.status === 429)).toHaveLength(0);
  }, 120_000);

  it("records every merged card as sent, with the digest's message id", async () => {
    const tips = await h.app.db.tip.findMany({ where: { code: { in: codes } } });
    const cards = await h.app.db.delivery.findMany({
      where: { OR: tips.map((tip) => ({ key: { startsWith: `tip:${tip.id}:officer:` } })) },
    });
    expect(cards).toHaveLength(30);
    expect(cards.every((card) => card.status === "sent")).toBe(true);
    const shown = new Set(messages.map((m) => String(m.messageId)));
    for (const card of cards) expect(shown.has(card.platformMessageId ?? "")).toBe(true);
    expect(tips.every((tip) => tip.status === "forwarded")).toBe(true);
  });

  it("tells every tipster their code once and that the tip was passed on", async () => {
    for (const [i, resident] of burst.entries()) {
      const code = codes[i] ?? "?";
      await nextMatching(h, resident.id, 0, `Tin ${code} đã được chuyển tới cán bộ`);
      expect(h.fake.messagesIn(resident.id).filter((m) => RECEIPT.test(m.plainText))).toHaveLength(1);
    }
  });

  it("lets the officer take one tip from a digest: the officer and the tipster are told, as with a single card", async () => {
    const digest = messages.find((m) => m.plainText.includes("tin tố giác mới"));
    // The second tip the digest lists (the first card of a burst goes alone, before any digest).
    const code = [...(digest?.plainText ?? "").matchAll(new RegExp(TIP_CODE, "g"))][1]?.[0];
    if (!digest || !code) throw new Error("no digest with two tips");
    const tipster = burst[codes.indexOf(code)];
    const tip = await h.app.db.tip.findUniqueOrThrow({ where: { code } });
    const button = digest.buttons.find((b) => b.callback_data === `tip:take:${tip.id}`);
    expect(button?.text).toMatch(/^\d+ · ✋ Tiếp nhận$/);
    const taken = await pressData(digest, `tip:take:${tip.id}`, `Bạn đã tiếp nhận tin ${code}`);
    expect(taken.plainText).toContain("/traloi");
    await nextMatching(h, tipster?.id ?? 0, 0, `Tin ${code} đã được cán bộ tiếp nhận`);
    expect((await h.app.db.tip.findUniqueOrThrow({ where: { code } })).status).toBe("taken");
    // The other tips of the digest are untouched.
    expect(await h.app.db.tip.count({ where: { code: { in: codes }, status: "taken" } })).toBe(1);
  });

  it("opens the full card of a tip whose first line was not the whole text", async () => {
    const digest = messages.find((m) => m.buttons.some((b) => b.callback_data?.startsWith("tip:show:")));
    const show = digest?.buttons.find((b) => b.callback_data?.startsWith("tip:show:"));
    if (!digest || !show) throw new Error('no "Xem đủ" in any digest');
    expect(show.text).toMatch(/^\d+ · 📄 Xem đủ$/);
    const tip = await h.app.db.tip.findUniqueOrThrow({ where: { id: Number(show.callback_data?.split(":")[2]) } });
    expect(digest.plainText).not.toContain(`90B${codes.indexOf(tip.code)}`);
    const card = await pressData(digest, show.callback_data ?? "?", `Tin tố giác ${tip.code}`);
    expect(card.plainText).toContain(`Đi xe máy biển 90B${codes.indexOf(tip.code)}, đội mũ đỏ`);
    expect(card.buttons.map((b) => b.text)).toEqual([
      "✋ Tiếp nhận",
      "⭐ Có giá trị",
      "❓ Hỏi thêm",
      "✅ Đóng",
      "📄 Xuất phiếu (sổ tiếp nhận)",
    ]);
  });

  it("still sends a lone tip as the single card", async () => {
    const resident = later[0];
    if (!resident) throw new Error("no resident");
    const after = lastId(h, officer.id);
    const code = trackingCode((await sendQuickTip(h, resident, "Một tin lẻ: cháy nhỏ ở bãi rác")).receipt);
    const card = await nextMatching(h, officer.id, after, `Tin tố giác ${code}`);
    expect(card.buttons.map((b) => b.text)).toEqual([
      "✋ Tiếp nhận",
      "⭐ Có giá trị",
      "❓ Hỏi thêm",
      "✅ Đóng",
      "📄 Xuất phiếu (sổ tiếp nhận)",
    ]);
    expect(card.plainText).not.toContain("tin tố giác mới");
  });
});

describe("a restart with Redis wiped while tips wait", () => {
  it("neither loses nor repeats a tip: the waiting cards arrive as digests, each once", async () => {
    const waiting = later.slice(1, 9);
    const notices = await readNotices(waiting, (resident) => `Tin chờ của ${resident.first_name}: trộm chó ban đêm`);
    await h.app.stop();
    // Only inbound: tips are filed, nothing is forwarded or sent.
    const inbound = await startApp(
      { ...h.config, KENG_ROLES: ["inbound"] },
      { logger: pino({ level: "silent" }), skipMigrations: true },
    );
    await sendAfterNotices(waiting, notices, 0);
    await until(async () => (await inbound.db.tip.count({ where: { status: "received" } })) === waiting.length);
    const codes = (await inbound.db.tip.findMany({ where: { status: "received" } })).map((tip) => tip.code);
    await inbound.stop();
    const redis = new Redis(testRedisUrl);
    try {
      const keys = await redis.keys(`${h.config.QUEUE_PREFIX}:*`);
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      await redis.quit();
    }

    await h.restart();
    const messages = await everyCodeOnce(codes, WAIT_MS * 2);
    expect(messages.length).toBeLessThan(codes.length);
    expect(messages.some((m) => m.plainText.includes("tin tố giác mới"))).toBe(true);
    for (const resident of waiting) {
      await nextMatching(h, resident.id, 0, RECEIPT);
      await nextMatching(h, resident.id, 0, "đã được chuyển tới cán bộ");
      expect(h.fake.messagesIn(resident.id).filter((m) => RECEIPT.test(m.plainText))).toHaveLength(1);
    }
  }, 90_000);
});

describe("a burst for an officer on Zalo, which has no buttons", () => {
  const zaloOfficer = { id: "5004444444444444444", displayName: "Cán bộ Hòa" };
  const LAMHA_GROUP = -1_001_500_000_041;
  const lamha: FakeUserInput[] = Array.from({ length: 6 }, (_, i) => ({
    id: 6_410_000_000 + i,
    first_name: `Dân Lam Hạ ${i}`,
    language_code: "vi",
  }));
  const zalo = () => {
    if (!h.zalo) throw new Error("the Zalo fake is not running");
    return h.zalo;
  };
  const zaloSay = async (text: string, match: string) => {
    const seen = new Set(
      zalo()
        .messagesIn(zaloOfficer.id)
        .map((m) => m.messageId),
    );
    zalo().sendText({ chatId: zaloOfficer.id, chatType: "PRIVATE", from: zaloOfficer, text });
    return zalo().waitForMessage(zaloOfficer.id, (m) => !seen.has(m.messageId) && m.plainText.includes(match), WAIT_MS);
  };

  it("lists the tips with one numbered choice each, which opens the card with its numbered actions", async () => {
    h.fake.sendText({ chatId: SUPERADMIN.id, from: SUPERADMIN, text: "/themkhuvuc phuly.lamha Phường Lam Hạ" });
    await until(async () => (await h.app.db.area.count({ where: { code: "phuly.lamha" } })) === 1);
    zalo().addUser({ id: zaloOfficer.id, displayName: zaloOfficer.displayName });
    const after = lastId(h, SUPERADMIN.id);
    h.fake.sendText({ chatId: SUPERADMIN.id, from: SUPERADMIN, text: "/moi officer phuly.lamha" });
    const invite = await nextMatching(h, SUPERADMIN.id, after, "/thamgia");
    await zaloSay(`/thamgia ${/\/thamgia ([A-Z0-9]+)/.exec(invite.plainText)?.[1] ?? ""}`, "cán bộ");
    await registerGroup(h, { groupId: LAMHA_GROUP, officer: SUPERADMIN, areaCode: "phuly.lamha", members: lamha });

    await sendAfterNotices(
      lamha,
      await readNotices(lamha, (resident) => `Lam Hạ: ${resident.first_name} thấy đánh bạc ở bờ sông`),
      0,
    );
    const codes: string[] = [];
    for (const resident of lamha) codes.push(trackingCode(await nextMatching(h, resident.id, 0, RECEIPT)));
    const naming = (code: string) =>
      zalo()
        .messagesIn(zaloOfficer.id)
        .filter((m) => m.plainText.includes(code));
    await until(async () => codes.every((code) => naming(code).length > 0), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const code of codes) expect(naming(code), code).toHaveLength(1);
    const digests = zalo()
      .messagesIn(zaloOfficer.id)
      .filter((m) => m.plainText.includes("tin tố giác mới"));
    expect(digests.length).toBeGreaterThan(0);
    for (const digest of digests) {
      expect(digest.plainText.length).toBeLessThanOrEqual(2000);
      expect(digest.plainText).not.toContain("<b>");
    }

    // A bare number presses a choice of the chat's newest list only. The burst may end with a digest
    // (whose numbered choice opens a card) or with a lone tip's own card.
    const newest = zalo()
      .messagesIn(zaloOfficer.id)
      .filter((m) => codes.some((c) => m.plainText.includes(c)))
      .at(-1);
    if (!newest) throw new Error("no tip on Zalo");
    const code = codes.find((c) => newest.plainText.includes(c)) ?? "?";
    const choice = new RegExp(`^(\\d+) — 📄 Mở tin ${code}$`, "m").exec(newest.plainText)?.[1];
    const card = choice ? await zaloSay(choice, `Tin tố giác ${code}`) : newest;
    const take = /^(\d+) — ✋ Tiếp nhận$/m.exec(card.plainText)?.[1];
    if (!take) throw new Error(`no numbered action in: ${card.plainText}`);
    const taken = await zaloSay(take, `Bạn đã tiếp nhận tin ${code}`);
    expect(taken.plainText).toContain("/traloi");
    expect((await h.app.db.tip.findUniqueOrThrow({ where: { code } })).status).toBe("taken");
  }, 120_000);
});

describe("the digest's limits", () => {
  let translator: Translator;
  const tips = new Map<number, TipRecord>();
  const area = { id: 1, code: "phuly.minhkhai.to5", name: "Tổ dân phố số 5 <&>", parentId: null };
  const tipOf = (id: number, text: string): TipRecord => ({
    id,
    code: `TG-AAA${String(id).padStart(3, "2")}`,
    kind: "crime",
    area,
    category: "matuy",
    text,
    anonymous: true,
    contact: null,
    location: null,
    status: "forwarded",
    sealedTipster: "s",
    tipsterHash: "h",
    handlingAreaId: 1,
    escalationLevel: 0,
    escalateAt: null,
    takenById: null,
    valuable: false,
    createdAt: new Date(),
    closedAt: null,
    outcome: { caseOpened: false, peopleArrested: 0, assetsRecovered: 0n },
  });
  const card: OutboundMessage = { locale: "vi", text: { raw: "card" } };
  const candidates = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      id: BigInt(i + 1),
      source: { kind: "tipCard", id: i + 1, level: 0 } as const,
      message: card,
    }));
  let digester: OfficerDigester;

  beforeAll(async () => {
    translator = await Translator.create("vi");
    for (let id = 1; id <= 60; id++) tips.set(id, tipOf(id, id % 2 ? "ngắn" : `${"<&> dài ".repeat(40)}\nthêm`));
    digester = new OfficerDigester({
      tips: {
        findForDigest: async (ids) =>
          ids.flatMap((id) => (tips.has(id) ? [{ tip: tips.get(id) as TipRecord, photos: 0 }] : [])),
      },
      settings: { escalateMinutes: 30 },
      measure: (text, locale) => translator.render(text, locale, escapeHtml).length,
    });
  });

  it("never merges a card an officer asked for, and sends a lone card unchanged", async () => {
    expect(digester.accepts({ kind: "tipCard", id: 3, level: 0 }, "telegram")).toBe(true);
    expect(digester.accepts({ kind: "tipCard", id: 3, level: 1 }, "zalo")).toBe(true);
    // The card an officer asked for, and a card's photos, carry the tip itself as their source.
    expect(digester.accepts({ kind: "tip", id: 3 }, "telegram")).toBe(false);
    expect(digester.accepts(null, "telegram")).toBe(false);
    const [first] = candidates(1);
    if (!first) throw new Error("no candidate");
    expect(await digester.digest({ platform: "telegram", first, others: [] })).toBeNull();
  });

  it("splits 60 waiting tips into digests under 4,096 characters and 100 buttons on Telegram", async () => {
    let rest = candidates(60);
    const sizes: number[] = [];
    while (rest.length > 1) {
      const [first, ...others] = rest;
      if (!first) break;
      const digest = await digester.digest({ platform: "telegram", first, others });
      if (!digest) throw new Error("no digest");
      expect(translator.render(digest.message.text, "vi", escapeHtml).length).toBeLessThanOrEqual(4096);
      expect(digest.message.buttons?.flat().length ?? 0).toBeLessThanOrEqual(100);
      sizes.push(digest.covered.length + 1);
      rest = rest.filter((c) => c.id !== first.id && !digest.covered.includes(c.id));
    }
    expect(sizes.reduce((a, b) => a + b, 0) + rest.length).toBe(60);
    expect(sizes.length).toBeLessThanOrEqual(5);
  });

  it("offers the full card for a short tip whose tipster left contact details", async () => {
    tips.set(61, { ...tipOf(61, "ngắn"), anonymous: false, contact: "Chú Ba, 0912 345 678" });
    const [first] = candidates(1);
    if (!first) throw new Error("no candidate");
    const digest = await digester.digest({
      platform: "telegram",
      first,
      others: [{ id: 61n, source: { kind: "tipCard", id: 61, level: 1 }, message: card }],
    });
    const buttons = digest?.message.buttons?.flat().flatMap((b) => ("callback" in b ? [b.callback] : [])) ?? [];
    expect(buttons).toContain("tip:show:61");
    expect(buttons).not.toContain("tip:show:1");
    const text = translator.render(digest?.message.text ?? { raw: "" }, "vi", escapeHtml);
    expect(text).toContain("📞 có liên hệ");
    expect(text).toContain("⏫ chuyển lên sau 30 phút");
    expect(text).not.toContain("0912");
  });

  it("gives each tip one numbered choice that opens its card on Zalo, under 2,000 characters", async () => {
    const [first, ...others] = candidates(40);
    if (!first) throw new Error("no candidate");
    const digest = await digester.digest({ platform: "zalo", first, others });
    if (!digest) throw new Error("no digest");
    const buttons = digest.message.buttons?.flat() ?? [];
    expect(buttons).toHaveLength(digest.covered.length + 1);
    expect(buttons.every((b) => "callback" in b && /^tip:show:\d+$/.test(b.callback))).toBe(true);
    const shown = translator.render(digest.message.text, "vi", escapeHtml).length + buttons.length * 40;
    expect(shown).toBeLessThanOrEqual(2000);
  });
});
