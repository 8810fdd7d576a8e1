/**
 * Issue 8, anonymity audit (DESIGN.md §5 Tips): after a full anonymous tip — guided flow with a
 * photo and a location, follow-ups, an officer's question and reply, valuable, closed, looked up —
 * walk every message that went to anyone but the tipster, every log line (debug level), every row
 * of every table and every Redis key under the test prefix, and find nothing that names the
 * tipster (Telegram id, first/last name, username, phone) or links them to the tip.
 *
 * The users and chats tables may hold the tipster's platform id and name (roles and messaging need
 * them); nothing else may, and no row that concerns the tip may point at the tipster's user or chat.
 */
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput, StoredMessage, Update } from "../../src/sandbox/fake-telegram/types.js";
import { startHarness, type Harness } from "../support/harness.js";
import {
  createAreas,
  lastId,
  makeOfficer,
  nextMatching,
  pressAndWait,
  RECEIPT,
  registerGroup,
  say,
  trackingCode,
  WAIT_MS,
} from "../tips/support.js";
import { captureLogger, type CapturedLog } from "./support.js";
import { signIn } from "../support/console.js";
import { testRedisUrl } from "../support/backends.js";

const TIPSTER: FakeUserInput = {
  id: 7_391_826_455,
  first_name: "Zephyrine",
  last_name: "Quackenbush",
  username: "zq_tipster_7391",
  language_code: "vi",
};
const PHONE = "+84 913 579 246";
const officer: FakeUserInput = { id: 5_300_000_001, first_name: "Lan", last_name: "Cán bộ", language_code: "vi" };
const GROUP = -1_001_530_000_005;

/** Every way the tipster could be named in clear. */
const NEEDLES = [
  String(TIPSTER.id),
  "Zephyrine",
  "Quackenbush",
  "zq_tipster_7391",
  "913579246",
  "913 579 246",
  "0913579246",
];
/** Tables that may hold a person's platform id and name (and nothing about tips). */
const PEOPLE_TABLES = new Set(["User", "Chat"]);

let h: Harness;
let log: CapturedLog;
/** What the officer's console showed and sent about the tip. */
const consolePages: { path: string; status: number; body: string; bytes: number }[] = [];
let code = "";
/** Updates the tipster sent from the first /togiac on: nothing may tie them to the tipster's chat row. */
const tipUpdates: number[] = [];

function found(haystack: string): string[] {
  const lower = haystack.toLowerCase();
  return NEEDLES.filter((needle) => lower.includes(needle.toLowerCase()));
}

function track(update: Update): Update {
  tipUpdates.push(update.update_id);
  return update;
}

/** The tipster does something in their private chat; resolves with the bot's next matching message there. */
async function tipster(action: () => Update, match: string | RegExp): Promise<StoredMessage> {
  const after = lastId(h, TIPSTER.id);
  track(action());
  const reply = await nextMatching(h, TIPSTER.id, after, match);
  await lookAtRedis();
  return reply;
}

async function tipsterPress(message: StoredMessage, label: string, match: string | RegExp): Promise<StoredMessage> {
  const data = message.buttons.find((b) => b.text.includes(label))?.callback_data;
  if (!data) throw new Error(`no button ${label} in ${message.plainText}`);
  return tipster(
    () => h.fake.pressButton({ chatId: TIPSTER.id, from: TIPSTER, messageId: message.messageId, data }),
    match,
  );
}

/** Keys and values under the prefix that name the tipster. */
async function redisLeaks(redis: Redis): Promise<{ keys: number; leaks: string[] }> {
  const leaks: string[] = [];
  let cursor = "0";
  let keys = 0;
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `${h.config.QUEUE_PREFIX}:*`, "COUNT", 1000);
    cursor = next;
    for (const key of batch) {
      keys++;
      const type = await redis.type(key);
      const value =
        type === "string"
          ? await redis.get(key)
          : type === "hash"
            ? JSON.stringify(await redis.hgetall(key))
            : type === "zset"
              ? JSON.stringify(await redis.zrange(key, 0, -1, "WITHSCORES"))
              : type === "list"
                ? JSON.stringify(await redis.lrange(key, 0, -1))
                : type === "set"
                  ? JSON.stringify(await redis.smembers(key))
                  : type === "stream"
                    ? JSON.stringify(await redis.xrange(key, "-", "+"))
                    : "";
      for (const needle of found(`${key} ${value ?? ""}`)) leaks.push(`${needle} in ${type} ${key}`);
    }
  } while (cursor !== "0");
  return { keys, leaks };
}

/** Redis is also looked at while the tip is on its way (rate-limit windows live for seconds only). */
let watcher: Redis;
const redisLeaksInFlight = new Set<string>();
async function lookAtRedis(): Promise<void> {
  for (const leak of (await redisLeaks(watcher)).leaks) redisLeaksInFlight.add(leak);
}

beforeAll(async () => {
  log = captureLogger("debug");
  h = await startHarness({ logger: log.logger });
  watcher = new Redis(testRedisUrl);
  // The tipster says hello first (an ordinary reply to their chat), and is a resident of the group (so the bot knows their area).
  await say(h, TIPSTER, "/start", "Xin chào");
  await createAreas(h);
  await makeOfficer(h, officer, "phuly.minhkhai");
  await registerGroup(h, { groupId: GROUP, officer, areaCode: "phuly.minhkhai.to5", members: [TIPSTER] });
  // Past the welcome's rate-limit window (1.3 s + 1 s idle): from here on the tipster hears only about the tip.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  // Tapping "share my phone number" by mistake: the bot must not keep it.
  h.fake.enqueueRawUpdate({
    update_id: 9_000_001,
    message: {
      message_id: 9_001,
      date: Math.floor(Date.now() / 1000),
      from: { id: TIPSTER.id, is_bot: false, first_name: TIPSTER.first_name },
      chat: { id: TIPSTER.id, type: "private", first_name: TIPSTER.first_name },
      contact: {
        phone_number: PHONE.replace(/\s/g, ""),
        first_name: TIPSTER.first_name,
        last_name: TIPSTER.last_name,
        user_id: TIPSTER.id,
      },
    },
  });

  // The guided flow, anonymous, with a photo and a location.
  const start = await tipster(
    () => h.fake.sendText({ chatId: TIPSTER.id, from: TIPSTER, text: "/togiac" }),
    "Sự việc thuộc loại nào?",
  );
  await tipsterPress(start, "Ma túy", "Hãy mô tả sự việc");
  const media = await tipster(
    () => h.fake.sendText({ chatId: TIPSTER.id, from: TIPSTER, text: "Có người bán ma túy ở ngõ 7, tối nào cũng có" }),
    "gửi ảnh",
  );
  await tipster(
    () => h.fake.sendPhoto({ chatId: TIPSTER.id, from: TIPSTER, caption: "cổng sau nhà số 7" }),
    "Đã thêm ảnh (1)",
  );
  await tipster(
    () => h.fake.sendLocation({ chatId: TIPSTER.id, from: TIPSTER, latitude: 20.5411, longitude: 105.9139 }),
    "Đã thêm vị trí",
  );
  const identity = await tipsterPress(media, "Tiếp tục", "ẩn danh");
  const confirm = await tipsterPress(identity, "Gửi ẩn danh", "Kiểm tra lại");
  const officerAfter = lastId(h, officer.id);
  code = trackingCode(await tipsterPress(confirm, "Gửi tin", RECEIPT));
  const card = await h.fake.waitForMessage(
    officer.id,
    (m) => m.messageId > officerAfter && m.plainText.includes(`Tin tố giác ${code}`) && m.buttons.length === 5,
    WAIT_MS,
  );
  expect(card.plainText).toContain("Người báo: ẩn danh");

  // The officer takes it; the tipster adds a line and a photo. Along the way the things that write
  // log lines happen: a 429 and a 502 on sends to the tipster, and an update delivered twice.
  await pressAndWait(h, officer, card, "Tiếp nhận", `Bạn đã tiếp nhận tin ${code}`);
  h.fake.failNext(
    { chatId: TIPSTER.id, method: "sendMessage" },
    { errorCode: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
  );
  let followUp: Update | undefined;
  await tipster(
    () => (followUp = h.fake.sendText({ chatId: TIPSTER.id, from: TIPSTER, text: "Họ thường đến lúc 9 giờ tối" })),
    `Đã chuyển thông tin bổ sung cho tin ${code}`,
  );
  h.fake.enqueueRawUpdate(followUp);
  h.fake.failNext({ chatId: TIPSTER.id, method: "sendMessage" }, { errorCode: 502, description: "Bad Gateway" });
  await tipster(
    () => h.fake.sendPhoto({ chatId: TIPSTER.id, from: TIPSTER, caption: "xe của họ" }),
    `Đã chuyển thông tin bổ sung cho tin ${code}`,
  );

  // A question and its answer, a reply, valuable, closed with an outcome.
  await pressAndWait(h, officer, card, "Hỏi thêm", "Gõ câu hỏi");
  const tipsterAfter = lastId(h, TIPSTER.id);
  await say(h, officer, "Bạn có thấy biển số xe không?", `Đã gửi tới người báo tin ${code}`);
  await nextMatching(h, TIPSTER.id, tipsterAfter, "Bạn có thấy biển số xe không?");
  await tipster(
    () => h.fake.sendText({ chatId: TIPSTER.id, from: TIPSTER, text: "Biển 90B1-123.45" }),
    `Đã chuyển thông tin bổ sung cho tin ${code}`,
  );
  await say(h, officer, `/traloi ${code} Cảm ơn bạn, chúng tôi đã nắm được.`, `Đã gửi tới người báo tin ${code}`);
  await pressAndWait(h, officer, card, "Có giá trị", `Đã đánh dấu tin ${code} là có giá trị`);
  const outcome = await pressAndWait(h, officer, card, "Đóng", `Kết quả xử lý tin ${code}`);
  await pressAndWait(h, officer, outcome, "Đã lập hồ sơ", `Đã đóng tin ${code}`);
  await tipster(() => h.fake.sendText({ chatId: TIPSTER.id, from: TIPSTER, text: `/tracuu ${code}` }), `Tin ${code}`);
  await nextMatching(h, TIPSTER.id, 0, `Tin ${code} đã được xử lý xong`);

  // The officer's console (issue 21): every page, download and photo about the tip.
  const consoleClient = await signIn(h, officer);
  const tip = await h.app.db.tip.findUniqueOrThrow({ where: { code }, include: { messages: true } });
  const photos = tip.messages.filter((m) => m.photoFileId).map((m) => `/console/tips/${tip.id}/files/${m.id}`);
  for (const path of [
    "/console/tips?status=all",
    `/console/tips?status=all&q=${encodeURIComponent("ma túy")}`,
    `/console/tips/${tip.id}`,
    `/console/tips/${tip.id}/export`,
    "/console/stats",
    "/console/stats.csv",
    "/console/sessions",
    ...photos,
  ]) {
    const response = await consoleClient.get(path);
    const body = Buffer.from(await response.arrayBuffer());
    consolePages.push({ path, status: response.status, body: body.toString("utf8"), bytes: body.length });
  }

  // Everything queued has gone out (or failed): Redis holds what it holds at rest.
  const deadline = Date.now() + WAIT_MS;
  while ((await h.app.db.delivery.count({ where: { status: "pending" } })) > 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200));
}, 180_000);

afterAll(async () => {
  await watcher?.quit();
  await h?.stop();
});

describe("after a full anonymous tip", () => {
  it("sends nobody but the tipster anything that names them: messages, captions, buttons, edits", () => {
    const leaks: string[] = [];
    for (const message of h.fake.messagesIn(officer.id)) {
      const parts = [
        message.text,
        message.caption,
        message.plainText,
        ...message.buttons.flatMap((b) => [b.text, b.callback_data, b.url]),
        ...message.edits.flatMap((e) => [e.previous.text, e.previous.caption, e.previous.plainText]),
      ];
      for (const part of parts)
        if (part) for (const needle of found(part)) leaks.push(`officer message ${message.messageId}: ${needle}`);
    }
    // Every API call the bot made for any other chat (sends, edits, copies, callback answers…).
    for (const call of h.fake.calls) {
      if (call.method === "getUpdates" || String(call.params["chat_id"]) === String(TIPSTER.id)) continue;
      for (const needle of found(JSON.stringify(call.params)))
        leaks.push(`${call.method} to ${String(call.params["chat_id"])}: ${needle}`);
    }
    expect(leaks).toEqual([]);
    expect(h.fake.calls.filter((c) => c.method === "forwardMessage")).toHaveLength(0);
    expect(h.fake.messagesIn(officer.id).filter((m) => m.plainText.includes(code)).length).toBeGreaterThanOrEqual(6);
  });

  it("shows the tipster in no console page, export or photo (issue 21)", () => {
    expect(consolePages.map((p) => [p.path, p.status])).toEqual(consolePages.map((p) => [p.path, 200]));
    const tipPage = consolePages.find((p) => /\/console\/tips\/\d+$/.test(p.path));
    expect(tipPage?.body).toContain("Có người bán ma túy ở ngõ 7");
    expect(tipPage?.body).toContain("ẩn danh");
    expect(consolePages.find((p) => p.path.endsWith("/export"))?.body).toContain(code);
    expect(consolePages.filter((p) => p.path.includes("/files/")).every((p) => p.bytes > 0)).toBe(true);
    const leaks = consolePages.flatMap((p) => found(p.body).map((needle) => `${needle} in ${p.path}`));
    expect(leaks).toEqual([]);
  });

  it("writes no log line that names the tipster", () => {
    // The flow wrote lines: the redelivered update (debug), the 429 (warn), the 502's retry.
    const events = log.records().map((r) => `${r.event ?? r.msg ?? ""}`);
    expect(events).toEqual(expect.arrayContaining(["duplicate update ignored", "platform_rate_limited"]));
    const leaks = log.lines.flatMap((line) => found(line).map((needle) => `${needle} in ${line.slice(0, 300)}`));
    expect(leaks).toEqual([]);
  });

  it("keeps the tipster out of every table but users and chats, and nothing ties them to the tip", async () => {
    const client = new pg.Client({ connectionString: h.databaseUrl });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
      );
      const user = await h.app.db.user.findUniqueOrThrow({
        where: { platform_platformUserId: { platform: "telegram", platformUserId: String(TIPSTER.id) } },
      });
      const chat = await h.app.db.chat.findUniqueOrThrow({
        where: { platform_platformChatId: { platform: "telegram", platformChatId: String(TIPSTER.id) } },
      });
      const tip = await h.app.db.tip.findUniqueOrThrow({ where: { code } });
      const tipKeys = [code, `tip:${tip.id}:`, `tip:${tip.id}"`];
      const leaks: string[] = [];
      let scanned = 0;
      for (const { table_name: table } of tables.rows) {
        const rows = await client.query<{ row: Record<string, unknown> }>(
          `SELECT row_to_json(t) AS row FROM "${table}" t`,
        );
        for (const { row } of rows.rows) {
          scanned++;
          const text = JSON.stringify(row);
          const where = `${table} ${JSON.stringify(row).slice(0, 160)}`;
          if (!PEOPLE_TABLES.has(table)) for (const needle of found(text)) leaks.push(`${needle} in ${where}`);
          // A row about the tip (its code, its id in a key or source, or its messages) points at no one.
          const aboutTip =
            tipKeys.some((k) => text.includes(k)) ||
            (table === "Tip" && row["id"] === tip.id) ||
            (table === "TipMessage" && row["tipId"] === tip.id);
          if (!aboutTip) continue;
          for (const [column, value] of Object.entries(row)) {
            const pointsAtUser = /userid$|byid$/i.test(column) && value === user.id;
            const pointsAtChat = column === "chatId" && value === chat.id;
            if (pointsAtUser || pointsAtChat) leaks.push(`${table}.${column} points at the tipster in ${where}`);
          }
        }
      }
      expect(scanned).toBeGreaterThan(100);
      // What went to the tipster's own chat row never concerns the tip: tip traffic goes through the seal.
      const toTipsterChat = await h.app.db.delivery.findMany({ where: { chatId: chat.id } });
      for (const delivery of toTipsterChat) {
        const text = JSON.stringify({ ...delivery, id: delivery.id.toString() });
        if (
          tipUpdates.some((u) => delivery.key.includes(`:${u}:`)) ||
          text.includes(code) ||
          delivery.key.startsWith("tip") ||
          delivery.sourceKind === "tip" ||
          delivery.sourceKind === "tipCard"
        ) {
          leaks.push(`delivery ${delivery.key} to the tipster's chat row concerns the tip`);
        }
      }
      // Messages to the tipster went by seal (no chat row), and a sent one keeps no sealed address.
      expect(await h.app.db.delivery.count({ where: { chatId: null } })).toBeGreaterThanOrEqual(8);
      expect(
        await h.app.db.delivery.count({ where: { sealedTarget: { not: null }, status: { not: "pending" } } }),
      ).toBe(0);
      expect(leaks).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it("keeps the tipster out of every Redis key and value under the prefix, during the flow and after", async () => {
    expect([...redisLeaksInFlight]).toEqual([]);
    const { keys, leaks } = await redisLeaks(watcher);
    expect(keys).toBeGreaterThan(5);
    expect(leaks).toEqual([]);
  });
});
