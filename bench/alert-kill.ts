/**
 * Alert fan-out through a crash (DESIGN.md §7): one alert to 1,000 groups, the bot's process killed
 * with SIGKILL once 300 groups have it, then started again. Postgres holds every Delivery row; the
 * jobs the dead process held come back through BullMQ's stalled-job check (on Redis or PostgreSQL).
 * Nothing may be lost; only the sends in flight at the kill may repeat. The fake enforces Telegram's
 * limits, so the restarted bot must also keep under them.
 */
import { FakeTelegramServer } from "../src/sandbox/fake-telegram/index.js";
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
const KILL_AT = 300;
const BASE = 7_000_000;
const isAlert = (text: string) => text.includes("TIẾNG KẺNG");

export async function benchAlertKill(backend: BenchBackend): Promise<[string, string, string][]> {
  const fake = new FakeTelegramServer({ botUsername: "KengKillBenchBot", limits: {} });
  await fake.start();
  const database = await createBenchDatabase();
  try {
    const { officer } = await seedArea({
      db: database.db,
      fake,
      code: "kill",
      officerId: 779_001,
      groups: GROUPS,
      base: BASE,
    });
    const env = appEnv({ fake, databaseUrl: database.url, backend });
    let app = await startAppProcess(env, fake);
    const seen = new Map<number, number>();
    let lastReachedAt = 0;
    fake.on("botMessage", (m) => {
      if (m.chatId >= 0 || !isAlert(m.plainText)) return;
      seen.set(m.chatId, (seen.get(m.chatId) ?? 0) + 1);
      lastReachedAt = Date.now();
    });
    fake.sendText({
      chatId: officer.id,
      from: officer,
      text: "/keng khan Bench: cháy lớn tại chợ, bà con tránh khu vực",
    });
    for (const deadline = Date.now() + 60_000; seen.size < KILL_AT && Date.now() < deadline;) await sleep(20);
    app.child.kill("SIGKILL");
    await app.exited;
    const atKill = seen.size;
    const restartedAt = Date.now();
    app = await startAppProcess(env, fake);
    let firstAfterRestart = NaN;
    // Progress, not a deadline, decides: stop once every group has it or none got it for 60 s.
    for (let progressAt = Date.now(); seen.size < GROUPS && Date.now() - progressAt < 60_000;) {
      const before = seen.size;
      await sleep(100);
      if (seen.size > before) progressAt = Date.now();
      if (Number.isNaN(firstAfterRestart) && seen.size > atKill) firstAfterRestart = Date.now() - restartedAt;
    }
    await sleep(1500); // late duplicates would show here
    const duplicates = [...seen.values()].reduce((sum, n) => sum + (n - 1), 0);
    const refused = fake.calls
      .filter((c) => c.status === 429)
      .map(
        (c) =>
          `${c.method} to ${Number(c.params.chat_id) < 0 ? "a group" : "a private chat"} ${((c.time - restartedAt) / 1000).toFixed(1)} s after the restart`,
      );
    await stopAppProcess(app);
    return [
      [`SIGKILL at ${atKill} of 1,000 groups, restart: lost`, String(GROUPS - seen.size), "0"],
      ["SIGKILL, restart: duplicates (sends in flight at the kill)", String(duplicates), "≤ 1 % (10)"],
      [
        "SIGKILL, restart: restart → next group reached",
        `${(firstAfterRestart / 1000).toFixed(1)} s`,
        "lock 15 s + check 5 s at most",
      ],
      ["SIGKILL, restart: restart → every group", `${((lastReachedAt - restartedAt) / 1000).toFixed(1)} s`, ""],
      [
        "SIGKILL, restart: 429s provoked",
        refused.length === 0 ? "0" : `${refused.length} (${refused.join(", ")})`,
        "0",
      ],
    ];
  } finally {
    await fake.stop();
    await database.drop();
  }
}
