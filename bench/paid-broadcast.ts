/**
 * The 1,000 msg/s gong (issue 20): with TELEGRAM_PAID_BROADCAST=khan, a khẩn alert to 1,000 groups
 * goes as a Telegram paid broadcast, then a cao alert to the same groups goes at the free rate;
 * against a fake Telegram server enforcing 30/s for unflagged sends, 1,000/s for flagged ones and
 * 20/min per group, with a Stars balance that pays for them. The bot runs in its own process.
 * BENCH_PAID_BROADCAST=off runs it with the setting off (the rows then say "paid" wrongly: a reference).
 */
import { FakeTelegramServer } from "../src/sandbox/fake-telegram/index.js";
import type { CallRecord } from "../src/sandbox/fake-telegram/types.js";
import { cpuMs } from "./inbound-load.js";
import {
  appEnv,
  createBenchDatabase,
  seedArea,
  sleep,
  startAppProcess,
  stopAppProcess,
  type BenchBackend,
} from "./support.js";

const GROUPS = 1000;
const BASE = 6_000_000;
const STARS = 100_000;

type Row = [string, string, string];

export async function benchPaidBroadcast(backend: BenchBackend): Promise<Row[]> {
  const fake = new FakeTelegramServer({ botUsername: "KengBenchBot", limits: {} });
  await fake.start();
  fake.setStarsBalance(STARS);
  const database = await createBenchDatabase();
  const rows: Row[] = [];
  try {
    const { officer } = await seedArea({
      db: database.db,
      fake,
      code: "bench",
      officerId: 777_002,
      groups: GROUPS,
      base: BASE,
    });
    // BENCH_PAID_BROADCAST=off: the same run with paid broadcasts off, for reference.
    const paidSetting = process.env.BENCH_PAID_BROADCAST ?? "khan";
    const env = { ...appEnv({ fake, databaseUrl: database.url, backend }), TELEGRAM_PAID_BROADCAST: paidSetting };
    const app = await startAppProcess(env, fake);
    // A running bot is warm: one command first.
    fake.sendText({ chatId: officer.id, from: officer, text: "/trogiup" });
    await fake.waitForMessage(officer.id, undefined, 30_000);

    const pid = app.child.pid ?? 0;
    const gong = async (level: string, text: string) => {
      const before = fake.calls.length;
      const cpuBefore = cpuMs(pid);
      const t0 = Date.now();
      fake.sendText({ chatId: officer.id, from: officer, text: `/keng ${level} ${text}` });
      const reached = () => groupSends(fake.calls.slice(before)).length;
      const deadline = Date.now() + 120_000;
      while (reached() < GROUPS && Date.now() < deadline) await sleep(100);
      const cpu = cpuMs(pid) - cpuBefore;
      await sleep(1500); // let stragglers or duplicates show
      return { t0, cpu, calls: fake.calls.slice(before) };
    };

    const billedBefore = fake.stats.paidBilled;
    const khan = await gong("khan", "Bench: cháy lớn ở chợ, tránh xa khu vực");
    const khanSends = groupSends(khan.calls);
    const khanTimes = khanSends.map((c) => c.time);
    const billed = fake.stats.paidBilled - billedBefore;
    rows.push(
      ["khẩn, paid → 1,000 groups: reached", `${new Set(khanSends.map(chatOf)).size}/${GROUPS}`, "all"],
      ["khẩn, paid: first group", `${Math.min(...khanTimes) - khan.t0} ms after the command`, "< 300 ms"],
      ["khẩn, paid: whole broadcast", `${((Math.max(...khanTimes) - khan.t0) / 1000).toFixed(2)} s`, "≈ 1–2 s"],
      ["khẩn, paid: sustained rate", `${rateOf(khanTimes).toFixed(0)}/s`, "≤ 1,000/s"],
      ["khẩn, paid: sends flagged allow_paid_broadcast", `${khanSends.filter(isFlagged).length}`, `${GROUPS}`],
      ["khẩn, paid: 429s provoked", count429(khan.calls), "0"],
      ["khẩn, paid: bot CPU per group", `${(khan.cpu / GROUPS).toFixed(2)} ms`, "≤ 1 ms for 1,000/s"],
      ["khẩn, paid: Stars spent", `${(billed / 10).toFixed(1)} (${billed} sends beyond 30/s × 0.1)`, ""],
    );

    const cao = await gong("cao", "Bench: cảnh báo lừa đảo qua điện thoại");
    const caoSends = groupSends(cao.calls);
    const caoTimes = caoSends.map((c) => c.time);
    rows.push(
      ["cao (paid on) → 1,000 groups: reached", `${new Set(caoSends.map(chatOf)).size}/${GROUPS}`, "all"],
      ["cao (paid on): sustained rate", `${rateOf(caoTimes).toFixed(1)}/s`, "≈ 29/s, ≤ 30/s"],
      ["cao (paid on): whole broadcast", `${((Math.max(...caoTimes) - cao.t0) / 1000).toFixed(1)} s`, "≈ 1000/30 s"],
      ["cao (paid on): sends flagged", `${caoSends.filter(isFlagged).length}`, "0"],
      ["cao (paid on): 429s provoked", count429(cao.calls), "0"],
    );
    await stopAppProcess(app);
  } finally {
    await fake.stop();
    await database.drop();
  }
  return rows;
}

/** Accepted sendMessage calls to groups. */
function groupSends(calls: readonly CallRecord[]): CallRecord[] {
  return calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) < 0 && c.status === 200);
}

const chatOf = (call: CallRecord) => String(call.params.chat_id);
const isFlagged = (call: CallRecord) => String(call.params.allow_paid_broadcast) === "true";
/** The 429s provoked, and to what (a group or a private chat). */
function count429(calls: readonly CallRecord[]): string {
  const refused = calls
    .filter((c) => c.status === 429)
    .map((c) => `${c.method} to ${Number(c.params.chat_id) < 0 ? "a group" : "a private chat"}`);
  return refused.length === 0 ? "0" : `${refused.length} (${refused.join(", ")})`;
}

/** Sends a second between the first and the last arrival. */
function rateOf(times: readonly number[]): number {
  return (times.length - 1) / ((Math.max(...times) - Math.min(...times)) / 1000);
}
