/**
 * Issue 7, at the API level: the sandbox started in-process (local Bot API server, the real bot,
 * the web chat's JSON API and live events) with real Postgres and Redis — seed data, a command
 * round trip, buttons, tips, photos, locations, the admin panel, refusals, restart and --reset.
 */
import { readFile } from "node:fs/promises";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GROUP_TO1, GROUP_TO2, OFFICER_ID, SANDBOX_RELAYED_GROUP } from "../../src/sandbox/personas.js";
import { seedDatabase } from "../../src/sandbox/seed-sandbox.js";
import type { MessageView } from "../../src/sandbox/transcript.js";
import { createTestSandbox, type TestSandbox } from "./sandbox-support.js";
import { botMessageIn, EventStream } from "./sandbox-events.js";
import { testRedisUrl } from "../support/backends.js";

const MAI = 70_101;
const HUNG = 70_002;
const TIP_CODE = /TG-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}/;

let sandbox: TestSandbox;
let events: EventStream;

async function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = { "content-type": "application/json" },
) {
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { message?: MessageView; error?: string } };
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${sandbox.baseUrl}${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

interface State {
  personas: { id: number; name: string; role: string; groups: number[] }[];
  chats: { id: number; kind: string; title: string; members: number[] }[];
  messages: Record<string, MessageView[]>;
  images: { name: string; url: string }[];
  commands: string[];
}

beforeAll(async () => {
  sandbox = await createTestSandbox();
  await sandbox.start();
  events = await EventStream.open(`${sandbox.baseUrl}/sandbox/api/events`);
}, 90_000);

afterAll(async () => {
  events?.close();
  await sandbox?.destroy();
});

describe("the sandbox", () => {
  it("prints its URL and serves the web chat with a strict content security policy", async () => {
    expect(sandbox.printed[0]).toBe(
      `Kẻng sandbox: ${sandbox.baseUrl}/ (listening on 127.0.0.1 only; SANDBOX_HOST=0.0.0.0 opens it to the network)`,
    );
    const page = await fetch(`${sandbox.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('<select id="persona"');
    const script = await fetch(`${sandbox.baseUrl}/sandbox/app.js`);
    expect(script.headers.get("content-type")).toContain("text/javascript");
    expect((await fetch(`${sandbox.baseUrl}/sandbox/%2e%2e%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${sandbox.baseUrl}/sandbox/images/nope.jpg`)).status).toBe(404);
  });

  it("seeds the demo areas, roles, registered groups and personas", async () => {
    const state = await getJson<State>("/sandbox/api/state");
    expect(state.personas.map((p) => `${p.name}:${p.role}`)).toEqual([
      "Cán bộ Lan:officer",
      "Đoàn viên Hùng:propagandist",
      "Chú Bảy bảo vệ:guard",
      "Cô Sáu tổ trưởng:relay",
      "Cô Hạnh tư vấn:counsellor",
      "Chị Mai:resident",
      "Anh Tuấn:resident",
      "Bác Hòa:resident",
      "Em Nam (học sinh):resident",
    ]);
    expect(state.chats.filter((c) => c.kind === "group").map((c) => c.title)).toEqual(["Tổ dân phố 1", "Tổ dân phố 2"]);
    expect(state.chats.filter((c) => c.kind === "private")).toHaveLength(9);
    expect(state.images.length).toBeGreaterThanOrEqual(2);
    expect(state.commands).toEqual(expect.arrayContaining(["keng", "togiac", "trogiup"]));

    const { db } = sandbox.app;
    const areas = await db.area.findMany({ orderBy: { code: "asc" }, include: { parent: true } });
    // Today's two-level map: province › ward › residential groups, each with its kind.
    expect(areas.map((a) => `${a.code}<${a.parent?.code ?? ""}:${a.kind}`)).toEqual([
      "ninhbinh<:tinh",
      "ninhbinh.p5<ninhbinh:phuong",
      "ninhbinh.p5.thcs<ninhbinh.p5:truonghoc",
      "ninhbinh.p5.to1<ninhbinh.p5:todanpho",
      "ninhbinh.p5.to2<ninhbinh.p5:todanpho",
    ]);
    const roles = await db.role.findMany({ where: { revokedAt: null }, include: { user: true, area: true } });
    expect(roles.map((r) => `${r.user.displayName}:${r.role}@${r.area.code}`).sort()).toEqual([
      "Chú Bảy bảo vệ:guard@ninhbinh.p5.to1",
      "Cán bộ Lan:officer@ninhbinh.p5",
      "Cô Hạnh tư vấn:counsellor@ninhbinh.p5.thcs",
      "Cô Sáu tổ trưởng:relay@ninhbinh.p5.to2",
      "Đoàn viên Hùng:propagandist@ninhbinh.p5",
    ]);
    // Tổ dân phố 2's own Zalo group, which the bot cannot enter, reached through Cô Sáu (issue 18 §3).
    const relayed = await db.relayedGroup.findMany({ include: { forwards: true } });
    expect(relayed.map((g) => `${g.name}:${g.members}`)).toEqual(["Nhóm Zalo tổ dân phố 2:85"]);
    const groups = await db.chat.findMany({
      where: { kind: "group" },
      include: { area: true },
      orderBy: { title: "asc" },
    });
    expect(groups.map((g) => `${g.platformChatId}:${g.area?.code}:${g.active}`)).toEqual([
      `${GROUP_TO1}:ninhbinh.p5.to1:true`,
      `${GROUP_TO2}:ninhbinh.p5.to2:true`,
    ]);
  });

  it("round-trips a command: the officer strikes the gong and both groups hear it live", async () => {
    const sent = await post("/sandbox/api/send", {
      persona: OFFICER_ID,
      chat: OFFICER_ID,
      text: "/keng cao Phát hiện đối tượng trộm xe máy ở ngõ 12",
    });
    expect(sent.status).toBe(200);
    expect(sent.body.message?.from).toEqual({ kind: "person", id: OFFICER_ID, name: "Cán bộ Lan" });
    // No unit name is set: the ward's kind words the sender.
    const alert = await events.waitFor(
      botMessageIn(GROUP_TO1, /TIẾNG KẺNG AN NINH[\s\S]*Công an phường 5[\s\S]*ngõ 12/),
    );
    await events.waitFor(botMessageIn(GROUP_TO2, /TIẾNG KẺNG AN NINH/));
    await events.waitFor(botMessageIn(OFFICER_ID, /K\d+/));
    // Cô Sáu, the relay of tổ dân phố 2's Zalo group, has it privately, ready to forward (issue 18 §3).
    const relayed = await events.waitFor(
      botMessageIn(SANDBOX_RELAYED_GROUP.relayId, /TIẾNG KẺNG AN NINH[\s\S]*ngõ 12/),
    );
    if (relayed.type !== "message") throw new Error("not a message");
    expect(relayed.message.keyboard.flat().map((b) => b.text)).toEqual(["📤 Đã chuyển vào nhóm"]);
    if (alert.type !== "message") throw new Error("not a message");
    expect(alert.message.keyboard.flat().map((b) => b.text)).toEqual(["✅ Đã nhận", "📮 Báo tin", "🔔 Báo động"]);
    expect(alert.message.entities.some((e) => e.type === "bold")).toBe(true);
    const state = await getJson<State>("/sandbox/api/state");
    expect(state.messages[String(GROUP_TO1)]?.map((m) => m.id)).toContain(alert.message.id);
  });

  it("answers a resident's ✅ Đã nhận with a toast meant for that resident", async () => {
    const state = await getJson<State>("/sandbox/api/state");
    const alert = state.messages[String(GROUP_TO1)]?.find((m) => m.keyboard.length > 0);
    const ack = alert?.keyboard.flat().find((b) => b.text.includes("Đã nhận"));
    expect(ack?.data).toBeDefined();
    const pressed = await post("/sandbox/api/press", {
      persona: MAI,
      chat: GROUP_TO1,
      message: alert?.id,
      data: ack?.data,
    });
    expect(pressed.status).toBe(200);
    const answer = await events.waitFor((e) => e.type === "answer" && e.personaId === MAI);
    expect(answer.type === "answer" && answer.text).toContain("Cảm ơn");
  });

  it("takes a tip in the private chat and answers with a tracking code", async () => {
    await post("/sandbox/api/send", {
      persona: MAI,
      chat: MAI,
      text: "/togiac Có người lạ hay tụ tập ở cuối ngõ 12 vào ban đêm",
    });
    // Her first tip: the privacy notice comes first, and "📮 Gửi tin" sends the tip.
    const notice = await events.waitFor(botMessageIn(MAI, /Trước khi gửi/), 20_000);
    if (notice.type !== "message") throw new Error("not a message");
    const send = notice.message.keyboard.flat().find((b) => b.text.includes("📮"));
    expect(
      (await post("/sandbox/api/press", { persona: MAI, chat: MAI, message: notice.message.id, data: send?.data }))
        .status,
    ).toBe(200);
    const receipt = await events.waitFor(botMessageIn(MAI, TIP_CODE), 20_000);
    expect(receipt.type === "message" && receipt.message.text).toMatch(TIP_CODE);
  });

  it("lets the pre-made officer open the console (issue 21) from the link the bot sends in the web chat", async () => {
    await post("/sandbox/api/send", { persona: OFFICER_ID, chat: OFFICER_ID, text: "/bangdieukhien" });
    const sent = await events.waitFor(botMessageIn(OFFICER_ID, /\/console\/open\//), 20_000);
    if (sent.type !== "message") throw new Error("not a message");
    const link = /https?:\/\/[^\s]+\/console\/open\/([A-Za-z0-9_-]+)/.exec(sent.message.text);
    expect(link?.[0]).toContain(`:${new URL(sandbox.baseUrl).port}/console/open/`);
    const opened = await fetch(`${sandbox.baseUrl}/console/open`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ link: link?.[1] ?? "" }).toString(),
    });
    expect(opened.status).toBe(303);
    const cookie = opened.headers.get("set-cookie")?.split(";")[0] ?? "";
    const inbox = await fetch(`${sandbox.baseUrl}/console/tips`, { headers: { cookie } });
    expect(inbox.status).toBe(200);
    expect(await inbox.text()).toContain("Tin tố giác");
  });

  it("sends a bundled photo and a location as the persona, and serves the photo's bytes", async () => {
    const photo = await post("/sandbox/api/photo", {
      persona: HUNG,
      chat: GROUP_TO2,
      image: "xe-may-la",
      caption: "Xe lạ",
    });
    expect(photo.status).toBe(200);
    expect(photo.body.message?.text).toBe("Xe lạ");
    const bytes = await fetch(`${sandbox.baseUrl}${photo.body.message?.photoUrl ?? ""}`);
    expect(bytes.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(
      await readFile(new URL("../../src/sandbox/web/images/xe-may-la.jpg", import.meta.url)),
    );
    const location = await post("/sandbox/api/location", { persona: HUNG, chat: GROUP_TO2 });
    expect(location.body.message?.location).toEqual({ latitude: 21.0285, longitude: 105.8542 });
    await events.waitFor(
      (e) => e.type === "message" && e.message.chatId === GROUP_TO2 && e.message.location !== undefined,
    );
  });

  it("shows queue counts, the last deliveries and the CAP feed in the admin panel", async () => {
    const admin = await getJson<{
      queues: { name: string; done: number }[];
      deliveries: { chat: { name: string } | null; status: string; source: string | null; preview: string }[];
      capFeed: string;
    }>("/sandbox/api/admin");
    expect(admin.queues.map((q) => q.name).slice(0, 2)).toEqual(["deliver", "tips"]);
    expect(admin.queues[0]?.done).toBeGreaterThanOrEqual(3);
    const toGroup = admin.deliveries.find((d) => d.chat?.name === "Tổ dân phố 1" && d.source?.startsWith("alert:"));
    expect(toGroup?.preview).toContain("TIẾNG KẺNG AN NINH");
    expect(admin.deliveries.some((d) => d.chat === null)).toBe(true); // the tipster's receipt: sealed, unnamed
    expect(admin.capFeed).toBe("/cap/alerts.xml");
    const feed = await fetch(`${sandbox.baseUrl}${admin.capFeed}`);
    expect(await feed.text()).toContain("ngõ 12");
  });

  it("refuses malformed, cross-site and out-of-place requests", async () => {
    expect(
      (await post("/sandbox/api/send", { persona: MAI, chat: MAI, text: "hi" }, { "content-type": "text/plain" }))
        .status,
    ).toBe(415);
    expect((await post("/sandbox/api/send", "{not json")).status).toBe(400);
    expect((await post("/sandbox/api/send", { persona: MAI, chat: MAI, text: "   " })).status).toBe(400);
    expect((await post("/sandbox/api/send", { persona: MAI, chat: GROUP_TO2, text: "hi" })).status).toBe(403);
    expect((await post("/sandbox/api/send", { persona: 1, chat: 1, text: "hi" })).status).toBe(400);
    expect((await post("/sandbox/api/press", { persona: MAI, chat: GROUP_TO1, message: 1, data: "ak:1" })).status).toBe(
      409,
    );
    expect((await post("/sandbox/api/photo", { persona: MAI, chat: MAI, image: "../secret" })).status).toBe(400);
    expect((await post("/sandbox/api/photo", { persona: MAI, chat: MAI, image: "nope" })).status).toBe(400);
  });
});

describe("restarting the sandbox", () => {
  it("keeps the database, seeds idempotently and still answers commands", async () => {
    const alertsBefore = await sandbox.app.db.alert.count();
    await seedDatabase(sandbox.app.db);
    events.close();
    await sandbox.stop();
    await sandbox.start();
    events = await EventStream.open(`${sandbox.baseUrl}/sandbox/api/events`);
    const { db } = sandbox.app;
    expect(await db.alert.count()).toBe(alertsBefore);
    expect(await db.role.count()).toBe(5);
    expect(await db.relayedGroup.count()).toBe(1);
    expect(await db.chat.count({ where: { kind: "group" } })).toBe(2);
    // The local server starts empty, but update and message ids continue above the old ones.
    await post("/sandbox/api/send", { persona: MAI, chat: MAI, text: "/trogiup" });
    await events.waitFor(botMessageIn(MAI, /\/togiac/));
  }, 60_000);

  it("starts afresh with --reset: a new database and no Redis keys under the sandbox prefix", async () => {
    const redis = new Redis(testRedisUrl);
    await redis.set(`${sandbox.redisPrefix}:probe`, "1");
    events.close();
    await sandbox.stop();
    await sandbox.start({ reset: true });
    expect(await redis.exists(`${sandbox.redisPrefix}:probe`)).toBe(0);
    await redis.quit();
    const { db } = sandbox.app;
    expect(await db.alert.count()).toBe(0);
    expect(await db.tip.count()).toBe(0);
    expect(await db.area.count()).toBe(5);
    expect(await db.role.count()).toBe(5);
  }, 120_000);
});
