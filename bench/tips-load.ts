/**
 * Tips (DESIGN.md §8, issue 4). Residents, each already seen in a group of the area, send
 * `/togiac <text>` in private; the bot runs in its own process against the fake Bot API, which
 * enforces Telegram's limits. Two phases on one bot:
 *
 * 1. A burst of 100 tips within about a second: when has the officer seen every one? A private chat
 *    takes ~1 message/s, so this is what the officer digests are for (target: within 15 s).
 * 2. 50 tips/s for 20 s: the tip stored in Postgres (Tip.createdAt − submitted, target p99 < 200 ms),
 *    the tracking code in the tipster's chat, and the tip in the officer's chat (a card or a line
 *    of a digest), each from the tip's submission; and when the officer had them all.
 *
 * Every tipster sends a first tip, so the privacy notice comes first (issue 14: nothing is stored
 * before the press) and the tipster presses "📮 Gửi tin" as soon as it arrives. The notice's delay is
 * measured from queueing `/togiac`; the rest from the press, the moment the tip is submitted.
 *
 * Run alone with `npx tsx bench/tips-load.ts`; `npm run bench` runs it with the others.
 * Environment: BENCH_TIPS_RATE, BENCH_TIPS_SECONDS, BENCH_TIPS_BURST, BENCH_TIPS_WATCH_SECONDS.
 */
import { pathToFileURL } from "node:url";
import { FakeTelegramServer } from "../src/sandbox/fake-telegram/index.js";
import type { FakeUserInput, StoredMessage } from "../src/sandbox/fake-telegram/index.js";
import { spawnApp, type ChildApp } from "../test/support/child-app.js";
import { ms, percentile } from "./inbound-load.js";
import {
  appEnv,
  benchBackends,
  createBenchDatabase,
  machineLine,
  seedArea,
  sleep,
  stopAppProcess,
  table,
  type BenchBackend,
  type BenchDatabase,
} from "./support.js";

type Row = [string, string, string];

const RATE = Number(process.env.BENCH_TIPS_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_TIPS_SECONDS ?? 20);
const BURST = Number(process.env.BENCH_TIPS_BURST ?? 100);
/** How long after the last tip of a phase the bench keeps watching the chats (it stops once all arrived). */
const WATCH_MS = Number(process.env.BENCH_TIPS_WATCH_SECONDS ?? 120) * 1000;
const BASE_GROUP = 6_500_000;
const BASE_USER = 810_000;
const CODE = /\b[A-Z]{2}-[A-Z0-9]{6}\b/;
/** The privacy notice's only button ("📮 Gửi tin"). */
const SEND_BUTTON = "📮";

/** One phase's observations: tip number → when it was queued, the notice pressed, its code seen, it reached the officer. */
interface Phase {
  readonly tag: string;
  readonly first: number;
  readonly count: number;
  readonly sentAt: Map<number, number>;
  /** When the tipster pressed "📮 Gửi tin" on the privacy notice: the tip's submission. */
  readonly pressedAt: Map<number, number>;
  readonly codeAt: Map<number, number>;
  readonly officerAt: Map<number, number>;
  /** Officer messages that named at least one tip of this phase. */
  officerMessages: number;
}

const newPhase = (tag: string, first: number, count: number): Phase => ({
  tag,
  first,
  count,
  sentAt: new Map(),
  pressedAt: new Map(),
  codeAt: new Map(),
  officerAt: new Map(),
  officerMessages: 0,
});

export async function benchTipsLoad(backend: BenchBackend): Promise<Row[]> {
  const fake = new FakeTelegramServer({ botUsername: "KengTipsBot", limits: {} });
  await fake.start();
  const database = await createBenchDatabase();
  let app: ChildApp | undefined;
  try {
    const count = RATE * SECONDS;
    const { officer } = await seedArea({
      db: database.db,
      fake,
      code: "tips",
      officerId: 779_001,
      groups: 10,
      base: BASE_GROUP,
    });
    const tipsters = await seedTipsters(database, fake, BURST + count);
    app = spawnApp(appEnv({ fake, databaseUrl: database.url, backend }));
    await fake.waitForCalls("deleteWebhook", 1, 60_000); // polling starts right after

    const burst = newPhase("B", 0, BURST);
    const load = newPhase("L", BURST, count);
    fake.on("botMessage", (m) => observe(fake, m, officer.id, [burst, load]));

    await runPhase({ fake, tipsters, phase: burst, rate: Math.max(BURST, 1) });
    await sleep(2_000);
    const loadStart = Date.now();
    await runPhase({ fake, tipsters, phase: load, rate: RATE });
    const loadSeconds = (Date.now() - loadStart) / 1000;
    const stored = await storedLatencies(database, load);
    await stopAppProcess(app);
    return [...burstRows(burst), ...loadRows(load, stored, loadSeconds)];
  } finally {
    app?.child.kill("SIGKILL");
    await fake.stop();
    await database.drop();
  }
}

function observe(fake: FakeTelegramServer, m: StoredMessage, officerId: number, phases: readonly Phase[]): void {
  const now = Date.now();
  for (const phase of phases) {
    const tipster = m.chatId - BASE_USER - phase.first;
    const notice = m.buttons.find((b) => b.text.includes(SEND_BUTTON));
    if (tipster >= 0 && tipster < phase.count && notice && !phase.pressedAt.has(tipster)) {
      // The tipster reads the notice and sends the tip, at once.
      phase.pressedAt.set(tipster, now);
      fake.pressButton({
        chatId: m.chatId,
        from: { id: m.chatId, first_name: `Cư dân ${m.chatId - BASE_USER}`, language_code: "vi" },
        messageId: m.messageId,
        data: notice.callback_data ?? "",
      });
      continue;
    }
    if (tipster >= 0 && tipster < phase.count && CODE.test(m.plainText) && !phase.codeAt.has(tipster))
      phase.codeAt.set(tipster, now);
    if (m.chatId !== officerId) continue;
    let named = false;
    for (const match of m.plainText.matchAll(new RegExp(`#${phase.tag}(\\d+)\\b`, "g"))) {
      named = true;
      if (!phase.officerAt.has(Number(match[1]))) phase.officerAt.set(Number(match[1]), now);
    }
    if (named) phase.officerMessages++;
  }
}

/** Sends the phase's tips at `rate` per second, then watches until everything arrived or WATCH_MS passed. */
async function runPhase(input: {
  fake: FakeTelegramServer;
  tipsters: readonly FakeUserInput[];
  phase: Phase;
  rate: number;
}): Promise<void> {
  const { fake, phase } = input;
  const start = Date.now();
  for (let i = 0; i < phase.count;) {
    const due = Math.min(phase.count, Math.floor(((Date.now() - start) * input.rate) / 1000));
    for (; i < due; i++) {
      const from = input.tipsters[phase.first + i];
      if (!from) continue;
      phase.sentAt.set(i, Date.now());
      fake.sendText({
        chatId: from.id,
        from,
        text: `/togiac Tin #${phase.tag}${i}: xe máy lạ đỗ trước nhà số ${i} từ tối qua`,
      });
    }
    await sleep(5);
  }
  const lastSent = Date.now();
  while (Date.now() - lastSent < WATCH_MS && (phase.codeAt.size < phase.count || phase.officerAt.size < phase.count))
    await sleep(250);
}

/** From the tip's submission (the press on the notice; without one, the queued `/togiac`). */
const after = (phase: Phase, map: Map<number, number>) =>
  [...map].map(([i, at]) => at - (phase.pressedAt.get(i) ?? phase.sentAt.get(i) ?? at));
/** From queueing `/togiac` to the privacy notice in the tipster's chat. */
const noticeDelays = (phase: Phase) => [...phase.pressedAt].map(([i, at]) => at - (phase.sentAt.get(i) ?? at));

/** Seconds from the phase's first tip to the officer's last new one ("—" unless all arrived). */
function officerHadAll(phase: Phase): string {
  const first = Math.min(...phase.sentAt.values());
  if (phase.officerAt.size < phase.count)
    return `not all: ${phase.officerAt.size} of ${phase.count} within ${(WATCH_MS / 1000).toFixed(0)} s of the last`;
  return `${((Math.max(...phase.officerAt.values()) - first) / 1000).toFixed(1)} s`;
}

function burstRows(phase: Phase): Row[] {
  const label = `burst of ${phase.count} tips in ~1 s`;
  return [
    [`${label}: officer had every tip after`, `${officerHadAll(phase)} (${phase.officerMessages} messages)`, "< 15 s"],
    [
      `${label}: privacy notice to tipster p50 / p99`,
      `${ms(percentile(noticeDelays(phase), 50))} / ${ms(percentile(noticeDelays(phase), 99))} (${phase.pressedAt.size} of ${phase.count})`,
      "as fast as 30/s allows",
    ],
    [
      `${label}: tip to officer p50 / p99`,
      `${ms(percentile(after(phase, phase.officerAt), 50))} / ${ms(percentile(after(phase, phase.officerAt), 99))}`,
      "",
    ],
    [
      `${label}: tracking code to tipster p50 / p99`,
      `${ms(percentile(after(phase, phase.codeAt), 50))} / ${ms(percentile(after(phase, phase.codeAt), 99))} (${phase.codeAt.size} of ${phase.count})`,
      "as fast as 30/s allows",
    ],
  ];
}

function loadRows(phase: Phase, stored: number[], seconds: number): Row[] {
  const label = `tips ${RATE}/s × ${SECONDS} s`;
  return [
    [
      `${label}: privacy notice to tipster p50 / p99`,
      `${ms(percentile(noticeDelays(phase), 50))} / ${ms(percentile(noticeDelays(phase), 99))} (${phase.pressedAt.size} of ${phase.count})`,
      "as fast as 30/s allows",
    ],
    [
      `${label}: stored p50 / p99 (${stored.length} of ${phase.count})`,
      `${ms(percentile(stored, 50))} / ${ms(percentile(stored, 99))}`,
      "p99 < 200 ms",
    ],
    [
      `${label}: tracking code to tipster p50 / p99`,
      `${ms(percentile(after(phase, phase.codeAt), 50))} / ${ms(percentile(after(phase, phase.codeAt), 99))} (${phase.codeAt.size} of ${phase.count} within ${seconds.toFixed(0)} s)`,
      "as fast as 30/s allows",
    ],
    [
      `${label}: tip to officer p50 / p99`,
      `${ms(percentile(after(phase, phase.officerAt), 50))} / ${ms(percentile(after(phase, phase.officerAt), 99))} (${phase.officerAt.size} of ${phase.count})`,
      "",
    ],
    [`${label}: officer had every tip after`, `${officerHadAll(phase)} (${phase.officerMessages} messages)`, ""],
  ];
}

/** Residents already seen in a group of the area, so `/togiac <text>` files the tip at once. */
async function seedTipsters(
  database: BenchDatabase,
  fake: FakeTelegramServer,
  count: number,
): Promise<FakeUserInput[]> {
  const { db } = database;
  const people: FakeUserInput[] = Array.from({ length: count }, (_, i) => ({
    id: BASE_USER + i,
    first_name: `Cư dân ${i}`,
    language_code: "vi",
  }));
  for (const person of people) fake.addPrivateChatUser(person);
  await db.user.createMany({
    data: people.map((p) => ({
      platform: "telegram" as const,
      platformUserId: String(p.id),
      displayName: p.first_name,
    })),
  });
  const users = await db.user.findMany({
    where: { platformUserId: { in: people.map((p) => String(p.id)) } },
    select: { id: true },
  });
  const groups = await db.chat.findMany({ where: { kind: "group" }, select: { id: true } });
  await db.chatMember.createMany({
    data: users.map((u, i) => ({ userId: u.id, chatId: groups[i % groups.length]?.id ?? 0 })),
  });
  return people;
}

/** Tip.createdAt − submitted (the press on the notice), for every stored tip of the phase (matched by the number in its text). */
async function storedLatencies(database: BenchDatabase, phase: Phase): Promise<number[]> {
  const tips = await database.db.tip.findMany({ select: { text: true, createdAt: true } });
  return tips.flatMap((tip) => {
    const i = Number(new RegExp(`#${phase.tag}(\\d+):`).exec(tip.text ?? "")?.[1] ?? NaN);
    const at = phase.pressedAt.get(i) ?? phase.sentAt.get(i);
    return at === undefined ? [] : [tip.createdAt.getTime() - at];
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(`Kẻng tips benchmark — ${new Date().toISOString()} — ${machineLine()}\n`);
  for (const backend of benchBackends()) console.log(table(await benchTipsLoad(backend)));
  process.exit(0);
}
