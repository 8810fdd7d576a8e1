/**
 * Acknowledgement storm (issue 20): an alert in GROUPS groups, then PRESSES "✅ Đã nhận" presses by
 * as many residents offered evenly within one second to one bot process. Measured per press, from
 * queueing it at the fake Telegram server to its answer arriving there (answerCallbackQuery, or the
 * webhook reply that carries it): how many were answered (and none twice), how many acknowledgements
 * the database recorded, p50/p99, throughput (presses answered per second from the first press to
 * the last answer) and the bot's CPU per press. The same presses then go to a bare telegraf bot that
 * only answers them (bench/bare-telegraf-bot.ts), in the same run on the same fake: Kẻng's
 * throughput is reported as a ratio of that one. `BENCH_STORM_MODES=polling,webhook` (default both)
 * picks how Kẻng receives the updates; the reference always polls.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import { FakeTelegramServer } from "../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../src/sandbox/fake-telegram/index.js";
import { spawnApp, type ChildApp } from "../test/support/child-app.js";
import { freePort } from "../test/support/net.js";
import { cpuMs, ms, percentile } from "./inbound-load.js";
import { appEnv, createBenchDatabase, seedArea, sleep, stopAppProcess, type BenchBackend } from "./support.js";

type Row = [string, string, string];

const GROUPS = 50;
const PRESSES = Number(process.env.BENCH_STORM_PRESSES ?? 1000);
const BASE = 6_500_000;
const FIRST_USER = 900_000;

interface Target {
  readonly chatId: number;
  readonly messageId: number;
  readonly data: string;
}

interface StormResult {
  readonly answered: number;
  readonly twice: number;
  readonly p50: number;
  readonly p99: number;
  readonly perSecond: number;
  readonly cpuPerPress: number;
}

export async function benchAckStorm(backend: BenchBackend): Promise<Row[]> {
  const modes = (process.env.BENCH_STORM_MODES ?? "polling,webhook").split(",").map((m) => m.trim());
  const rows: Row[] = [];
  const results: { label: string; result: StormResult; recorded?: number }[] = [];
  let round = 0;
  for (const mode of modes) {
    if (mode !== "polling" && mode !== "webhook") throw new Error(`BENCH_STORM_MODES: "${mode}"`);
    const fake = new FakeTelegramServer({ botUsername: "KengStormBot", limits: {}, allowInsecureWebhooks: true });
    await fake.start();
    const database = await createBenchDatabase();
    let app: ChildApp | undefined;
    try {
      const { officer } = await seedArea({
        db: database.db,
        fake,
        code: "storm",
        officerId: 778_101,
        groups: GROUPS,
        base: BASE,
      });
      const port = await freePort();
      const webhook: Record<string, string> =
        mode === "webhook"
          ? {
              TELEGRAM_MODE: "webhook",
              TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
              TELEGRAM_WEBHOOK_SECRET: "bench-storm-secret",
              PORT: String(port),
            }
          : {};
      // The pool a deployed process has (README: 20), not the tests' small one (child-app.ts).
      const pool = { DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? "20" };
      app = spawnApp({ ...appEnv({ fake, databaseUrl: database.url, backend }), ...pool, ...webhook });
      await fake.waitForCalls(mode === "webhook" ? "setWebhook" : "deleteWebhook", 1, 60_000);
      const targets = await alertTargets(fake, officer);
      const pid = app.child.pid ?? 0;
      const kengResult = await storm(fake, targets, round++, pid);
      const recorded = await database.db.alertAck.count();
      results.push({ label: `Kẻng (${mode})`, result: kengResult, recorded });
      await stopAppProcess(app);
      app = undefined;
      if (mode === "webhook") await fetch(`${fake.apiRoot}/bot${fake.token}/deleteWebhook`, { method: "POST" });
      // The reference, on the same fake and the same alert messages, right after.
      const reference = spawnReference(fake);
      try {
        await fake.waitForCalls("deleteWebhook", 2, 60_000);
        await sleep(500);
        results.push({
          label: `bare telegraf (${mode} run)`,
          result: await storm(fake, targets, round++, reference.pid ?? 0),
        });
      } finally {
        reference.kill("SIGTERM");
      }
    } finally {
      app?.child.kill("SIGKILL");
      await fake.stop();
      await database.drop();
    }
  }
  const load = os.loadavg()[0]?.toFixed(1) ?? "?";
  for (const { label, result, recorded } of results) {
    const head = `storm ${PRESSES} presses in 1 s → ${label}`;
    rows.push([
      `${head}: answered (twice) · recorded`,
      `${result.answered} of ${PRESSES} (${result.twice}) · ${recorded ?? "—"}`,
      "all, once",
    ]);
    rows.push([`${head}: press → answer p50 / p99`, `${ms(result.p50)} / ${ms(result.p99)}`, "p99 < 1 s"]);
    rows.push([
      `${head}: answered per second · CPU per press`,
      `${result.perSecond.toFixed(0)}/s · ${result.cpuPerPress.toFixed(2)} ms`,
      "≥ 0.8× bare telegraf · ≤ 1 ms",
    ]);
  }
  for (let i = 0; i + 1 < results.length; i += 2) {
    const keng = results[i];
    const bare = results[i + 1];
    if (keng && bare)
      rows.push([
        `storm: ${keng.label} throughput ÷ bare telegraf's`,
        `${(keng.result.perSecond / bare.result.perSecond).toFixed(2)} (machine load average ${load})`,
        "≥ 0.8",
      ]);
  }
  return rows;
}

function spawnReference(fake: FakeTelegramServer) {
  const root = new URL("../", import.meta.url).pathname;
  const child = spawn(process.execPath, ["--import", "tsx", "bench/bare-telegraf-bot.ts"], {
    cwd: root,
    env: { ...process.env, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return child;
}

/** The officer's "tb" alert, and its ✅ button in every group. */
async function alertTargets(fake: FakeTelegramServer, officer: FakeUserInput): Promise<Target[]> {
  fake.sendText({ chatId: officer.id, from: officer, text: "/keng tb Bench: bà con bấm Đã nhận" });
  const groups = Array.from({ length: GROUPS }, (_, i) => -(BASE + i));
  const collect = () =>
    groups.flatMap((chatId) => {
      const message = fake.messagesIn(chatId).find((m) => m.buttons.some((b) => b.callback_data?.startsWith("ak:")));
      const data = message?.buttons.find((b) => b.callback_data?.startsWith("ak:"))?.callback_data;
      return message && data ? [{ chatId, messageId: message.messageId, data }] : [];
    });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && collect().length < GROUPS) await sleep(250);
  const targets = collect();
  if (targets.length < GROUPS) throw new Error(`storm bench: the alert reached ${targets.length} of ${GROUPS} groups`);
  await sleep(1500); // the officer's progress message and the fan-out's tail settle
  return targets;
}

/** PRESSES presses from as many residents, spread evenly over one second; waits for the answers. */
async function storm(fake: FakeTelegramServer, targets: readonly Target[], round: number, pid: number) {
  const sent = new Map<string, number>();
  const answers = new Map<string, number>();
  const callsBefore = fake.calls.length;
  const onAnswer = (answer: { callbackQueryId: string; time: number }) => {
    if (sent.has(answer.callbackQueryId) && !answers.has(answer.callbackQueryId))
      answers.set(answer.callbackQueryId, answer.time);
  };
  fake.on("callbackAnswer", onAnswer);
  const cpuAtStart = cpuMs(pid);
  const start = Date.now();
  let n = 0;
  while (n < PRESSES) {
    const due = Math.min(PRESSES, Math.floor(((Date.now() - start) * PRESSES) / 1000) + 1);
    for (; n < due; n++) {
      const target = targets[n % targets.length];
      if (!target) throw new Error("no target");
      const from = { id: FIRST_USER + round * PRESSES + n, first_name: "Cư dân", language_code: "vi" };
      const id = fake.pressButton({ chatId: target.chatId, from, messageId: target.messageId, data: target.data })
        .callback_query?.id;
      if (id) sent.set(id, Date.now());
    }
    await sleep(2);
  }
  const deadline = Date.now() + 30_000;
  while (answers.size < PRESSES && Date.now() < deadline) await sleep(50);
  await sleep(500); // a second answer to the same press would come now
  const cpuPerPress = (cpuMs(pid) - cpuAtStart) / PRESSES;
  fake.off("callbackAnswer", onAnswer);
  const latencies = [...answers].map(([id, at]) => at - (sent.get(id) ?? NaN));
  const lastAnswer = Math.max(...answers.values());
  // An answer the fake refused (the press was answered already) is a call all the same.
  const attempts = new Map<string, number>();
  for (const call of fake.calls.slice(callsBefore))
    if (call.method === "answerCallbackQuery") {
      const id = String(call.params["callback_query_id"]);
      attempts.set(id, (attempts.get(id) ?? 0) + 1);
    }
  return {
    answered: answers.size,
    twice: [...attempts.values()].filter((count) => count > 1).length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: (answers.size * 1000) / Math.max(1, lastAnswer - start),
    cpuPerPress,
  };
}
