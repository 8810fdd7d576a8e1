/**
 * Alert fan-out (DESIGN.md §8): one alert to 1,000 groups against a fake Telegram server enforcing
 * 30/s overall and 20/min per group; then an alert issued while 1,000 bulk messages are queued.
 * The bot runs in its own process, as in production.
 */
import pino from "pino";
import { openCoordination } from "../src/app/infrastructure.js";
import { loadConfig } from "../src/config.js";
import { FakeTelegramServer } from "../src/sandbox/fake-telegram/index.js";
import { QueuedOutbox } from "../src/queue/outbox.js";
import { createDeliverQueue } from "../src/queue/deliver-queue.js";
import { raw } from "../src/core/text.js";
import {
  appEnv,
  createBenchDatabase,
  seedArea,
  sleep,
  startAppProcess,
  stopAppProcess,
  type BenchBackend,
  type BenchDatabase,
} from "./support.js";

const GROUPS = 1000;
const BASE = 5_000_000;
const isAlert = (text: string) => text.includes("TIẾNG KẺNG");

export async function benchAlertFanout(backend: BenchBackend): Promise<[string, string, string][]> {
  const fake = new FakeTelegramServer({ botUsername: "KengBenchBot", limits: {} });
  await fake.start();
  const database = await createBenchDatabase();
  const rows: [string, string, string][] = [];
  try {
    const { officer } = await seedArea({
      db: database.db,
      fake,
      code: "bench",
      officerId: 777_001,
      groups: GROUPS,
      base: BASE,
    });
    const env = appEnv({ fake, databaseUrl: database.url, backend });
    const app = await startAppProcess(env, fake);

    // A running bot is warm: one command first.
    fake.sendText({ chatId: officer.id, from: officer, text: "/trogiup" });
    await fake.waitForMessage(officer.id, undefined, 30_000);

    // 1. One alert to 1,000 groups.
    const commitsBefore = await databaseCommits(database);
    const t0 = Date.now();
    fake.sendText({ chatId: officer.id, from: officer, text: "/keng khan Bench: đối tượng trộm cắp, bà con chú ý" });
    const times: number[] = [];
    const seen = new Map<number, number>();
    fake.on("botMessage", (m) => {
      if (m.chatId < 0 && isAlert(m.plainText)) {
        times.push(Date.now());
        seen.set(m.chatId, (seen.get(m.chatId) ?? 0) + 1);
      }
    });
    const deadline = Date.now() + 120_000;
    while (seen.size < GROUPS && Date.now() < deadline) await sleep(200);
    await sleep(1500); // let stragglers or duplicates show
    const first = times[0] ?? NaN;
    const last = times[times.length - 1] ?? NaN;
    const rate = (times.length - 1) / ((last - first) / 1000);
    const duplicates = [...seen.values()].reduce((sum, n) => sum + (n - 1), 0);
    rows.push([
      "alert → 1,000 groups: sustained rate",
      `${rate.toFixed(1)}/s = ${((rate / 30) * 100).toFixed(1)} % of 30/s`,
      "≥ 95 %",
    ]);
    rows.push(["alert → 1,000 groups: first group reached", `${first - t0} ms after the command`, "< 300 ms"]);
    rows.push(["alert → 1,000 groups: whole broadcast", `${((last - t0) / 1000).toFixed(1)} s`, "≈ 1000/30 s"]);
    const refused = fake.calls
      .filter((c) => c.status === 429)
      .map((c) => `${c.method} to ${Number(c.params.chat_id) < 0 ? "a group" : "a private chat"}`);
    rows.push([
      "alert → 1,000 groups: 429s provoked",
      refused.length === 0 ? "0" : `${refused.length} (${refused.join(", ")})`,
      "0",
    ]);
    rows.push(["alert → 1,000 groups: duplicates", String(duplicates), "0"]);
    // What the broadcast cost PostgreSQL: without Redis, the jobs' and the limiter's writes are there too.
    const commits = (await databaseCommits(database)) - commitsBefore;
    rows.push(["alert → 1,000 groups: PostgreSQL transactions per group", (commits / GROUPS).toFixed(1), ""]);
    rows.push(["alert → 1,000 groups: lost", String(GROUPS - seen.size), "0"]);
    if (seen.size < GROUPS) console.error(await describeMissing(database, seen, backend));

    // 2. An alert while 1,000 bulk messages wait in the queue.
    await sleep(3000);
    // The bot's own queue, wherever this backend keeps it.
    const coordination = await openCoordination(loadConfig(env), {
      databaseUrl: database.url,
      sql: database.pool,
      logger: pino({ level: "silent" }),
    });
    const queue = createDeliverQueue(coordination.queues);
    const chats = await database.db.chat.findMany({ where: { kind: "group" }, select: { id: true } });
    await new QueuedOutbox({ queue, sql: database.pool }).enqueue(
      chats.map((c, i) => ({
        key: `bench:bulk:${i}`,
        to: { chatId: c.id },
        priority: "bulk" as const,
        message: { locale: "vi" as const, text: raw(`Tuyên truyền ${i}`) },
      })),
    );
    await sleep(2000);
    const before = times.length;
    const t1 = Date.now();
    fake.sendText({ chatId: officer.id, from: officer, text: "/keng khan Bench 2: cháy tại chợ" });
    while (times.length === before && Date.now() - t1 < 30_000) await sleep(10);
    const alertAhead = (times[before] ?? NaN) - t1;
    rows.push(["alert during a 1,000-message bulk load: first group", `${(alertAhead / 1000).toFixed(2)} s`, "< 2 s"]);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await coordination.close();
    await stopAppProcess(app);
    // BENCH_CALLS_LOG=file: every call the fake received (method, chat, arrival, status), to study 429s.
    if (process.env.BENCH_CALLS_LOG)
      (await import("node:fs")).writeFileSync(
        process.env.BENCH_CALLS_LOG,
        JSON.stringify(
          fake.calls.map((c) => ({ method: c.method, chat: c.params.chat_id, time: c.time, status: c.status })),
          null,
          0,
        ),
      );
    if (process.env.BENCH_APP_LOG) (await import("node:fs")).writeFileSync(process.env.BENCH_APP_LOG, app.output());
  } finally {
    await fake.stop();
    await database.drop();
  }
  return rows;
}

/** Transactions committed in the bench database so far (PostgreSQL's statistics, flushed about every second). */
async function databaseCommits(database: BenchDatabase): Promise<number> {
  await sleep(1200);
  const { rows } = await database.pool.query<{ commits: string }>({
    text: "SELECT xact_commit::text AS commits FROM pg_stat_database WHERE datname = current_database()",
  });
  return Number(rows[0]?.commits ?? NaN);
}

/** Why groups are missing: their deliveries, and (without Redis) their jobs, to study a loss. */
async function describeMissing(
  database: BenchDatabase,
  seen: ReadonlyMap<number, number>,
  backend: BenchBackend,
): Promise<string> {
  const { rows } = await database.pool.query<{
    chat: string;
    id: string;
    status: string;
    attempts: number;
    error: string | null;
  }>({
    text: `SELECT c."platformChatId" AS chat, d.id::text AS id, d.status, d.attempts, d.error FROM "Delivery" d JOIN "Chat" c ON c.id = d."chatId" WHERE c.kind = 'group' AND d.source LIKE 'alert:%' ORDER BY d.id`,
  });
  const missing = rows.filter((r) => !seen.has(Number(r.chat)));
  const lines = missing.map(
    (r) => `delivery ${r.id} to ${r.chat}: ${r.status}, ${r.attempts} attempts${r.error ? `, ${r.error}` : ""}`,
  );
  if (backend === "postgres" && missing.length > 0) {
    const jobs = await database.pool.query<{
      id: string;
      state: string;
      attempts_made: number;
      process_at_ms: string | null;
      locked_until_ms: string | null;
      stalled_count: number;
    }>({
      text: "SELECT id, state, attempts_made, process_at_ms::text, locked_until_ms::text, stalled_count FROM bullmq.job WHERE queue = 'deliver' AND id = ANY($1)",
      values: [missing.map((r) => `d-${r.id}`)],
    });
    lines.push(
      ...jobs.rows.map(
        (j) =>
          `job ${j.id}: ${j.state}, ${j.attempts_made} attempts, due ${j.process_at_ms ?? "-"}, locked until ${j.locked_until_ms ?? "-"}, stalled ${j.stalled_count} (now ${Date.now()})`,
      ),
    );
  }
  return `missing groups (${missing.length}):\n${lines.join("\n")}`;
}
