/**
 * Inbound load (DESIGN.md §8, issue 8): updates are queued on the fake Telegram server at a fixed
 * rate for the bot's getUpdates, in steps (default 50, 250 and 1,000 updates/s, 5 s each), mixed
 * like a busy evening: 70 % "✅ Đã nhận" presses on an alert, 20 % quiz answers, 10 % commands
 * (`/vaitro` in private, `/bxh` in groups). The bot runs in its own process, as in production.
 *
 * Measured per step: updates handled (the InboundUpdate ledger's `doneAt` in Postgres), latency
 * from queueing the update to `doneAt` (p50/p99; command replies then wait in the rate-limited
 * deliver queue, which is not inbound handling), latency from queueing a press to its
 * answerCallbackQuery (what the presser sees), the bot's peak RSS, and the backlog left in the
 * fake when the step ends. `BENCH_INBOUND_STEPS="1000:30"` runs other steps (rate:seconds,…).
 */
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { FakeTelegramServer } from "../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput, StoredMessage } from "../src/sandbox/fake-telegram/index.js";
import { spawnApp, type ChildApp } from "../test/support/child-app.js";
import {
  appEnv,
  createBenchDatabase,
  rssMb,
  seedArea,
  sleep,
  stopAppProcess,
  type BenchBackend,
  type BenchDatabase,
} from "./support.js";

type Row = [string, string, string];
type Kind = "press" | "quiz" | "command";

const GROUPS = 200;
const QUIZ_GROUPS = 20;
const USERS = 8000;
const BASE = 6_000_000;
/** How long a step's backlog may drain before it is measured. */
const DRAIN_MS = 5000;

interface Step {
  readonly rate: number;
  readonly seconds: number;
}

/** A bot message with buttons that people press: the alert in each group, a quiz question in some. */
interface Target {
  readonly chatId: number;
  readonly messageId: number;
  readonly data: readonly string[];
}

interface Sent {
  readonly at: number;
  readonly kind: Kind;
}

function stepsFromEnv(): Step[] {
  const spec = process.env.BENCH_INBOUND_STEPS ?? "50:5,250:5,1000:5";
  return spec.split(",").map((part) => {
    const [rate, seconds] = part.split(":").map(Number);
    if (!rate || !seconds) throw new Error(`BENCH_INBOUND_STEPS: "${part}" is not rate:seconds`);
    return { rate, seconds };
  });
}

export async function benchInboundLoad(backend: BenchBackend): Promise<Row[]> {
  const fake = new FakeTelegramServer({ botUsername: "KengLoadBot", limits: {} });
  await fake.start();
  const database = await createBenchDatabase();
  let app: ChildApp | undefined;
  try {
    const { officer } = await seedArea({
      db: database.db,
      fake,
      code: "load",
      officerId: 778_001,
      groups: GROUPS,
      base: BASE,
    });
    app = spawnApp(appEnv({ fake, databaseUrl: database.url, backend }));
    await fake.waitForCalls("deleteWebhook", 1, 60_000); // polling starts right after
    const targets = await prepareTargets(fake, officer);
    const load = new Load(fake, targets);
    const rows: Row[] = [];
    let saturation = 0;
    for (const step of stepsFromEnv()) {
      const result = await runStep({ fake, database, load, step, pid: app.child.pid ?? 0 });
      saturation = Math.max(saturation, result.sustained);
      rows.push(...result.rows);
    }
    rows.push([
      "inbound: saturates at (most handled per second in a step)",
      `${saturation.toFixed(0)}/s (machine load average ${os.loadavg()[0]?.toFixed(1) ?? "?"})`,
      "≥ 1,000/s",
    ]);
    await stopAppProcess(app);
    if (process.env.BENCH_APP_LOG) writeFileSync(process.env.BENCH_APP_LOG, app.output());
    return rows;
  } finally {
    app?.child.kill("SIGKILL");
    await fake.stop();
    await database.drop();
  }
}

/** An alert in every group (its ✅ button) and a quiz question in QUIZ_GROUPS groups. */
async function prepareTargets(
  fake: FakeTelegramServer,
  officer: FakeUserInput,
): Promise<{ alerts: Target[]; quizzes: Target[] }> {
  const groups = Array.from({ length: GROUPS }, (_, i) => -(BASE + i));
  fake.sendText({ chatId: officer.id, from: officer, text: "/keng tb Bench tải: bà con bấm Đã nhận" });
  const asker: FakeUserInput = { id: 779_000, first_name: "Hỏi", language_code: "vi" };
  for (const chatId of groups.slice(0, QUIZ_GROUPS)) fake.sendText({ chatId, from: asker, text: "/cauhoi" });
  const withButtons = (chatId: number, prefix: string): Target | undefined => {
    const message: StoredMessage | undefined = fake
      .messagesIn(chatId)
      .find((m) => m.buttons.some((b) => b.callback_data?.startsWith(prefix)));
    const data =
      message?.buttons.map((b) => b.callback_data).filter((d): d is string => d?.startsWith(prefix) === true) ?? [];
    return message && data.length > 0 ? { chatId, messageId: message.messageId, data } : undefined;
  };
  const collect = (prefix: string, chats: number[]) =>
    chats.map((c) => withButtons(c, prefix)).filter((t): t is Target => t !== undefined);
  const deadline = Date.now() + 45_000;
  while (
    Date.now() < deadline &&
    (collect("ak:", groups).length < GROUPS || collect("qz:", groups.slice(0, QUIZ_GROUPS)).length < QUIZ_GROUPS)
  )
    await sleep(250);
  const alerts = collect("ak:", groups);
  if (alerts.length === 0) throw new Error("inbound bench: the alert never reached the groups");
  // Only the ✅ button: the other one is a deep link, not a callback.
  return {
    alerts: alerts.map((t) => ({ ...t, data: t.data.slice(0, 1) })),
    quizzes: collect("qz:", groups.slice(0, QUIZ_GROUPS)),
  };
}

/** Makes the mixed updates; every user acts a few times at most (the flood limit is 40/min). */
class Load {
  readonly sent = new Map<number, Sent>();
  /** update_id of a press → ms from queueing it to its answerCallbackQuery. */
  readonly answered = new Map<number, number>();
  private readonly queries = new Map<string, number>();
  private user = 0;
  private n = 0;

  constructor(
    private readonly fake: FakeTelegramServer,
    private readonly targets: { alerts: Target[]; quizzes: Target[] },
  ) {
    fake.on("callbackAnswer", (answer) => {
      const updateId = this.queries.get(answer.callbackQueryId);
      const sent = updateId === undefined ? undefined : this.sent.get(updateId);
      if (updateId !== undefined && sent) this.answered.set(updateId, answer.time - sent.at);
    });
  }

  /** Queues one update; returns its update_id. */
  next(): number {
    const i = this.n++;
    const from: FakeUserInput = { id: 800_000 + (this.user++ % USERS), first_name: "Cư dân", language_code: "vi" };
    const slot = i % 10;
    const kind: Kind = slot === 9 ? "command" : slot >= 7 && this.targets.quizzes.length > 0 ? "quiz" : "press";
    const at = Date.now();
    const update = kind === "command" ? this.command(i, from) : this.press(kind, i, from);
    this.sent.set(update.update_id, { at, kind });
    if (update.callback_query) this.queries.set(update.callback_query.id, update.update_id);
    return update.update_id;
  }

  private press(kind: "press" | "quiz", i: number, from: FakeUserInput) {
    const list = kind === "press" ? this.targets.alerts : this.targets.quizzes;
    const target = list[i % list.length];
    if (!target) throw new Error("no target");
    return this.fake.pressButton({
      chatId: target.chatId,
      from,
      messageId: target.messageId,
      data: target.data[i % target.data.length] ?? "",
    });
  }

  private command(i: number, from: FakeUserInput) {
    if (i % 2 === 0) return this.fake.sendText({ chatId: from.id, from, text: "/vaitro" });
    const target = this.targets.alerts[i % this.targets.alerts.length];
    return this.fake.sendText({ chatId: target?.chatId ?? from.id, from, text: "/bxh" });
  }
}

async function runStep(input: {
  fake: FakeTelegramServer;
  database: BenchDatabase;
  load: Load;
  step: Step;
  pid: number;
}): Promise<{ rows: Row[]; sustained: number }> {
  const { fake, database, load, step } = input;
  const ids: number[] = [];
  let rss = 0;
  const sampler = setInterval(() => (rss = Math.max(rss, rssMb(input.pid))), 250);
  const cpuAtStart = cpuMs(input.pid);
  const start = Date.now();
  const end = start + step.seconds * 1000;
  while (Date.now() < end) {
    const due = Math.floor(((Date.now() - start) * step.rate) / 1000);
    while (ids.length < due) ids.push(load.next());
    await sleep(5);
  }
  // Throughput: every update finished while this step was sending, whichever step queued it.
  const finished = await database.db.inboundUpdate.count({
    where: { doneAt: { gte: new Date(start), lte: new Date(end) } },
  });
  const backlog = fake.pendingUpdateCount;
  const drainUntil = Date.now() + DRAIN_MS;
  while (fake.pendingUpdateCount > 0 && Date.now() < drainUntil) await sleep(100);
  // What is still queued would spill into the next step: drop it, as an operator would.
  const dropped = await dropPendingUpdates(fake);
  await sleep(1500); // the batch in hand finishes
  clearInterval(sampler);
  // The bot's CPU per update: robust to other load on the machine, unlike the rates.
  const handledInStep = await database.db.inboundUpdate.count({ where: { doneAt: { gte: new Date(start) } } });
  const cpuPerUpdate = (cpuMs(input.pid) - cpuAtStart) / Math.max(1, handledInStep);

  const done = await doneTimes(database, ids);
  const latencies = ids
    .map((id) => (done.get(id)?.done ?? NaN) - (load.sent.get(id)?.at ?? NaN))
    .filter(Number.isFinite);
  const handling = [...done.values()].map((d) => d.handlingMs);
  const presses = ids.filter((id) => load.sent.get(id)?.kind !== "command");
  const answers = presses.map((id) => load.answered.get(id)).filter((v): v is number => v !== undefined);
  const sustained = finished / step.seconds;
  const label = `inbound ${step.rate}/s × ${step.seconds} s`;
  return {
    sustained,
    rows: [
      [
        `${label}: handled while sending`,
        `${sustained.toFixed(0)}/s (${ids.length} queued; ${backlog} waiting at the end, ${dropped} dropped after ${DRAIN_MS / 1000} s)`,
        "≥ 1,000/s",
      ],
      [
        `${label}: queued → handled p50 / p99 (handling alone)`,
        `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))} (${ms(percentile(handling, 50))} / ${ms(percentile(handling, 99))})`,
        "p99 < 1 s",
      ],
      [
        `${label}: press → answer p99 · bot RSS peak`,
        `${ms(percentile(answers, 99))} (${answers.length} of ${presses.length} answered) · ${rss.toFixed(0)} MB`,
        "p99 < 1 s · < 200 MB",
      ],
      [
        `${label}: bot CPU per handled update`,
        `${cpuPerUpdate.toFixed(1)} ms (${handledInStep} handled)`,
        "≤ 1 ms for 1,000/s on one core",
      ],
    ],
  };
}

/** Bot API deleteWebhook(drop_pending_updates): forgets the updates still queued; returns how many. */
async function dropPendingUpdates(fake: FakeTelegramServer): Promise<number> {
  const pending = fake.pendingUpdateCount;
  if (pending === 0) return 0;
  await fetch(`${fake.apiRoot}/bot${fake.token}/deleteWebhook`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ drop_pending_updates: true }),
  });
  return pending;
}

/** When each handled update was done (epoch ms) and how long its handling took, from the ledger. */
async function doneTimes(
  database: BenchDatabase,
  ids: readonly number[],
): Promise<Map<number, { done: number; handlingMs: number }>> {
  const result = new Map<number, { done: number; handlingMs: number }>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await database.db.inboundUpdate.findMany({
      where: { platform: "telegram", updateKey: { in: ids.slice(i, i + 5000).map(String) }, doneAt: { not: null } },
      select: { updateKey: true, claimedAt: true, doneAt: true },
    });
    for (const row of rows)
      if (row.doneAt)
        result.set(Number(row.updateKey), {
          done: row.doneAt.getTime(),
          handlingMs: row.doneAt.getTime() - row.claimedAt.getTime(),
        });
  }
  return result;
}

/** User + system CPU time of a process so far, in ms (Linux /proc; 0 elsewhere). */
export function cpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / 100 : 0;
  } catch {
    return 0;
  }
}

/** The p-th percentile (nearest rank); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** 850 ms, 1.25 s, or — for no value. */
export const ms = (value: number) =>
  Number.isFinite(value) ? (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`) : "—";
