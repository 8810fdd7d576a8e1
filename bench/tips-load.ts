/**
 * Tips at 50/s for 20 s (DESIGN.md §8, issue 4): 1,000 residents, each already seen in a group of
 * the area, send `/togiac <text>` in private. Measured from queueing the update: the tip stored in
 * Postgres (Tip.createdAt, target p99 < 200 ms), the tracking code in the tipster's chat, and the
 * tip in the officer's private chat (~1 message/s per private chat: DESIGN asks for digests, so a
 * 100-tip burst reaches the officer within 15 s). Deliveries still queued when the window ends are
 * counted as "not yet". The bot runs in its own process.
 */
import { FakeTelegramServer } from "../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput } from "../src/sandbox/fake-telegram/index.js";
import { spawnApp, type ChildApp } from "../test/support/child-app.js";
import { ms, percentile } from "./inbound-load.js";
import { appEnv, createBenchDatabase, seedArea, sleep, stopAppProcess, type BenchDatabase } from "./support.js";

type Row = [string, string, string];

const RATE = Number(process.env.BENCH_TIPS_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_TIPS_SECONDS ?? 20);
/** How long after the last tip the bench keeps watching the chats. */
const WATCH_MS = Number(process.env.BENCH_TIPS_WATCH_SECONDS ?? 15) * 1000;
const BASE_GROUP = 6_500_000;
const BASE_USER = 810_000;
const CODE = /\b[A-Z]{2}-[A-Z0-9]{6}\b/;

export async function benchTipsLoad(): Promise<Row[]> {
  const fake = new FakeTelegramServer({ botUsername: "KengTipsBot", limits: {} });
  await fake.start();
  const database = await createBenchDatabase();
  let app: ChildApp | undefined;
  try {
    const count = RATE * SECONDS;
    const { officer } = await seedArea({ db: database.db, fake, code: "tips", officerId: 779_001, groups: 10, base: BASE_GROUP });
    const tipsters = await seedTipsters(database, fake, count);
    app = spawnApp(appEnv({ fake, databaseUrl: database.url }));
    await fake.waitForCalls("deleteWebhook", 1, 60_000); // polling starts right after

    const sentAt = new Map<number, number>(); // tip number → queued at
    const codeAt = new Map<number, number>(); // tip number → tracking code seen by the tipster
    const officerAt = new Map<number, number>(); // tip number → tip text seen by the officer
    fake.on("botMessage", (m) => {
      const tipster = m.chatId - BASE_USER;
      if (tipster >= 0 && tipster < count && CODE.test(m.plainText) && !codeAt.has(tipster)) codeAt.set(tipster, Date.now());
      if (m.chatId === officer.id) for (const match of m.plainText.matchAll(/#(\d+)\b/g)) if (!officerAt.has(Number(match[1]))) officerAt.set(Number(match[1]), Date.now());
    });
    const start = Date.now();
    for (let i = 0; i < count; ) {
      const due = Math.min(count, Math.floor(((Date.now() - start) * RATE) / 1000));
      for (; i < due; i++) {
        const from = tipsters[i];
        if (!from) continue;
        sentAt.set(i, Date.now());
        fake.sendText({ chatId: from.id, from, text: `/togiac Bench #${i}: xe máy lạ đỗ trước nhà số ${i} từ tối qua` });
      }
      await sleep(5);
    }
    const lastSent = Date.now();
    while (Date.now() - lastSent < WATCH_MS && (codeAt.size < count || officerAt.size < count)) await sleep(250);
    const stored = await storedLatencies(database, sentAt);
    const after = (map: Map<number, number>) => [...map].map(([i, at]) => at - (sentAt.get(i) ?? at));
    await stopAppProcess(app);
    const window = `${((lastSent - start) / 1000 + WATCH_MS / 1000).toFixed(0)} s`;
    return [
      [`tips ${RATE}/s × ${SECONDS} s: stored p50 / p99 (${stored.length} of ${count})`, `${ms(percentile(stored, 50))} / ${ms(percentile(stored, 99))}`, "p99 < 200 ms"],
      [`tips ${RATE}/s × ${SECONDS} s: tracking code to tipster p50 / p99`, `${ms(percentile(after(codeAt), 50))} / ${ms(percentile(after(codeAt), 99))} (${codeAt.size} of ${count} within ${window})`, "as fast as 30/s allows"],
      [`tips ${RATE}/s × ${SECONDS} s: tip to officer p50 / p99`, `${ms(percentile(after(officerAt), 50))} / ${ms(percentile(after(officerAt), 99))} (${officerAt.size} of ${count} within ${window})`, "100-tip burst < 15 s"],
    ];
  } finally {
    app?.child.kill("SIGKILL");
    await fake.stop();
    await database.drop();
  }
}

/** Residents already seen in a group of the area, so `/togiac <text>` files the tip at once. */
async function seedTipsters(database: BenchDatabase, fake: FakeTelegramServer, count: number): Promise<FakeUserInput[]> {
  const { db } = database;
  const people: FakeUserInput[] = Array.from({ length: count }, (_, i) => ({ id: BASE_USER + i, first_name: `Cư dân ${i}`, language_code: "vi" }));
  for (const person of people) fake.addPrivateChatUser(person);
  await db.user.createMany({ data: people.map((p) => ({ platform: "telegram" as const, platformUserId: String(p.id), displayName: p.first_name })) });
  const users = await db.user.findMany({ where: { platformUserId: { in: people.map((p) => String(p.id)) } }, select: { id: true } });
  const groups = await db.chat.findMany({ where: { kind: "group" }, select: { id: true } });
  await db.chatMember.createMany({ data: users.map((u, i) => ({ userId: u.id, chatId: groups[i % groups.length]?.id ?? 0 })) });
  return people;
}

/** Tip.createdAt − queued, for every stored tip (matched by the number in its text). */
async function storedLatencies(database: BenchDatabase, sentAt: ReadonlyMap<number, number>): Promise<number[]> {
  const tips = await database.db.tip.findMany({ select: { text: true, createdAt: true } });
  return tips.flatMap((tip) => {
    const i = Number(/#(\d+):/.exec(tip.text ?? "")?.[1] ?? NaN);
    const at = sentAt.get(i);
    return at === undefined ? [] : [tip.createdAt.getTime() - at];
  });
}
