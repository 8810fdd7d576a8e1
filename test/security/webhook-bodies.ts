/**
 * The hostile webhook bodies of fuzz-webhooks.test.ts, as fast-check arbitraries: random JSON,
 * mutated and truncated updates, wrong secrets, for Telegram and for Zalo.
 */
import fc from "fast-check";
import { anyOf, chance, optional, uniformInt, unicode } from "./arbitraries.js";

export const TELEGRAM_SECRET = "fuzz-telegram_secret-1";
export const ZALO_SECRET = "fuzz-zalo-secret-1";
export const BOT = "KengTestBot";
const COMMANDS = [
  "start",
  "trogiup",
  "help",
  "ngonngu",
  "themkhuvuc",
  "moi",
  "thamgia",
  "vaitro",
  "dangky",
  "keng",
  "huykeng",
  "ketthuc",
  "tinhtrang",
  "togiac",
  "huy",
  "tracuu",
  "theodoi",
  "bothedoi",
  "tingiac",
  "traloi",
  "cauhoi",
  "bxh",
  "chiendich",
  "dschiendich",
  "huychiendich",
  "thongke",
  "baocao",
  "report",
  "apphich",
  "poster",
  "thanhvien",
  "thuhoi",
  "huydangky",
  "kiemtra",
  "khongco",
];

// ── random JSON ─────────────────────────────────────────────────────────────────────────────

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ODD_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "",
  " ",
  "update_id",
  "message",
  "from",
  "chat",
  "id",
  "text",
  "data",
];
const ODD_STRINGS = [
  "true",
  "null",
  "NaN",
  "Infinity",
  "-1",
  "1e999",
  "{}",
  "[]",
  "\u0000",
  "../../etc/passwd",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
];
const oneOf = <T>(...values: T[]) => fc.constantFrom(...values);
const weighted = <T>(...choices: [number, fc.Arbitrary<T>][]) =>
  fc.oneof(...choices.map(([weight, arbitrary]) => ({ weight, arbitrary })));

const randomNumber: fc.Arbitrary<number> = weighted(
  [
    13,
    oneOf(
      0,
      -0,
      1,
      -1,
      2 ** 31,
      -(2 ** 31) - 1,
      2 ** 53,
      Number.MAX_SAFE_INTEGER + 2,
      1e308,
      -1e308,
      5e-324,
      0.5,
      -3.75,
    ),
  ],
  [1, uniformInt(-1e9, 1e9)],
  [1, uniformInt(0, 100)],
);

const command = fc
  .tuple(oneOf(...COMMANDS), chance(0.3))
  .map(([name, mention]) => `/${name}${mention ? `@${BOT}` : ""}`);

const randomString: fc.Arbitrary<string> = anyOf(
  fc.constant(""),
  unicode(1, 12),
  unicode(100, 400),
  fc.tuple(command, unicode(0, 60)).map(([name, args]) => `${name} ${args}`),
  randomNumber.map(String),
  oneOf(...ODD_STRINGS),
);

/** Any JSON value, nested at most `depth` deep; object keys are odd or random. */
function randomJson(depth: number): fc.Arbitrary<Json> {
  const leaves: fc.Arbitrary<Json>[] = [fc.constant(null), fc.boolean(), randomNumber, randomString];
  if (depth <= 0) return anyOf(...leaves);
  const child = randomJson(depth - 1);
  const key = weighted([3, oneOf(...ODD_KEYS)], [7, unicode(1, 8)]);
  const object = fc.array(fc.tuple(key, child), { maxLength: 5 }).map((entries) => {
    const out: JsonObject = {};
    // Plain assignment, as a careless parser would: "__proto__" sets the prototype rather than a key.
    for (const [k, v] of entries) out[k] = v;
    return out;
  });
  return anyOf<Json>(...leaves, fc.array(child, { maxLength: 4 }), object);
}

const isObject = (value: Json | undefined): value is JsonObject =>
  value !== undefined && value !== null && typeof value === "object" && !Array.isArray(value);

/** `value` with a random field (at any depth) replaced by a random value, or dropped; `times` over. */
function mutated(value: Json, times: number): fc.Arbitrary<Json> {
  let out: fc.Arbitrary<Json> = fc.constant(value);
  for (let i = 0; i < times; i++) out = out.chain((v) => mutateOnce(v, 0));
  return out;
}

function mutateOnce(value: Json, depth: number): fc.Arbitrary<Json> {
  if (!isObject(value)) return randomJson(2);
  const keys = Object.keys(value);
  return oneOf(...(keys.length > 0 ? keys : ["x"])).chain((key) => {
    const child = value[key];
    const replaced = weighted<Json | undefined>([25, fc.constant(undefined)], [75, randomJson(2)]).map((v) => {
      const out = { ...value };
      if (v === undefined) delete out[key];
      else out[key] = v;
      return out;
    });
    if (!isObject(child) || depth >= 4) return replaced;
    return weighted<Json>([60, mutateOnce(child, depth + 1).map((c) => ({ ...value, [key]: c }))], [40, replaced]);
  });
}

/** Raw bytes that are not JSON (or not quite), made from a well-formed body. */
function notJson(valid: string): fc.Arbitrary<string> {
  return anyOf(
    unicode(0, 200),
    uniformInt(0, valid.length - 1).map((n) => valid.slice(0, n)), // truncated
    oneOf("'", ";", "", "}}", "\u0000").map((r) => valid.replace(/[":,{}]/, r)),
    oneOf("x", ",", "]", "{}", "\u0000").map((tail) => `${valid}${tail}`),
    oneOf("", " ", "null x", "{", "[", '"', "undefined", "{'a':1}", "\ufeff{}", '{"update_id":1,}'),
  );
}

// ── Telegram bodies ─────────────────────────────────────────────────────────────────────────

export interface Body {
  readonly platform: "telegram" | "zalo";
  readonly body: string;
  readonly secret: string | undefined;
}

/** Drops the keys whose value is undefined (the optional fields that were not drawn). */
const defined = (record: Record<string, Json | undefined>): JsonObject =>
  Object.fromEntries(Object.entries(record).filter((e): e is [string, Json] => e[1] !== undefined));

const telegramUser: fc.Arbitrary<JsonObject> = fc
  .record({
    id: weighted([90, uniformInt(1, 9_999_999_999)], [10, randomNumber]),
    is_bot: chance(0.05),
    first_name: weighted([80, unicode(1, 30)], [20, fc.constant("")]),
    last_name: optional(0.4, unicode(1, 30)),
    username: optional(0.4, unicode(1, 20)),
    language_code: optional(0.7, anyOf(oneOf("vi", "en", "ru", "", "xx-YY"), unicode(3))),
  })
  .map(defined);

function telegramChat(user: JsonObject): fc.Arbitrary<JsonObject> {
  const type = weighted([5, oneOf("private", "private", "group", "supergroup", "channel")], [1, unicode(5)]);
  return type.chain((t): fc.Arbitrary<JsonObject> =>
    t === "private"
      ? fc.constant({ id: user["id"] ?? 1, type: t, first_name: user["first_name"] ?? "" })
      : fc.record({ id: uniformInt(1, 1_999_999_999_999).map((n) => -n), type: fc.constant(t), title: unicode(0, 40) }),
  );
}

/** A Telegram update of one of the kinds the bot meets, well-formed or nearly. */
function telegramUpdate(update_id: number): fc.Arbitrary<JsonObject> {
  const people = telegramUser.chain((from) => telegramChat(from).map((chat) => ({ from, chat })));
  return fc
    .tuple(people, uniformInt(1, 1_000_000), uniformInt(0, 2_000_000_000))
    .chain(([{ from, chat }, message_id, date]) => {
      const base = { message_id, date, from, chat };
      const message = (extra: fc.Arbitrary<JsonObject>) =>
        extra.map((fields): JsonObject => ({ update_id, message: { ...base, ...fields } }));
      return weighted<JsonObject>(
        [3, message(randomString.map((text) => ({ text })))],
        [
          1,
          message(
            fc
              .tuple(oneOf(...COMMANDS), optional(0.2, oneOf(BOT, "OtherBot")), unicode(0, 300), uniformInt(0, 40))
              .map(([name, bot, args, length]) => ({
                text: `/${name}${bot ? `@${bot}` : ""} ${args}`,
                entities: [{ type: "bot_command", offset: 0, length }],
              })),
          ),
        ],
        [
          1,
          message(
            fc
              .tuple(fc.array(unicode(1, 40), { maxLength: 3 }), optional(0.5, unicode(0, 200)))
              .map(([fileIds, caption]) =>
                defined({
                  photo: fileIds.map((file_id) => ({ file_id, file_unique_id: "u", width: 1, height: 1 })),
                  caption,
                }),
              ),
          ),
        ],
        [
          1,
          message(
            fc
              .tuple(uniformInt(-200_000_000, 200_000_000), uniformInt(-400_000_000, 400_000_000))
              .map(([lat, lon]) => ({ location: { latitude: lat / 1e6, longitude: lon / 1e6 } })),
          ),
        ],
        [
          1,
          message(
            fc
              .tuple(unicode(10), oneOf("image/jpeg", "application/pdf", "image/", ""))
              .map(([file_id, mime_type]) => ({ document: { file_id, mime_type } })),
          ),
        ],
        [
          1,
          fc
            .record({
              id: unicode(1, 20),
              data: weighted(
                [50, unicode(0, 64)],
                [
                  50,
                  fc
                    .tuple(oneOf("tip", "ak", "q", "cp", "expired", "zz"), unicode(0, 30))
                    .map(([prefix, rest]) => `${prefix}:${rest}`),
                ],
              ),
              message: optional(
                0.9,
                uniformInt(1, 1000).map((id): Json => ({ message_id: id, date: 0, chat })),
              ),
            })
            .map(({ id, data, message }) => ({
              update_id,
              callback_query: defined({ id, from, chat_instance: "1", data, message }),
            })),
        ],
        [
          1,
          fc
            .tuple(anyOf(oneOf("member", "administrator", "left", "kicked", "restricted"), unicode(4)), fc.boolean())
            .map(([status, is_member]) => ({
              update_id,
              my_chat_member: {
                chat,
                from,
                date: 0,
                old_chat_member: { status: "member", user: from },
                new_chat_member: { status, is_member, user: from },
              },
            })),
        ],
        [
          1,
          fc
            .tuple(
              anyOf(
                oneOf("edited_message", "channel_post", "message_reaction", "poll", "chat_join_request"),
                unicode(6),
              ),
              unicode(20),
            )
            .map(([kind, text]) => ({ update_id, [kind]: { ...base, text } })),
        ],
      );
    });
}

/** Mostly broken: a well-formed update costs a full dispatch, a broken one only validation. */
function broken(valid: JsonObject, wrongShape: [number, fc.Arbitrary<string>]): fc.Arbitrary<string> {
  const text = JSON.stringify(valid);
  return weighted(
    [20, notJson(text)],
    [17, randomJson(3).map((v) => JSON.stringify(v))],
    wrongShape,
    [
      41,
      uniformInt(1, 3)
        .chain((times) => mutated(valid, times))
        .map((v) => JSON.stringify(v)),
    ],
    [12, fc.constant(text)],
  );
}

export function telegramBody(updateId: number): fc.Arbitrary<Body> {
  const secret = weighted<string | undefined>(
    [2, oneOf(undefined, "", "wrong", `${TELEGRAM_SECRET} `, TELEGRAM_SECRET.toUpperCase())],
    [98, fc.constant(TELEGRAM_SECRET)],
  );
  return fc
    .tuple(secret, telegramUpdate(updateId))
    .chain(([secret, valid]) =>
      broken(valid, [
        10,
        oneOf<Json>(null, "1", -5, 1.5, [], {}, true, 2 ** 60).map((id) => JSON.stringify({ ...valid, update_id: id })),
      ]).map((body): Body => ({ platform: "telegram", body, secret })),
    );
}

// ── Zalo bodies ─────────────────────────────────────────────────────────────────────────────

const EVENT_NAMES = [
  "message.text.received",
  "message.text.received",
  "message.text.received",
  "message.image.received",
  "message.sticker.received",
  "message.unsupported.received",
  "user.joined",
];

function zaloUpdate(index: number): fc.Arbitrary<JsonObject> {
  return fc
    .record({
      userId: weighted([90, unicode(1, 24)], [10, uniformInt(1, 999).map((n) => `u${n}`)]),
      group: chance(0.3),
      groupId: unicode(1, 20),
      idSuffix: unicode(3),
      date: anyOf(oneOf(Date.now(), Math.floor(Date.now() / 1000), 0), uniformInt(0, 2 ** 50)),
      displayName: unicode(0, 30),
      isBot: chance(0.05),
      name: weighted([7, oneOf(...EVENT_NAMES)], [1, unicode(8)]),
      textAnyway: chance(0.2),
      text: anyOf(
        randomString,
        fc.tuple(oneOf(...COMMANDS), unicode(0, 200)).map(([name, args]) => `/${name} ${args}`),
        uniformInt(0, 120).map(String),
        uniformInt(1, 9).map((n) => ` ${n}. `),
        oneOf(...COMMANDS).map((name) => `@Kẻng /${name}`),
      ),
      photoKey: oneOf("photo_url", "photo", "url"),
      photo: anyOf(fc.constant("https://example.invalid/a.jpg"), unicode(20), fc.constant("")),
      caption: optional(0.2, unicode(0, 100)),
      quote: optional(0.1, anyOf<Json>(unicode(8), uniformInt(0, 99))),
      bare: chance(0.05),
      wrapped: chance(0.2),
    })
    .map((r) => {
      const message: JsonObject = {
        message_id: `fz-${index}-${r.idSuffix}`,
        date: r.date,
        from: { id: r.userId, display_name: r.displayName, is_bot: r.isBot },
        chat: { id: r.group ? `g${r.groupId}` : r.userId, chat_type: r.group ? "GROUP" : "PRIVATE" },
      };
      if (r.name === "message.text.received" || r.textAnyway) message["text"] = r.text;
      if (r.name === "message.image.received") message[r.photoKey] = r.photo;
      if (r.caption !== undefined) message["caption"] = r.caption;
      if (r.quote !== undefined) message["quote_message_id"] = r.quote;
      const event: JsonObject = r.bare ? { message } : { event_name: r.name, message };
      return r.wrapped ? { ok: true, result: event } : event;
    });
}

export function zaloBody(index: number): fc.Arbitrary<Body> {
  const secret = weighted<string | undefined>(
    [2, oneOf(undefined, "", "wrong-secret", ZALO_SECRET.slice(0, -1))],
    [98, fc.constant(ZALO_SECRET)],
  );
  const refusal = fc
    .tuple(uniformInt(-1, 500), unicode(20))
    .map(([error_code, description]) => JSON.stringify({ ok: false, error_code, description }));
  return fc
    .tuple(secret, zaloUpdate(index))
    .chain(([secret, valid]) => broken(valid, [5, refusal]).map((body): Body => ({ platform: "zalo", body, secret })));
}
