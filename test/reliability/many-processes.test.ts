/**
 * Many processes, one engine (issue 16): the shape of a province. Two inbound processes in webhook
 * mode behind a round-robin load balancer, two workers and one scheduler, each a separate process
 * with its own KENG_ROLES, on one PostgreSQL database and the local Redis, against the fake Bot API
 * server enforcing Telegram's limits (30 sends/s bot-wide, 20/min per group, 1/s per private chat).
 * A 300-group alert, and residents pressing «Đã nhận» as it reaches their group: no 429, every group
 * has the alert once, every press is answered once.
 */
import { randomBytes } from "node:crypto";
import { dropRedisPrefix } from "../support/redis-prefix.js";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { createDb, type Db } from "../../src/db/client.js";
import { FakeTelegramServer, type StoredMessage } from "../../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { spawnApp, type ChildApp } from "../support/child-app.js";
import { createTestDatabase } from "../support/databases.js";
import { freePort } from "../support/net.js";
import { ALERT_MARK, report, seconds, waitForProgress } from "./support/broadcast.js";
import { RoundRobinProxy } from "./support/round-robin-proxy.js";

const GROUPS = 300;
const PRESSES_PER_GROUP = 2;
const SECRET = "scale-webhook-secret_0123456789";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const officer: FakeUserInput = { id: 9_300_000_001, first_name: "Lan", language_code: "vi" };
const groupIds = Array.from({ length: GROUPS }, (_, i) => -(4_000_000 + i));
const resident = (group: number, n: number): FakeUserInput => ({
  id: 9_400_000_000 + group * PRESSES_PER_GROUP + n,
  first_name: `Dân ${group}.${n}`,
  language_code: "vi",
});

let fake: FakeTelegramServer;
let database: { url: string; drop: () => Promise<void> };
let db: Db;
let proxy: RoundRobinProxy;
let prefix: string;
const processes = new Map<string, ChildApp>();
const workerPorts: number[] = [];

beforeAll(async () => {
  fake = new FakeTelegramServer({ botUsername: "KengScaleBot", limits: {}, allowInsecureWebhooks: true });
  await fake.start();
  database = await createTestDatabase();
  db = createDb(database.url);
  const area = await db.area.create({ data: { code: "hanam", name: "Tỉnh Hà Nam" } });
  const user = await db.user.create({
    data: { platform: "telegram", platformUserId: String(officer.id), displayName: "Lan" },
  });
  await db.role.create({ data: { userId: user.id, areaId: area.id, role: "officer" } });
  fake.addPrivateChatUser(officer);
  groupIds.forEach((id, i) => fake.addGroup({ id, title: `Tổ ${i}` }));
  await db.chat.createMany({
    data: groupIds.map((id, i) => ({
      platform: "telegram" as const,
      platformChatId: String(id),
      kind: "group" as const,
      title: `Tổ ${i}`,
      areaId: area.id,
    })),
  });

  const inboundPorts = [await freePort(), await freePort()];
  workerPorts.push(await freePort(), await freePort());
  proxy = new RoundRobinProxy(inboundPorts);
  const proxyPort = await proxy.start();
  prefix = `keng-scale-${randomBytes(4).toString("hex")}`;
  // One environment for the whole deployment, as an .env file would give it; only roles and ports differ.
  const env = {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_MODE: "webhook",
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${proxyPort}/telegram/webhook`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    TIP_SEAL_KEY: randomBytes(32).toString("base64"),
    ALERT_SIGNING_KEY: randomBytes(32).toString("base64"),
    COVERAGE_REPORT_AT: "off",
  };
  inboundPorts.forEach((port, i) =>
    processes.set(`inbound-${i + 1}`, spawnApp({ ...env, KENG_ROLES: "inbound,http", PORT: String(port) })),
  );
  // The workers serve /metrics too (KENG_ROLES with http, no webhook route without inbound): who sent what.
  workerPorts.forEach((port, i) =>
    processes.set(`worker-${i + 1}`, spawnApp({ ...env, KENG_ROLES: "worker,http", PORT: String(port) })),
  );
  processes.set("scheduler", spawnApp({ ...env, KENG_ROLES: "scheduler" }));
  // Every process calls getMe once its roles run; an inbound one then sets the webhook.
  await fake.waitForCalls("getMe", processes.size, 120_000);
  await fake.waitForCalls("setWebhook", inboundPorts.length, 120_000);
}, 180_000);

afterAll(async () => {
  for (const app of processes.values()) app.child.kill("SIGKILL");
  await Promise.all([...processes.values()].map((app) => app.exited));
  await proxy?.stop();
  await fake?.stop();
  await db?.$disconnect();
  await database?.drop();
  await dropRedisPrefix(REDIS_URL, prefix);
});

describe("two inbound, two workers, one scheduler", () => {
  it("set each command menu once: one inbound process keeps the menus", () => {
    // Both inbound processes registered their menus before setting the webhook (beforeAll waited for both).
    const perMenu = new Map<string, number>();
    for (const call of fake.calls.filter((c) => c.method === "setMyCommands")) {
      const key = `${JSON.stringify(call.params.scope)} ${String(call.params.language_code ?? "")}`;
      perMenu.set(key, (perMenu.get(key) ?? 0) + 1);
    }
    // Private chats and groups, in Vietnamese, English and the default language; the officer's own.
    expect(perMenu.size).toBe(7);
    expect([...perMenu].filter(([, n]) => n !== 1)).toEqual([]);
  });

  it("strike to 300 groups and a burst of acknowledgements: Telegram's limits held, nothing twice", async () => {
    onTestFailed(() => {
      for (const [name, app] of processes) console.error(`${name} log tail:\n${app.output().slice(-3000)}`);
    });
    // Residents press «Đã nhận» as soon as the alert reaches their group.
    const pressed: string[] = [];
    fake.on("botMessage", (message: StoredMessage) => {
      const ack = message.buttons.find((b) => b.callback_data?.startsWith("ak:"))?.callback_data;
      const group = groupIds.indexOf(message.chatId);
      if (!ack || group < 0) return;
      for (let n = 0; n < PRESSES_PER_GROUP; n++) {
        const update = fake.pressButton({
          chatId: message.chatId,
          from: resident(group, n),
          messageId: message.messageId,
          data: ack,
        });
        if (update.callback_query) pressed.push(update.callback_query.id);
      }
    });
    const startedAt = Date.now();
    fake.sendText({ chatId: officer.id, from: officer, text: "/keng khan Cháy lớn tại chợ, bà con tránh khu vực" });

    const alertsIn = (id: number) => fake.messagesIn(id).filter((m) => m.plainText.includes(ALERT_MARK)).length;
    const answerCalls = () => fake.calls.filter((c) => c.method === "answerCallbackQuery");
    const crashed = () => [...processes].find(([, app]) => app.child.exitCode !== null);
    await waitForProgress({
      measure: () => {
        const dead = crashed();
        if (dead) throw new Error(`${dead[0]} exited (${dead[1].child.exitCode}):\n${dead[1].output().slice(-3000)}`);
        return groupIds.filter((id) => alertsIn(id) > 0).length + answerCalls().length;
      },
      target: GROUPS + GROUPS * PRESSES_PER_GROUP,
      stallMs: 60_000,
    });
    const doneMs = Date.now() - startedAt;
    await new Promise((r) => setTimeout(r, 1500)); // late duplicates would show here

    const perGroup = groupIds.map(alertsIn);
    const answersPerQuery = new Map<string, number>();
    for (const call of answerCalls())
      answersPerQuery.set(
        String(call.params.callback_query_id),
        (answersPerQuery.get(String(call.params.callback_query_id)) ?? 0) + 1,
      );
    const sentBy = await Promise.all(workerPorts.map(sentByWorker));
    report("many-processes", {
      groups: GROUPS,
      presses: pressed.length,
      alertToAllGroupsAndAnswersSeconds: seconds(doneMs),
      sends: fake.stats.sends,
      rateLimited429: fake.stats.rateLimited429,
      webhookPerInbound: [...proxy.answered.values()].join("/"),
      sentPerWorker: sentBy.join("/"),
    });

    expect(fake.stats.rateLimited429).toBe(0);
    expect(perGroup.filter((n) => n !== 1)).toEqual([]);
    expect(pressed).toHaveLength(GROUPS * PRESSES_PER_GROUP);
    expect(pressed.filter((id) => answersPerQuery.get(id) !== 1)).toEqual([]);
    expect(answersPerQuery.size).toBe(pressed.length);
    // What each resident read: the thanks for their own, first, press.
    const answers = fake.callbackAnswers.filter((a) => pressed.includes(a.callbackQueryId));
    expect(answers.filter((a) => !a.text?.includes("Cảm ơn bạn đã xác nhận"))).toEqual([]);
    expect(await db.alertAck.count()).toBe(GROUPS * PRESSES_PER_GROUP);
    // The work was really shared: both inbound processes took updates, both workers sent.
    expect(fake.stats.webhookDropped).toBe(0);
    expect([...proxy.answered.values()].every((n) => n > GROUPS / 2)).toBe(true);
    expect(sentBy.every((n) => n > GROUPS / 10)).toBe(true);
  }, 240_000);
});

/** Deliveries a worker process has sent, from its GET /metrics. */
async function sentByWorker(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text
    .split("\n")
    .find(
      (l) =>
        l.startsWith("keng_deliveries_total{") && l.includes('outcome="sent"') && l.includes('platform="telegram"'),
    );
  return Number(line?.split(" ").at(-1) ?? 0);
}
