/**
 * Memory (DESIGN.md §8): the bot's RSS while holding 10,000 groups — started, warm, then an alert
 * to all of them written and queued and its first 20 s of sending. `BENCH_APP_ENTRY=dist/src/main.js`
 * measures the compiled app (`npm run build`), as the Docker image runs it.
 */
import { FakeTelegramServer } from "../src/sandbox/fake-telegram/index.js";
import {
  appEnv,
  createBenchDatabase,
  rssMb,
  seedArea,
  sleep,
  startAppProcess,
  stopAppProcess,
  type BenchBackend,
} from "./support.js";

const GROUPS = 10_000;

export async function benchMemory(backend: BenchBackend): Promise<[string, string, string][]> {
  const fake = new FakeTelegramServer({ botUsername: "KengMemoryBot", limits: {} });
  await fake.start();
  const database = await createBenchDatabase();
  try {
    const { officer } = await seedArea({
      db: database.db,
      fake,
      code: "mem",
      officerId: 778_001,
      groups: GROUPS,
      base: 6_000_000,
    });
    const app = await startAppProcess(appEnv({ fake, databaseUrl: database.url, backend }), fake);
    const pid = app.child.pid ?? 0;
    fake.sendText({ chatId: officer.id, from: officer, text: "/trogiup" });
    await fake.waitForMessage(officer.id, undefined, 30_000);
    await sleep(2000);
    const idle = rssMb(pid);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
    fake.sendText({ chatId: officer.id, from: officer, text: "/keng tb Bench: kiểm tra bộ nhớ với 10.000 nhóm" });
    await sleep(20_000);
    clearInterval(sampler);
    const reached = new Set(
      fake.calls
        .filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) < 0 && c.status === 200)
        .map((c) => c.params.chat_id),
    ).size;
    await stopAppProcess(app);
    const flags = process.env.CHILD_NODE_ARGS ? ` ${process.env.CHILD_NODE_ARGS}` : "";
    const how = process.env.BENCH_APP_ENTRY ? `node${flags} ${process.env.BENCH_APP_ENTRY}` : `tsx${flags}`;
    return [
      [`memory, ${how}: RSS idle with 10,000 groups`, `${idle.toFixed(0)} MB`, "< 200 MB"],
      [
        `memory, ${how}: RSS peak, alert to 10,000 groups queued and sending (20 s)`,
        `${peak.toFixed(0)} MB (${reached} groups reached)`,
        "< 200 MB",
      ],
    ];
  } finally {
    await fake.stop();
    await database.drop();
  }
}
