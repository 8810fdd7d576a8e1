/**
 * Issue 8, hostile input from people, through the fake Telegram server (polling): a few hundred
 * random button presses (callback data) and commands with random arguments, by residents and by
 * superadmins. Telegram speaks UTF-8, so nothing here carries a lone surrogate (fuzz-webhooks.test.ts
 * sends those, escaped in JSON, to the door that can receive them). Every press is answered, every command answered, nothing fails inside (no
 * internal-error reply, no error line, no unhandled rejection), and HTML/entity injection never
 * changes formatting: user text comes back escaped, with the message's own entities only.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput, StoredMessage } from "../../src/sandbox/fake-telegram/types.js";
import { SUPERADMIN, startHarness, type Harness } from "../support/harness.js";
import { sendQuickTip } from "../support/quick-tip.js";
import { anyOf, chance, draw, uniformInt, utf8 } from "./arbitraries.js";
import { captureLogger, LEVEL, until, watchUnhandledRejections, type CapturedLog } from "./support.js";

/** Generous: on a busy shared machine a few hundred answers queue behind the bot-wide rate. */
const WAIT_MS = 75_000;
const GROUP = -1_007_700_000_001;
const officer: FakeUserInput = { id: 7_700_000_001, first_name: "Cán bộ", language_code: "vi" };
const resident: FakeUserInput = { id: 7_700_000_002, first_name: "Cư dân", language_code: "vi" };
const presser = (i: number): FakeUserInput => ({
  id: 7_710_000_000 + i,
  first_name: `Người bấm ${i}`,
  language_code: i % 5 === 0 ? "en" : "vi",
});
const commander = (i: number): FakeUserInput => ({
  id: 7_720_000_000 + i,
  first_name: `Người gõ ${i}`,
  language_code: "vi",
});
/** Every third commander is a superadmin, so privileged parsers see random input too. */
const superCommander = (i: number) => i % 3 === 0;
const injector = (i: number): FakeUserInput => ({
  id: 7_730_000_000 + i,
  first_name: `Quản trị ${i}`,
  language_code: "vi",
});
const COMMANDS_PER_NAME = 3;
const INJECTORS = 24;

/** What an escaped text must come back as, and the formatting it must not gain. */
const INJECTIONS = [
  '<b>bold</b> &amp; <a href="x">',
  "<i>nghiêng</i> và <u>gạch</u>",
  '<a href="tg://user?id=1">bấm vào đây</a>',
  "&lt;b&gt;đã mã hoá&lt;/b&gt;",
  "&#60;b&#62; &#x3C;i&#x3E;",
  "<pre>khối</pre><code>mã</code>",
  "</code></b><b>thoát thẻ",
  "<tg-spoiler>ẩn</tg-spoiler>",
  "<blockquote>trích</blockquote>",
  "\"ngoặc kép\" 'ngoặc đơn'",
  "a < b > c & d",
  "&",
  "&amp;amp;",
  "<script>alert(1)</script>",
  "<b",
  "&#x1F600; &nbsp; &copy;",
  '<span class="tg-spoiler">x</span>',
  '<emoji id="1">👍</emoji>',
  "]]><!-- --><![CDATA[",
  "%3Cb%3E",
];

let h: Harness;
let log: CapturedLog;
const unhandled = watchUnhandledRejections();
const superadmins = [
  SUPERADMIN.id,
  ...Array.from({ length: 200 }, (_, i) => commander(i))
    .filter((_, i) => superCommander(i))
    .map((u) => u.id),
  ...Array.from({ length: INJECTORS }, (_, i) => injector(i).id),
];

async function say(user: FakeUserInput, chatId: number, text: string, match?: RegExp): Promise<StoredMessage> {
  const after = h.fake.lastMessage(chatId)?.messageId ?? 0;
  h.fake.sendText({ chatId, from: user, text });
  return h.fake.waitForMessage(chatId, (m) => m.messageId > after && (!match || match.test(m.plainText)), WAIT_MS);
}

let alertInGroup: StoredMessage;
let quizInGroup: StoredMessage;
let tipCard: StoredMessage;

beforeAll(async () => {
  log = captureLogger("info");
  h = await startHarness({
    logger: log.logger,
    env: { SUPERADMINS: superadmins.map((id) => `telegram:${id}`).join(",") },
  });
  h.fake.setMaxListeners(0);
  await say(SUPERADMIN, SUPERADMIN.id, "/themkhuvuc phuly Thành phố Phủ Lý", /Đã tạo khu vực/);
  await say(SUPERADMIN, SUPERADMIN.id, "/themkhuvuc phuly.minhkhai Phường Minh Khai", /Đã tạo khu vực/);
  const area = await h.app.db.area.findUniqueOrThrow({ where: { code: "phuly.minhkhai" } });
  await h.app.db.invite.create({
    data: { code: "FUZZOFFICER7", role: "officer", areaId: area.id, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  await say(officer, officer.id, "/thamgia FUZZOFFICER7", /Bạn đã nhận vai trò/);
  h.fake.addGroup({ id: GROUP, title: 'Tổ <5> & "bạn"', type: "supergroup" });
  h.fake.setChatAdmin(GROUP, officer.id, true);
  await say(officer, GROUP, "/dangky phuly.minhkhai", /Nhóm đã được liên kết/);
  // Any message in a registered group makes its sender "seen" there: the resident's tips go to this ward.
  h.fake.sendText({ chatId: GROUP, from: resident, text: "Chào cả nhà" });
  await until(
    async () => (await h.app.db.chatMember.count({ where: { user: { platformUserId: String(resident.id) } } })) === 1,
    "the resident to be seen",
  );
  h.fake.sendText({ chatId: officer.id, from: officer, text: "/keng tb Họp tổ dân phố lúc 19h" });
  await sendQuickTip(h, resident, "Có người lạ dò xét nhà số 4");
  alertInGroup = await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes("TIẾNG KẺNG AN NINH"), WAIT_MS);
  [quizInGroup, tipCard] = await Promise.all([
    say(resident, GROUP, "/cauhoi", /Câu hỏi pháp luật/),
    h.fake.waitForMessage(officer.id, (m) => m.plainText.includes("Tin tố giác") && m.buttons.length === 5, WAIT_MS),
  ]);
  for (let i = 0; i < 30; i++) h.fake.addPrivateChatUser(presser(i));
}, 120_000);

afterAll(async () => {
  unhandled.stop();
  await h?.stop();
});

// ── generators ──────────────────────────────────────────────────────────────────────────────

const ODD_IDS = [
  "0",
  "-1",
  "1",
  "2",
  "99999999999",
  "2147483648",
  "1e3",
  "0x1f",
  " 1",
  "1 ",
  "01",
  "1.5",
  "NaN",
  '1;DROP TABLE "Tip"',
  "' OR '1'='1",
  "../",
  "%00",
  "\u0000",
  "١٢",
  "𝟙",
];

const oddId = fc.oneof({ arbitrary: fc.constantFrom(...ODD_IDS), weight: 6 }, { arbitrary: utf8(0, 12), weight: 4 });
const oneOf = (...values: string[]) => fc.constantFrom(...values);

/** Telegram carries at most 64 bytes of callback data. */
function clip64(data: string): string {
  let out = data;
  while (Buffer.byteLength(out) > 64) out = Array.from(out).slice(0, -1).join("");
  return out;
}

const callbackData: fc.Arbitrary<string> = anyOf(
  utf8(0, 64),
  fc
    .tuple(oneOf("take", "val", "ask", "close", "show", "c", "i", "a", "b", "ok", "x", "next", "out"), oddId)
    .map(([verb, id]) => `tip:${verb}:${id}`),
  fc
    .tuple(oddId, anyOf(oneOf("none"), oneOf("case"), oneOf("arrest"), oneOf("assets"), oddId))
    .map(([id, outcome]) => `tip:out:${id}:${outcome}`),
  oddId.map((id) => `ak:${id}`),
  fc.tuple(oddId, oddId).map(([a, b]) => `qz:${a}:${b}`),
  utf8(0, 20).map((text) => `cd:${text}`),
  oddId.map((id) => `expired:${id}`),
  fc
    .tuple(oneOf("tip", "ak", "qz", "cd", "expired"), oneOf("", ":", "::", ":::"))
    .map(([prefix, colons]) => prefix + colons),
).map(clip64);

const STRUCTURED_ARGS: fc.Arbitrary<string>[] = [
  utf8(1, 80).map((text) => `@phuly.minhkhai ${text}`),
  fc
    .tuple(
      oneOf("khan", "cao", "tb", "KHAN"),
      anyOf(oneOf("5m", "0m", "72h", "999999h", "-5m", "1h30m"), utf8(3)),
      utf8(1, 40),
    )
    .map(([level, ttl, text]) => `${level} --het ${ttl} ${text}`),
  fc.tuple(oneOf(...ODD_IDS), utf8(0, 40)).map(([id, text]) => `K${id} ${text}`),
  fc.tuple(utf8(6), utf8(0, 40)).map(([code, text]) => `TG-${code} ${text}`),
  fc.tuple(utf8(1, 10), utf8(0, 30)).map(([child, name]) => `phuly.minhkhai.${child} ${name}`),
  fc
    .tuple(
      oneOf("now", "+30s", "+0m", "daily@25:61", "weekly@xyz@08:00", "2026-02-30T08:00", "9999-12-31T23:59"),
      utf8(1, 60),
    )
    .map(([when, text]) => `phuly.minhkhai ${when} ${text}`),
  fc
    .tuple(oneOf("officer", "admin", "propagandist", "chief"), anyOf(oneOf("phuly"), oneOf("phuly.minhkhai"), utf8(8)))
    .map(([role, area]) => `${role} ${area}`),
  fc.tuple(oneOf("join_", "tip_", "tip", "join"), utf8(0, 40)).map(([prefix, text]) => prefix + text),
  fc
    .tuple(
      anyOf(oneOf("2026-11-01", "01/11/2026", "31/02/2026", "0000-00-00"), utf8(10)),
      anyOf(oneOf("2026-11-30", "1/1/1"), utf8(6)),
    )
    .map(([from, to]) => `phuly.minhkhai ${from} ${to}`),
  utf8(3000, 5000),
  uniformInt(-5, 1_000_000).map(String),
];

const commandArgs = anyOf(anyOf(...STRUCTURED_ARGS), utf8(0, 200));

// ── the tests ───────────────────────────────────────────────────────────────────────────────

describe("random button presses", () => {
  it("answers every one of 300 presses exactly once", async () => {
    const realButtons = [...alertInGroup.buttons, ...quizInGroup.buttons, ...tipCard.buttons].map(
      (b) => b.callback_data ?? "",
    );
    const press = fc.record({
      inGroup: chance(0.4),
      // In a group, mostly on a message that is there.
      onRealMessage: chance(0.7),
      realMessageId: fc.constantFrom(alertInGroup.messageId, quizInGroup.messageId),
      anyMessageId: uniformInt(1, 50),
      data: fc.oneof(
        { arbitrary: fc.constantFrom(...realButtons), weight: 15 },
        { arbitrary: callbackData, weight: 85 },
      ),
    });
    const ids: string[] = [];
    for (const [i, p] of draw(press, 0x70726573, 300).entries()) {
      const user = presser(i % 30);
      const chatId = p.inGroup ? GROUP : user.id;
      const messageId = p.inGroup && p.onRealMessage ? p.realMessageId : p.anyMessageId;
      const update = h.fake.pressButton({ chatId, from: user, messageId, data: p.data || "x" });
      ids.push(update.callback_query?.id ?? "");
    }
    await expect
      .poll(() => h.fake.callbackAnswers.filter((a) => ids.includes(a.callbackQueryId)).length, {
        timeout: WAIT_MS,
        interval: 250,
      })
      .toBe(300);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const perId = new Map<string, number>();
    for (const a of h.fake.callbackAnswers)
      if (ids.includes(a.callbackQueryId)) perId.set(a.callbackQueryId, (perId.get(a.callbackQueryId) ?? 0) + 1);
    expect([...perId.values()].filter((n) => n !== 1)).toEqual([]);
  }, 90_000);
});

describe("random command arguments", () => {
  it("answers every command, by residents and superadmins, in private and in a group", async () => {
    const names = h.app.commandNames;
    const inputs = draw(
      fc.record({ group: chance(0.1), mention: chance(0.5), args: commandArgs }),
      0x636d6473,
      names.length * COMMANDS_PER_NAME,
    );
    const sent: { chatId: number; after: number; messageId: number; text: string }[] = [];
    let i = 0;
    let inGroup = 0;
    for (const name of names) {
      for (let k = 0; k < COMMANDS_PER_NAME; k++, i++) {
        const user = commander(i);
        // A few residents' commands in the group (its 20 messages a minute are shared with everything else).
        const input = inputs[i] ?? { group: false, mention: false, args: "" };
        const group = !superCommander(i) && inGroup < 8 && input.group;
        if (group) inGroup++;
        const chatId = group ? GROUP : user.id;
        const text = `/${name}${group && input.mention ? "@KengTestBot" : ""} ${input.args}`;
        const after = h.fake.lastMessage(chatId)?.messageId ?? 0;
        const update = h.fake.sendText({ chatId, from: user, text });
        sent.push({ chatId, after, messageId: update.message?.message_id ?? 0, text });
      }
    }
    // In a group the answer quotes the command; in a private chat it is the next message.
    const unanswered = async () =>
      sent
        .filter(
          (s) =>
            !h.fake
              .messagesIn(s.chatId)
              .some((m) => m.messageId > s.after && (s.chatId !== GROUP || m.replyToMessageId === s.messageId)),
        )
        .map((s) => s.text.slice(0, 120));
    await expect.poll(unanswered, { timeout: WAIT_MS, interval: 500 }).toEqual([]);
  }, 90_000);
});

describe("HTML and entity injection", () => {
  it("comes back escaped, with the message's own formatting only", async () => {
    await say(injector(0), injector(0).id, "/themkhuvuc x Khu x", /Đã tạo khu vực/);
    const exact = await say(
      injector(1),
      injector(1).id,
      '/themkhuvuc x.y <b>bold</b> &amp; <a href="x">',
      /Đã tạo khu vực/,
    );
    expect(exact.text).toContain("&lt;b&gt;bold&lt;/b&gt; &amp;amp; &lt;a href=&quot;x&quot;&gt;");
    expect(exact.plainText).toContain('<b>bold</b> &amp; <a href="x">');

    const replies = await Promise.all(
      INJECTIONS.map((name, n) =>
        say(
          injector(n + 2),
          injector(n + 2).id,
          `/themkhuvuc inj${n} ${name}`,
          /Đã tạo khu vực|không hợp lệ|Cách dùng/,
        ),
      ),
    );
    const broken = replies.flatMap((reply, n) => {
      const name = (INJECTIONS[n] ?? "").replace(/\s+/g, " ").trim();
      const types = reply.entities.map((e) => e.type).join(",");
      return reply.plainText.includes(name) && types === "bold,code" ? [] : [`${name} → ${reply.plainText} [${types}]`];
    });
    expect(broken).toEqual([]);
  });

  it("stores a NUL in a name or a text as U+FFFD instead of failing on it", async () => {
    const user: FakeUserInput = { ...injector(INJECTORS - 1), first_name: "Quản\u0000trị" };
    const reply = await say(user, user.id, "/themkhuvuc nul Tổ\u0000số 0", /Đã tạo khu vực|Hệ thống/);
    expect(reply.plainText).toContain("Tổ\ufffdsố 0");
    expect((await h.app.db.area.findUniqueOrThrow({ where: { code: "nul" } })).name).toBe("Tổ\ufffdsố 0");
    expect((await h.app.db.user.findFirstOrThrow({ where: { platformUserId: String(user.id) } })).displayName).toBe(
      "Quản\ufffdtrị",
    );
  });

  it("never lets an alert's or a tip's text add formatting", async () => {
    const payload = INJECTIONS.join(" ");
    const baselineTypes = new Set(alertInGroup.entities.map((e) => e.type));
    h.fake.sendText({ chatId: officer.id, from: officer, text: `/keng tb ${payload}` });
    const alert = await h.fake.waitForMessage(
      GROUP,
      (m) => m.plainText.includes("TIẾNG KẺNG AN NINH") && m.plainText.includes("bold"),
      WAIT_MS,
    );
    expect(alert.plainText).toContain(payload);
    expect(
      alert.entities.every((e) => baselineTypes.has(e.type)),
      alert.entities.map((e) => e.type).join(),
    ).toBe(true);

    const cardTypes = new Set(tipCard.entities.map((e) => e.type));
    const tipster = presser(99);
    h.fake.sendText({ chatId: GROUP, from: tipster, text: "Chào" });
    await expect
      .poll(() => h.app.db.chatMember.count({ where: { user: { platformUserId: String(tipster.id) } } }), {
        timeout: WAIT_MS,
      })
      .toBe(1);
    await sendQuickTip(h, tipster, payload);
    const card = await h.fake.waitForMessage(
      officer.id,
      (m) => m.plainText.includes("Tin tố giác") && m.plainText.includes("bold"),
      WAIT_MS,
    );
    expect(card.plainText).toContain(payload);
    expect(
      card.entities.every((e) => cardTypes.has(e.type)),
      card.entities.map((e) => e.type).join(),
    ).toBe(true);
  }, 90_000);
});

describe("after all of it", () => {
  it("failed nothing of its own, and is healthy", async () => {
    expect(unhandled.seen.map(String)).toEqual([]);
    const errors = log.records().filter((r) => r.level >= LEVEL.error);
    expect(
      errors.map((r) => `${r.event ?? ""} ${r.msg ?? ""} ${JSON.stringify(r["err"] ?? "").slice(0, 400)}`),
    ).toEqual([]);
    const internal = [...new Set(h.fake.calls.map((c) => Number(c.params["chat_id"])))].flatMap((chatId) =>
      h.fake.messagesIn(chatId).filter((m) => m.plainText.includes("Hệ thống đang gặp sự cố")),
    );
    expect(internal.map((m) => m.chatId)).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${h.app.httpPort}/healthz`)).status).toBe(200);
  });
});
