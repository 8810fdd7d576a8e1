/**
 * Residents' alarms (issue 18 §1): "reaches its group, the neighbouring groups, the officer and a
 * guard within 2 s of the press". A tổ with GROUPS registered groups, an officer and a guard; in
 * each round a resident of another group types `/baodong`, then presses «🥷 Trộm, cướp», and
 * the time from the press to the last of the GROUPS + 2 alarm messages is measured. The bot runs in
 * its own process against the fake Telegram server and its limits; rounds are spaced so no group
 * nears 20 messages a minute.
 */
import { FakeTelegramServer } from "../src/sandbox/fake-telegram/index.js";
import type { StoredMessage } from "../src/sandbox/fake-telegram/types.js";
import {
  appEnv,
  createBenchDatabase,
  seedArea,
  sleep,
  startAppProcess,
  stopAppProcess,
  type BenchBackend,
} from "./support.js";

const GROUPS = 8;
const ROUNDS = 8;
const BASE = 6_000_000;
const GUARD_ID = 778_002;

export async function benchAlarmFanout(backend: BenchBackend): Promise<[string, string, string][]> {
  const fake = new FakeTelegramServer({ botUsername: "KengBenchBot", limits: {} });
  await fake.start();
  const database = await createBenchDatabase();
  try {
    const { area, officer } = await seedArea({
      db: database.db,
      fake,
      code: "benchto",
      officerId: 778_001,
      groups: GROUPS,
      base: BASE,
    });
    const guardUser = await database.db.user.create({
      data: { platform: "telegram", platformUserId: String(GUARD_ID), displayName: "Bảo vệ" },
    });
    await database.db.role.create({ data: { userId: guardUser.id, areaId: area.id, role: "guard" } });
    fake.addPrivateChatUser({ id: GUARD_ID, first_name: "Bảo vệ", language_code: "vi" });
    const env = { ...appEnv({ fake, databaseUrl: database.url, backend }), ALARM_DAILY_LIMIT: "100" };
    const app = await startAppProcess(env, fake);
    fake.sendText({ chatId: officer.id, from: officer, text: "/trogiup" });
    await fake.waitForMessage(officer.id, undefined, 30_000);

    const targets = [...Array.from({ length: GROUPS }, (_, i) => -(BASE + i)), officer.id, GUARD_ID];
    const arrivals = new Map<string, number>();
    fake.on("botMessage", (m: StoredMessage) => {
      const id = /BÁO ĐỘNG (B\d+)|Mã (B\d+)/.exec(m.plainText);
      const alarm = id?.[1] ?? id?.[2];
      if (alarm && !arrivals.has(`${alarm}:${m.chatId}`)) arrivals.set(`${alarm}:${m.chatId}`, Date.now());
    });
    const first: number[] = [];
    const last: number[] = [];
    let missing = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const group = -(BASE + ((round - 1) % GROUPS));
      const resident = { id: 779_000 + round, first_name: `Cư dân ${round}`, language_code: "vi" };
      fake.addPrivateChatUser(resident);
      const before = fake.lastMessage(group)?.messageId ?? 0;
      fake.sendText({ chatId: group, from: resident, text: "/baodong bench" });
      const prompt = await fake.waitForMessage(group, (m) => m.messageId > before && m.buttons.length > 0, 30_000);
      const data = prompt.buttons.find((b) => b.text.includes("Trộm"))?.callback_data ?? "";
      const pressed = Date.now();
      fake.pressButton({ chatId: group, from: resident, messageId: prompt.messageId, data });
      const keys = targets.map((chat) => `B${round}:${chat}`);
      const deadline = pressed + 30_000;
      while (keys.some((k) => !arrivals.has(k)) && Date.now() < deadline) await sleep(5);
      const times = keys.flatMap((k) => arrivals.get(k) ?? []);
      missing += keys.length - times.length;
      first.push(Math.min(...times) - pressed);
      last.push(Math.max(...times) - pressed);
      await sleep(3_000);
    }
    await stopAppProcess(app);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    const label = `alarm → ${GROUPS} groups + officer + guard (${ROUNDS} presses)`;
    return [
      [`${label}: press → first`, `median ${median(first)} ms, max ${Math.max(...first)} ms`, ""],
      [`${label}: press → last`, `median ${median(last)} ms, max ${Math.max(...last)} ms`, "< 2 s"],
      [`${label}: not reached`, String(missing), "0"],
    ];
  } finally {
    await fake.stop();
    await database.drop();
  }
}
