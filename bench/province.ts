/**
 * Province scale (issue 20): GROUPS registered groups (10,000; BENCH_PROVINCE_GROUPS for a quicker
 * run), an officer's alert to all of them, PRESSES "✅ Đã nhận" presses over the following
 * PRESS_SECONDS by as many residents (each on a group the alert has reached by then), and TIP_RATE
 * tips a second throughout, until the alert has reached every group. Run twice: one process with
 * every role, then the shape of a multi-process deployment — two inbound processes in webhook mode
 * behind a round-robin proxy (test/reliability/support/round-robin-proxy.ts), two workers, one
 * scheduler. Both receive updates by webhook, so only the split differs.
 *
 * Measured: reach rate (groups reached per second from the alert command to the last group, as a
 * share of Telegram's 30/s), 429s, press → answer p99 (queued at the fake → answerCallbackQuery or
 * the webhook reply), tip stored p99 (Tip.createdAt − the `/togiac` queued at the fake), and each
 * process's peak RSS. The tipsters each sent one tip before (so the privacy notice is behind them and
 * `/togiac <text>` stores at once) and send at most four more (the limit is five an hour).
 *
 * `BENCH_PROVINCE_SHAPES=one,split` (default both) picks the runs.
 */
import { randomBytes } from "node:crypto";
import { FakeTelegramServer } from "../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../src/sandbox/fake-telegram/index.js";
import { spawnApp, type ChildApp } from "../test/support/child-app.js";
import { freePort } from "../test/support/net.js";
import { RoundRobinProxy } from "../test/reliability/support/round-robin-proxy.js";
import { ms, percentile } from "./inbound-load.js";
import {
  appEnv,
  createBenchDatabase,
  rssMb,
  seedArea,
  sleep,
  type BenchBackend,
  type BenchDatabase,
} from "./support.js";

type Row = [string, string, string];

const GROUPS = Number(process.env.BENCH_PROVINCE_GROUPS ?? 10_000);
const PRESSES = Number(process.env.BENCH_PROVINCE_PRESSES ?? 20_000);
const PRESS_SECONDS = 60;
const TIP_RATE = Number(process.env.BENCH_PROVINCE_TIP_RATE ?? 10);
/** Tips each tipster sends during the run, after the one before it (five an hour at most). */
const TIPS_EACH = 4;
const BASE = 7_000_000;
const OFFICER = 779_501;
const FIRST_TIPSTER = 1_500_000;
const FIRST_PRESSER = 2_000_000;
const CODE = /\b[A-Z]{2}-[A-Z0-9]{6}\b/;
const SECRET = "bench-province-secret";

interface Shape {
  readonly name: string;
  readonly processes: ChildApp[];
  readonly labels: string[];
  stop(): Promise<void>;
}

export async function benchProvince(backend: BenchBackend): Promise<Row[]> {
  const rows: Row[] = [];
  const shapes = (process.env.BENCH_PROVINCE_SHAPES ?? "one,split").split(",").map((s) => s.trim());
  for (const shape of shapes) {
    if (shape !== "one" && shape !== "split") throw new Error(`BENCH_PROVINCE_SHAPES: "${shape}"`);
    rows.push(...(await runShape(shape, backend)));
  }
  return rows;
}

async function runShape(shapeName: "one" | "split", backend: BenchBackend): Promise<Row[]> {
  const fake = new FakeTelegramServer({ botUsername: "KengProvinceBot", limits: {}, allowInsecureWebhooks: true });
  await fake.start();
  const database = await createBenchDatabase();
  let shape: Shape | undefined;
  try {
    const { officer } = await seedArea({
      db: database.db,
      fake,
      code: "tinh",
      officerId: OFFICER,
      groups: GROUPS,
      base: BASE,
    });
    const fanOutSeconds = GROUPS / 29 + 5;
    const tipsters = await seedTipsters(database, fake, Math.ceil((TIP_RATE * fanOutSeconds) / TIPS_EACH));
    shape = await startShape(shapeName, fake, database, backend);
    await warmUpTipsters(fake, tipsters);

    const label = `province ${GROUPS} groups, ${shape.name}`;
    const peak = new Map<number, number>();
    const sampler = setInterval(() => {
      for (const app of shape?.processes ?? []) {
        const pid = app.child.pid ?? 0;
        peak.set(pid, Math.max(peak.get(pid) ?? 0, rssMb(pid)));
      }
    }, 1000);
    const reachedAt = new Map<number, { at: number; messageId: number; data: string }>();
    const onMessage = (m: { chatId: number; messageId: number; buttons: { callback_data?: string }[] }) => {
      const data = m.buttons.find((b) => b.callback_data?.startsWith("ak:"))?.callback_data;
      if (m.chatId < 0 && data && !reachedAt.has(m.chatId))
        reachedAt.set(m.chatId, { at: Date.now(), messageId: m.messageId, data });
    };
    fake.on("botMessage", onMessage);
    const callsBefore = fake.calls.length;
    const alertAt = Date.now();
    fake.sendText({ chatId: officer.id, from: officer, text: "/keng tb Bench tỉnh: bà con bấm Đã nhận" });

    const tips = sendTips(fake, tipsters, alertAt, fanOutSeconds);
    const presses = await pressStorm(fake, reachedAt);
    const deadline = alertAt + fanOutSeconds * 2000 + 60_000;
    while (reachedAt.size < GROUPS && Date.now() < deadline) await sleep(500);
    const tipSent = await tips;
    await sleep(3000);
    clearInterval(sampler);
    fake.off("botMessage", onMessage);
    const stored = await storedLatencies(database, tipSent);
    const reached = [...reachedAt.values()].map((r) => r.at);
    const lastReached = Math.max(...reached);
    const reachRate = (reachedAt.size * 1000) / Math.max(1, lastReached - alertAt);
    const calls = fake.calls.slice(callsBefore);
    const refused = calls.filter((c) => c.status === 429).length;
    const pressLatencies = [...presses.answers].map(([id, at]) => at - (presses.sent.get(id) ?? NaN));
    const rss = shape.processes
      .map((app, i) => `${shape?.labels[i] ?? "?"} ${(peak.get(app.child.pid ?? 0) ?? 0).toFixed(0)}`)
      .join(", ");
    return [
      [
        `${label}: alert reach rate (groups reached)`,
        `${reachRate.toFixed(1)}/s = ${((reachRate / 30) * 100).toFixed(1)} % of 30/s (${reachedAt.size} of ${GROUPS} in ${((lastReached - alertAt) / 1000).toFixed(0)} s), 429s: ${refused}`,
        "≥ 95 % of 30/s, 0",
      ],
      [
        `${label}: presses answered · p50 / p99`,
        `${presses.answers.size} of ${presses.sent.size} · ${ms(percentile(pressLatencies, 50))} / ${ms(percentile(pressLatencies, 99))}`,
        "p99 < 1 s",
      ],
      [
        `${label}: tips stored · p50 / p99`,
        `${stored.length} of ${tipSent.size} · ${ms(percentile(stored, 50))} / ${ms(percentile(stored, 99))}`,
        "p99 < 200 ms",
      ],
      [`${label}: peak RSS per process (MB)`, rss, "< 250 MB each"],
    ];
  } finally {
    await shape?.stop();
    await fake.stop();
    await database.drop();
  }
}

async function startShape(
  name: "one" | "split",
  fake: FakeTelegramServer,
  database: BenchDatabase,
  backend: BenchBackend,
): Promise<Shape> {
  const processes: ChildApp[] = [];
  const labels: string[] = [];
  let proxy: RoundRobinProxy | undefined;
  const inboundPorts = name === "one" ? [await freePort()] : [await freePort(), await freePort()];
  proxy = new RoundRobinProxy(inboundPorts);
  const proxyPort = await proxy.start();
  const env = {
    ...appEnv({ fake, databaseUrl: database.url, backend, prefix: `keng-province-${randomBytes(4).toString("hex")}` }),
    TELEGRAM_MODE: "webhook",
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${proxyPort}/telegram/webhook`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    COVERAGE_REPORT_AT: "off",
    // A deployed process's pool (README), not the tests' small one.
    DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? (name === "one" ? "20" : "10"),
  };
  const spawn = (label: string, extra: Record<string, string>) => {
    labels.push(label);
    processes.push(spawnApp({ ...env, ...extra }));
  };
  if (name === "one") spawn("all roles", { PORT: String(inboundPorts[0]) });
  else {
    inboundPorts.forEach((port, i) => spawn(`inbound ${i + 1}`, { KENG_ROLES: "inbound,http", PORT: String(port) }));
    spawn("worker 1", { KENG_ROLES: "worker" });
    spawn("worker 2", { KENG_ROLES: "worker" });
    spawn("scheduler", { KENG_ROLES: "scheduler" });
  }
  await fake.waitForCalls("getMe", processes.length, 120_000);
  await fake.waitForCalls("setWebhook", inboundPorts.length, 120_000);
  return {
    name: name === "one" ? "one process" : "2 inbound + 2 workers + scheduler",
    processes,
    labels,
    async stop() {
      for (const app of processes) app.child.kill("SIGTERM");
      await Promise.race([Promise.all(processes.map((app) => app.exited)), sleep(10_000)]);
      for (const app of processes) app.child.kill("SIGKILL");
      await proxy?.stop();
      proxy = undefined;
    },
  };
}

/** PRESSES presses over PRESS_SECONDS, each by a new resident on a group the alert has reached. */
async function pressStorm(
  fake: FakeTelegramServer,
  reachedAt: ReadonlyMap<number, { messageId: number; data: string }>,
): Promise<{ sent: Map<string, number>; answers: Map<string, number> }> {
  const sent = new Map<string, number>();
  const answers = new Map<string, number>();
  const onAnswer = (answer: { callbackQueryId: string; time: number }) => {
    if (sent.has(answer.callbackQueryId) && !answers.has(answer.callbackQueryId))
      answers.set(answer.callbackQueryId, answer.time);
  };
  fake.on("callbackAnswer", onAnswer);
  while (reachedAt.size === 0) await sleep(20);
  const start = Date.now();
  let n = 0;
  while (n < PRESSES) {
    const due = Math.min(PRESSES, Math.floor(((Date.now() - start) * PRESSES) / (PRESS_SECONDS * 1000)) + 1);
    const groups = [...reachedAt];
    for (; n < due; n++) {
      const [chatId, target] = groups[n % groups.length] ?? [];
      if (chatId === undefined || !target) continue;
      const from = { id: FIRST_PRESSER + n, first_name: "Cư dân", language_code: "vi" };
      const id = fake.pressButton({ chatId, from, messageId: target.messageId, data: target.data }).callback_query?.id;
      if (id) sent.set(id, Date.now());
    }
    await sleep(10);
  }
  const deadline = Date.now() + 60_000;
  while (answers.size < sent.size && Date.now() < deadline) await sleep(100);
  fake.off("callbackAnswer", onAnswer);
  return { sent, answers };
}

/** TIP_RATE tips a second for `seconds`, spread over the tipsters; resolves with tip number → when queued. */
async function sendTips(
  fake: FakeTelegramServer,
  tipsters: readonly FakeUserInput[],
  start: number,
  seconds: number,
): Promise<Map<number, number>> {
  const sent = new Map<number, number>();
  const count = Math.min(Math.floor(TIP_RATE * seconds), tipsters.length * TIPS_EACH);
  for (let i = 0; i < count;) {
    const due = Math.min(count, Math.floor(((Date.now() - start) * TIP_RATE) / 1000));
    for (; i < due; i++) {
      const from = tipsters[i % tipsters.length];
      if (!from) continue;
      sent.set(i, Date.now());
      fake.sendText({ chatId: from.id, from, text: `/togiac Tin #P${i}: xe lạ đỗ trước nhà số ${i}` });
    }
    await sleep(20);
  }
  return sent;
}

/** Residents seen in a group of the area, so `/togiac <text>` files the tip at once. */
async function seedTipsters(database: BenchDatabase, fake: FakeTelegramServer, count: number) {
  const people: FakeUserInput[] = Array.from({ length: count }, (_, i) => ({
    id: FIRST_TIPSTER + i,
    first_name: `Cư dân ${i}`,
    language_code: "vi",
  }));
  for (const person of people) fake.addPrivateChatUser(person);
  await database.db.user.createMany({
    data: people.map((p) => ({
      platform: "telegram" as const,
      platformUserId: String(p.id),
      displayName: p.first_name,
    })),
  });
  const users = await database.db.user.findMany({
    where: { platformUserId: { in: people.map((p) => String(p.id)) } },
    select: { id: true },
  });
  const groups = await database.db.chat.findMany({ where: { kind: "group" }, select: { id: true }, take: 100 });
  await database.db.chatMember.createMany({
    data: users.map((u, i) => ({ userId: u.id, chatId: groups[i % groups.length]?.id ?? 0 })),
  });
  return people;
}

/** Each tipster sends a first tip and presses "📮 Gửi tin" on the privacy notice; waits for every tracking code. */
async function warmUpTipsters(fake: FakeTelegramServer, tipsters: readonly FakeUserInput[]): Promise<void> {
  const ids = new Set(tipsters.map((t) => t.id));
  const coded = new Set<number>();
  const onMessage = (m: {
    chatId: number;
    messageId: number;
    plainText: string;
    buttons: { text: string; callback_data?: string }[];
  }) => {
    if (!ids.has(m.chatId)) return;
    const notice = m.buttons.find((b) => b.text.includes("📮"));
    if (notice)
      fake.pressButton({
        chatId: m.chatId,
        from: { id: m.chatId, first_name: "Cư dân", language_code: "vi" },
        messageId: m.messageId,
        data: notice.callback_data ?? "",
      });
    else if (CODE.test(m.plainText)) coded.add(m.chatId);
  };
  fake.on("botMessage", onMessage);
  for (const from of tipsters) {
    fake.sendText({ chatId: from.id, from, text: "/togiac Tin làm quen: chào cán bộ" });
    await sleep(30);
  }
  const deadline = Date.now() + 300_000;
  while (coded.size < tipsters.length && Date.now() < deadline) await sleep(250);
  fake.off("botMessage", onMessage);
  if (coded.size < tipsters.length)
    throw new Error(`province bench: ${coded.size} of ${tipsters.length} tipsters ready`);
}

/** Tip.createdAt − the `/togiac` queued at the fake, for the run's tips (matched by the number in the text). */
async function storedLatencies(database: BenchDatabase, sent: ReadonlyMap<number, number>): Promise<number[]> {
  const tips = await database.db.tip.findMany({
    where: { text: { startsWith: "Tin #P" } },
    select: { text: true, createdAt: true },
  });
  return tips.flatMap((tip) => {
    const at = sent.get(Number(/#P(\d+):/.exec(tip.text ?? "")?.[1] ?? NaN));
    return at === undefined ? [] : [tip.createdAt.getTime() - at];
  });
}
