/**
 * Fault: the process is killed with SIGKILL while it is handling a burst of commands. Telegram
 * delivers the unconfirmed updates again to the restarted process, which must not mistake the dead
 * process's unfinished claims for duplicates (it releases them at start: in polling mode it is the
 * only reader). Every command is answered; only a reply in flight at the kill may come twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { report, seconds, setUpBroadcast, waitForProgress, type Broadcast } from "./support/broadcast.js";

const COMMANDS = 300;
const resident = (i: number): FakeUserInput => ({ id: 9_500_000_000 + i, first_name: `Dân ${i}`, language_code: "vi" });
let s: Broadcast;

beforeAll(async () => {
  s = await setUpBroadcast({ groups: 1, botUsername: "KengKillInBot" });
  for (let i = 0; i < COMMANDS; i++) s.fake.addPrivateChatUser(resident(i));
}, 120_000);

afterAll(async () => {
  await s?.close();
});

/** On failure: what the database says of those residents' chats (their deliveries, and the users' updates). */
async function explain(what: string, residentIds: number[]): Promise<void> {
  const chats = await s.db.chat.findMany({
    where: { platformChatId: { in: residentIds.map(String) } },
  });
  const deliveries = await s.db.delivery.findMany({
    where: { chatId: { in: chats.map((c) => c.id) } },
    select: {
      key: true,
      status: true,
      attempts: true,
      error: true,
      createdAt: true,
      sentAt: true,
      platformMessageId: true,
    },
  });
  const users = await s.db.user.findMany({ where: { platformUserId: { in: residentIds.map(String) } } });
  const updates = await s.db.inboundUpdate.findMany({ orderBy: { claimedAt: "desc" }, take: 5 });
  const json = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
  console.log(what, json({ chats, users, deliveries, latestUpdates: updates }));
}

describe("SIGKILL while commands are being handled", () => {
  it("answers every command once after the restart", async () => {
    s.dumpLogOnFailure();
    await s.start();
    for (let i = 0; i < COMMANDS; i++) s.fake.sendText({ chatId: resident(i).id, from: resident(i), text: "/vaitro" });
    // Kill while some updates are claimed but not done: a handful in flight (counted in one query,
    // both figures of the same instant), so that some are still unfinished when the kill lands.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const [counts] = await s.db.$queryRaw<{ open: number; done: number }[]>`
        SELECT count(*) FILTER (WHERE "doneAt" IS NULL)::int AS open, count("doneAt")::int AS done FROM "InboundUpdate"`;
      if (counts && counts.open >= 15 && counts.done >= 20) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await s.kill();
    const open = await s.db.inboundUpdate.findMany({ where: { doneAt: null }, select: { updateKey: true } });
    const unfinished = open.length;
    const repliedBeforeKill = await s.db.delivery.count({
      where: { key: { in: open.map((u) => `r:telegram:${u.updateKey}:1`) } },
    });
    expect(unfinished).toBeGreaterThan(0);

    const restartedAt = Date.now();
    await s.start();
    const replies = () => Array.from({ length: COMMANDS }, (_, i) => s.fake.messagesIn(resident(i).id).length);
    await waitForProgress({ measure: () => replies().filter((n) => n > 0).length, target: COMMANDS, stallMs: 60_000 });
    const answeredMs = Date.now() - restartedAt;
    await new Promise((r) => setTimeout(r, 1500));
    const final = replies();
    const stillUnfinished = await s.db.inboundUpdate.count({ where: { doneAt: null } });
    report("sigkill-inbound", {
      commands: COMMANDS,
      unfinishedAtKill: unfinished,
      unfinishedWithReplyQueued: repliedBeforeKill,
      unfinishedAfterRestart: stillUnfinished,
      answered: final.filter((n) => n > 0).length,
      answeredTwice: final.filter((n) => n > 1).length,
      lost: final.filter((n) => n === 0).length,
      restartToAllAnsweredSeconds: seconds(answeredMs),
    });
    const twice = final.flatMap((n, i) => (n > 1 ? [resident(i).id] : []));
    const lost = final.flatMap((n, i) => (n === 0 ? [resident(i).id] : []));
    // Telegram has no idempotency key: a reply that reached it but was not yet recorded when the
    // process died goes again. DESIGN §7 allows those few (≤ 1 %); more means the window grew.
    const allowedTwice = Math.floor(COMMANDS / 100);
    if (twice.length > allowedTwice) await explain("DUPLICATED", twice);
    if (lost.length > 0) await explain("LOST", lost);
    // The dead process's claims were released and its updates handled again (not taken for duplicates).
    expect(stillUnfinished).toBe(0);
    expect(lost).toHaveLength(0);
    expect(twice.length).toBeLessThanOrEqual(allowedTwice);
  }, 300_000);
});
