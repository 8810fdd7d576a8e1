/**
 * Issue 8, hostile input at the door: ~2,000 malformed, oversized, wrongly typed and random-Unicode
 * bodies each to the Telegram and Zalo webhooks (seeded, so a failure replays). Every request is
 * answered 200, 400, 403 or 413 — never 5xx, never a hang; every refusal leaves one log line saying
 * why; every accepted update is handled (the update ledger has it) or logged as ignored; nothing
 * rejects unhandled; the process stays healthy; a body over 1 MB is refused before it is read.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCommand } from "../../src/core/parse-command.js";
import { startHarness, type Harness } from "../support/harness.js";
import { captureLogger, freePort, LEVEL, Rng, watchUnhandledRejections, type CapturedLog } from "./support.js";

const TELEGRAM_SECRET = "fuzz-telegram_secret-1";
const ZALO_SECRET = "fuzz-zalo-secret-1";
const BODIES = 2000;
const BOT = "KengTestBot";
const COMMANDS = ["start", "trogiup", "help", "ngonngu", "themkhuvuc", "moi", "thamgia", "vaitro", "dangky", "keng", "huykeng", "ketthuc", "tinhtrang", "togiac", "huy", "tracuu", "theodoi", "bothedoi", "tingiac", "traloi", "cauhoi", "bxh", "chiendich", "dschiendich", "huychiendich", "thongke", "baocao", "report", "apphich", "poster", "thanhvien", "thuhoi", "huydangky", "kiemtra", "khongco"];

let h: Harness;
let log: CapturedLog;
let port: number;
const unhandled = watchUnhandledRejections();

beforeAll(async () => {
  port = await freePort();
  log = captureLogger("debug");
  h = await startHarness({
    // Not how Telegram behaves: it pushes only to https on ports 443, 80, 88 or 8443.
    fake: { allowInsecureWebhooks: true },
    zalo: true,
    logger: log.logger,
    env: {
      // Replies are queued (Delivery rows) but not sent: this file is about the door, not the deliver worker.
      KENG_ROLES: "inbound,http,scheduler",
      PORT: String(port),
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
      TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
      ZALO_MODE: "webhook",
      ZALO_WEBHOOK_URL: `http://127.0.0.1:${port}/zalo/webhook`,
      ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    },
  });
});

afterAll(async () => {
  unhandled.stop();
  await h?.stop();
});

// ── random JSON ─────────────────────────────────────────────────────────────────────────────

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ODD_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "", " ", "update_id", "message", "from", "chat", "id", "text", "data"];

function randomNumber(rng: Rng): number {
  return rng.pick([0, -0, 1, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 5e-324, 0.5, -3.75, rng.int(-1e9, 1e9), rng.int(0, 100)]);
}

function randomString(rng: Rng): string {
  switch (rng.int(0, 5)) {
    case 0:
      return "";
    case 1:
      return rng.unicode(rng.int(1, 12));
    case 2:
      return rng.unicode(rng.int(100, 400));
    case 3:
      return `/${rng.pick(COMMANDS)}${rng.chance(0.3) ? `@${BOT}` : ""} ${rng.unicode(rng.int(0, 60))}`;
    case 4:
      return String(randomNumber(rng));
    default:
      return rng.pick(["true", "null", "NaN", "Infinity", "-1", "1e999", "{}", "[]", "\u0000", "../../etc/passwd", "' OR 1=1 --", "<script>alert(1)</script>"]);
  }
}

function randomJson(rng: Rng, depth: number): Json {
  const kind = depth <= 0 ? rng.int(0, 3) : rng.int(0, 5);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return randomNumber(rng);
    case 3:
      return randomString(rng);
    case 4:
      return Array.from({ length: rng.int(0, 4) }, () => randomJson(rng, depth - 1));
    default: {
      const out: { [key: string]: Json } = {};
      for (let i = rng.int(0, 5); i > 0; i--) out[rng.chance(0.3) ? rng.pick(ODD_KEYS) : rng.unicode(rng.int(1, 8))] = randomJson(rng, depth - 1);
      return out;
    }
  }
}

/** Replaces a random field (at any depth) of a well-formed object with a random value, or drops it. */
function mutate(rng: Rng, value: Json, times: number): Json {
  let out = structuredClone(value);
  for (let i = 0; i < times; i++) out = mutateOnce(rng, out, 0);
  return out;
}

function mutateOnce(rng: Rng, value: Json, depth: number): Json {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return randomJson(rng, 2);
  const keys = Object.keys(value);
  const key = rng.pick(keys.length > 0 ? keys : ["x"]);
  const child = value[key];
  if (child !== undefined && child !== null && typeof child === "object" && !Array.isArray(child) && rng.chance(0.6) && depth < 4) {
    value[key] = mutateOnce(rng, child, depth + 1);
  } else if (rng.chance(0.25)) {
    delete value[key];
  } else {
    value[key] = randomJson(rng, 2);
  }
  return value;
}

/** Raw bytes that are not JSON (or not quite). */
function notJson(rng: Rng, valid: string): string {
  switch (rng.int(0, 4)) {
    case 0:
      return rng.unicode(rng.int(0, 200));
    case 1:
      return valid.slice(0, rng.int(0, valid.length - 1)); // truncated
    case 2:
      return valid.replace(/[":,{}]/, rng.pick(["'", ";", "", "}}", "\u0000"]));
    case 3:
      return `${valid}${rng.pick(["x", ",", "]", "{}", "\u0000"])}`;
    default:
      return rng.pick(["", " ", "null x", "{", "[", "\"", "undefined", "{'a':1}", "\ufeff{}", "{\"update_id\":1,}"]);
  }
}

// ── Telegram bodies ─────────────────────────────────────────────────────────────────────────

interface Body {
  readonly platform: "telegram" | "zalo";
  readonly body: string;
  readonly secret: string | undefined;
}

let telegramUpdateId = 50_000_000;

function telegramUser(rng: Rng): { [key: string]: Json } {
  return {
    id: rng.chance(0.9) ? rng.int(1, 9_999_999_999) : randomNumber(rng),
    is_bot: rng.chance(0.05),
    first_name: rng.chance(0.8) ? rng.unicode(rng.int(1, 30)) : "",
    ...(rng.chance(0.4) ? { last_name: rng.unicode(rng.int(1, 30)) } : {}),
    ...(rng.chance(0.4) ? { username: rng.unicode(rng.int(1, 20)) } : {}),
    ...(rng.chance(0.7) ? { language_code: rng.pick(["vi", "en", "ru", "", "xx-YY", rng.unicode(3)]) } : {}),
  };
}

function telegramChat(rng: Rng, user: { [key: string]: Json }): { [key: string]: Json } {
  const type = rng.pick(["private", "private", "group", "supergroup", "channel", rng.unicode(5)]);
  if (type === "private") return { id: user["id"] ?? 1, type, first_name: user["first_name"] ?? "" };
  return { id: -rng.int(1, 1_999_999_999_999), type, title: rng.unicode(rng.int(0, 40)) };
}

function telegramUpdate(rng: Rng): { [key: string]: Json } {
  const update_id = telegramUpdateId++;
  const from = telegramUser(rng);
  const chat = telegramChat(rng, from);
  const base = { message_id: rng.int(1, 1_000_000), date: rng.int(0, 2_000_000_000), from, chat };
  switch (rng.int(0, 9)) {
    case 0:
    case 1:
    case 2:
      return { update_id, message: { ...base, text: randomString(rng) } };
    case 3: {
      const text = `/${rng.pick(COMMANDS)}${rng.chance(0.2) ? `@${rng.pick([BOT, "OtherBot"])}` : ""} ${rng.unicode(rng.int(0, 300))}`;
      return { update_id, message: { ...base, text, entities: [{ type: "bot_command", offset: 0, length: rng.int(0, 40) }] } };
    }
    case 4:
      return { update_id, message: { ...base, photo: Array.from({ length: rng.int(0, 3) }, () => ({ file_id: rng.unicode(rng.int(1, 40)), file_unique_id: "u", width: 1, height: 1 })), ...(rng.chance(0.5) ? { caption: rng.unicode(rng.int(0, 200)) } : {}) } };
    case 5:
      return { update_id, message: { ...base, location: { latitude: rng.next() * 400 - 200, longitude: rng.next() * 800 - 400 } } };
    case 6:
      return { update_id, message: { ...base, document: { file_id: rng.unicode(10), mime_type: rng.pick(["image/jpeg", "application/pdf", "image/", ""]) } } };
    case 7:
      return { update_id, callback_query: { id: rng.unicode(rng.int(1, 20)), from, chat_instance: "1", data: rng.chance(0.5) ? rng.unicode(rng.int(0, 64)) : `${rng.pick(["tip", "ak", "q", "cp", "expired", "zz"])}:${rng.unicode(rng.int(0, 30))}`, ...(rng.chance(0.9) ? { message: { message_id: rng.int(1, 1000), date: 0, chat } } : {}) } };
    case 8:
      return { update_id, my_chat_member: { chat, from, date: 0, old_chat_member: { status: "member", user: from }, new_chat_member: { status: rng.pick(["member", "administrator", "left", "kicked", "restricted", rng.unicode(4)]), is_member: rng.chance(0.5), user: from } } };
    default:
      return { update_id, [rng.pick(["edited_message", "channel_post", "message_reaction", "poll", "chat_join_request", rng.unicode(6)])]: { ...base, text: rng.unicode(20) } };
  }
}

function telegramBody(rng: Rng): Body {
  const secret = rng.chance(0.02) ? rng.pick([undefined, "", "wrong", `${TELEGRAM_SECRET} `, TELEGRAM_SECRET.toUpperCase()]) : TELEGRAM_SECRET;
  const valid = telegramUpdate(rng);
  let body: string;
  const roll = rng.next();
  // Mostly broken: a well-formed update costs a full dispatch, a broken one only validation.
  if (roll < 0.2) body = notJson(rng, JSON.stringify(valid));
  else if (roll < 0.37) body = JSON.stringify(randomJson(rng, 3));
  else if (roll < 0.47) body = JSON.stringify({ ...valid, update_id: rng.pick<Json>([null, "1", -5, 1.5, [], {}, true, 2 ** 60]) });
  else if (roll < 0.88) body = JSON.stringify(mutate(rng, valid, rng.int(1, 3)));
  else body = JSON.stringify(valid);
  return { platform: "telegram", body, secret };
}

// ── Zalo bodies ─────────────────────────────────────────────────────────────────────────────

let zaloMessageId = 0;

function zaloUpdate(rng: Rng): { [key: string]: Json } {
  const userId = rng.chance(0.9) ? rng.unicode(rng.int(1, 24)) : `u${rng.int(1, 999)}`;
  const group = rng.chance(0.3);
  const message: { [key: string]: Json } = {
    message_id: `fz-${zaloMessageId++}-${rng.unicode(3)}`,
    date: rng.pick([Date.now(), Math.floor(Date.now() / 1000), 0, rng.int(0, 2 ** 50)]),
    from: { id: userId, display_name: rng.unicode(rng.int(0, 30)), is_bot: rng.chance(0.05) },
    chat: { id: group ? `g${rng.unicode(rng.int(1, 20))}` : userId, chat_type: group ? "GROUP" : "PRIVATE" },
  };
  const name = rng.pick(["message.text.received", "message.text.received", "message.text.received", "message.image.received", "message.sticker.received", "message.unsupported.received", "user.joined", rng.unicode(8)]);
  if (name === "message.text.received" || rng.chance(0.2)) {
    message["text"] = rng.pick([randomString(rng), `/${rng.pick(COMMANDS)} ${rng.unicode(rng.int(0, 200))}`, String(rng.int(0, 120)), ` ${rng.int(1, 9)}. `, `@Kẻng /${rng.pick(COMMANDS)}`]);
  }
  if (name === "message.image.received") message[rng.pick(["photo_url", "photo", "url"])] = rng.pick(["https://example.invalid/a.jpg", rng.unicode(20), ""]);
  if (rng.chance(0.2)) message["caption"] = rng.unicode(rng.int(0, 100));
  if (rng.chance(0.1)) message["quote_message_id"] = rng.chance(0.5) ? rng.unicode(8) : rng.int(0, 99);
  const event: { [key: string]: Json } = rng.chance(0.05) ? { message } : { event_name: name, message };
  return rng.chance(0.2) ? { ok: true, result: event } : event;
}

function zaloBody(rng: Rng): Body {
  const secret = rng.chance(0.02) ? rng.pick([undefined, "", "wrong-secret", ZALO_SECRET.slice(0, -1)]) : ZALO_SECRET;
  const valid = zaloUpdate(rng);
  let body: string;
  const roll = rng.next();
  if (roll < 0.2) body = notJson(rng, JSON.stringify(valid));
  else if (roll < 0.37) body = JSON.stringify(randomJson(rng, 3));
  else if (roll < 0.42) body = JSON.stringify({ ok: false, error_code: rng.int(-1, 500), description: rng.unicode(20) });
  else if (roll < 0.88) body = JSON.stringify(mutate(rng, valid, rng.int(1, 3)));
  else body = JSON.stringify(valid);
  return { platform: "zalo", body, secret };
}

// ── sending ─────────────────────────────────────────────────────────────────────────────────

interface Sent extends Body {
  readonly status: number | string;
}

async function post(body: Body): Promise<Sent> {
  const header = body.platform === "telegram" ? "x-telegram-bot-api-secret-token" : "x-bot-api-secret-token";
  try {
    const response = await fetch(`http://127.0.0.1:${port}/${body.platform}/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(body.secret !== undefined ? { [header]: body.secret } : {}) },
      body: body.body,
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    return { ...body, status: response.status };
  } catch (error) {
    return { ...body, status: `error: ${String(error)}` };
  }
}

/** Sends with a few requests in flight, like a busy platform would. */
async function sendAll(bodies: readonly Body[], inFlight: number): Promise<Sent[]> {
  const results: Sent[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        if (body) results.push(await post(body));
      }
    }),
  );
  return results;
}

/** A body that declares more than 1 MB: the answer must come before the body is sent. */
function declaredTooLarge(path: string, secretHeader: string, secret: string): Promise<{ status: number; bytesSent: number }> {
  return new Promise((resolve, reject) => {
    const declared = 1024 * 1024 + 10;
    let bytesSent = 0;
    const req = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers: { "content-type": "application/json", "content-length": declared, [secretHeader]: secret } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, bytesSent });
      req.destroy();
    });
    req.on("error", (error) => (bytesSent > 0 ? undefined : reject(error)));
    // Only a first kilobyte: the server must not wait for the rest.
    const first = Buffer.alloc(1024, 0x20);
    bytesSent = first.length;
    req.write(first);
  });
}

/** A chunked body (no length announced) that grows past 1 MB. */
function chunkedTooLarge(path: string, secretHeader: string, secret: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked", [secretHeader]: secret } }, (res) => {
      answered = true;
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (!answered && sent < 3 * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

// ── the tests ───────────────────────────────────────────────────────────────────────────────

const ALLOWED = new Set([200, 400, 403, 413]);
let telegram: Sent[] = [];
let zalo: Sent[] = [];

describe("the webhooks under ~2,000 hostile bodies each", () => {
  it("answer every body with 200, 400, 403 or 413, and stay healthy", async () => {
    const rng = new Rng(0x6b656e67);
    const telegramBodies = Array.from({ length: BODIES }, () => telegramBody(rng));
    const zaloBodies = Array.from({ length: BODIES }, () => zaloBody(rng));
    const statuses = (sent: readonly Sent[]) => sent.reduce<Record<string, number>>((acc, s) => ({ ...acc, [String(s.status)]: (acc[String(s.status)] ?? 0) + 1 }), {});
    [telegram, zalo] = await Promise.all([sendAll(telegramBodies, 8), sendAll(zaloBodies, 8)]);

    const wrong = [...telegram, ...zalo].filter((s) => typeof s.status !== "number" || !ALLOWED.has(s.status));
    expect(wrong.map((s) => `${s.platform} ${s.status}: ${s.body.slice(0, 200)}`)).toEqual([]);
    // The mix exercised every path.
    for (const sent of [telegram, zalo]) {
      for (const status of [200, 400, 403]) expect(statuses(sent)[String(status)] ?? 0, JSON.stringify(statuses(sent))).toBeGreaterThan(20);
    }
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  }, 180_000);

  it("refuses a body over 1 MB early (on its declared length) and while streaming", async () => {
    const early = await declaredTooLarge("/telegram/webhook", "x-telegram-bot-api-secret-token", TELEGRAM_SECRET);
    expect(early).toEqual({ status: 413, bytesSent: 1024 });
    expect((await declaredTooLarge("/zalo/webhook", "x-bot-api-secret-token", ZALO_SECRET)).status).toBe(413);
    expect(await chunkedTooLarge("/telegram/webhook", "x-telegram-bot-api-secret-token", TELEGRAM_SECRET)).toBe(413);
    expect(await chunkedTooLarge("/zalo/webhook", "x-bot-api-secret-token", ZALO_SECRET)).toBe(413);
    expect(log.records().filter((r) => r.event === "http_body_too_large")).toHaveLength(4);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it("logs one line for every refused body", () => {
    const records = log.records();
    for (const platform of ["telegram", "zalo"] as const) {
      const sent = platform === "telegram" ? telegram : zalo;
      const lines = (events: readonly string[]) => records.filter((r) => r["platform"] === platform && typeof r.event === "string" && events.includes(r.event)).length;
      expect(lines(["webhook_bad_json", "webhook_bad_update"]), `${platform} 400s`).toBe(sent.filter((s) => s.status === 400).length);
      expect(lines(["webhook_forbidden"]), `${platform} 403s`).toBe(sent.filter((s) => s.status === 403).length);
    }
  });

  it("handles every accepted Telegram update or logs it as ignored", async () => {
    const accepted = telegram.filter((s) => s.status === 200).map((s) => JSON.parse(s.body) as { update_id: number; message?: { text?: unknown } });
    const handled = new Set((await h.app.db.inboundUpdate.findMany({ where: { platform: "telegram" } })).map((u) => u.updateKey));
    const ignored = new Set(log.records().filter((r) => r.event === "update_ignored" && r["platform"] === "telegram").map((r) => String(r["updateId"])));
    // A command addressed to another bot is group chatter, dropped without a word.
    const forAnotherBot = (text: unknown) => typeof text === "string" && text.startsWith("/") && parseCommand(text, BOT) === null;
    const lost = accepted.filter((u) => !handled.has(String(u.update_id)) && !ignored.has(String(u.update_id)) && !forAnotherBot(u.message?.text));
    expect(lost.map((u) => JSON.stringify(u).slice(0, 300))).toEqual([]);
    expect(handled.size).toBeGreaterThan(100);
  });

  it("handles every accepted Zalo update or logs it as ignored", async () => {
    const handled = await h.app.db.inboundUpdate.count({ where: { platform: "zalo" } });
    const ignored = log.records().filter((r) => r["platform"] === "zalo" && r.event === "update_ignored").length;
    const unknown = log.records().filter((r) => r.event === "zalo_unknown_event").length;
    // Repeated message ids (a mutation can make two equal) are one update: at most as many as accepted.
    const accepted = zalo.filter((s) => s.status === 200).length;
    expect(handled + ignored + unknown).toBeGreaterThanOrEqual(accepted - duplicateZaloIds());
    expect(handled).toBeGreaterThan(100);
  });

  it("fails nothing of its own: no unhandled rejection, no error-level line, no internal-error reply", async () => {
    expect(unhandled.seen.map(String)).toEqual([]);
    // The dispatcher's error boundary answers a failed update with "internal error" under this key.
    expect(await h.app.db.delivery.count({ where: { key: { endsWith: ":error" } } })).toBe(0);
    const errors = log.records().filter((r) => r.level >= LEVEL.error);
    expect(errors.map((r) => `${r.event ?? ""} ${r.msg ?? ""} ${JSON.stringify(r["err"] ?? "").slice(0, 300)}`)).toEqual([]);
  });
});

/** Accepted Zalo bodies whose message id repeats an earlier accepted one (mutations can copy none, but a random one can collide). */
function duplicateZaloIds(): number {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const s of zalo.filter((x) => x.status === 200)) {
    const parsed = JSON.parse(s.body) as { message?: { message_id?: unknown }; result?: { message?: { message_id?: unknown } } };
    const id = JSON.stringify(parsed.message?.message_id ?? parsed.result?.message?.message_id);
    if (seen.has(id)) duplicates++;
    seen.add(id);
  }
  return duplicates;
}
