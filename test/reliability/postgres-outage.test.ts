/**
 * Fault: Postgres unreachable for 10 s during a 500-group alert, while residents keep sending
 * commands and pressing "✅ Đã nhận". The bot reaches Postgres through a TCP proxy that the test
 * cuts (open connections reset, new ones refused) and restores — the machine's server never stops.
 * Every group still gets the alert; every command sent during the outage is answered once after
 * recovery (or gets the busy reply), every press is answered once; nothing is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { inject } from "vitest";
import { ALERT_MARK, report, seconds, setUpBroadcast, waitForProgress, type Broadcast } from "./support/broadcast.js";
import { TcpProxy } from "./support/tcp-proxy.js";

const GROUPS = 500;
const OUTAGE_MS = 10_000;
const COMMANDS = 20;
const PRESSES = 10;
const BUSY = "Hệ thống bận";
const resident = (i: number): FakeUserInput => ({ id: 9_300_000_000 + i, first_name: `Dân ${i}`, language_code: "vi" });

let s: Broadcast;
let proxy: TcpProxy;

beforeAll(async () => {
  const admin = new URL(inject("postgresAdminUrl"));
  proxy = new TcpProxy({ host: admin.hostname, port: Number(admin.port || 5432) });
  await proxy.start();
  s = await setUpBroadcast({ groups: GROUPS, botUsername: "KengPgBot" });
  for (let i = 0; i <= COMMANDS; i++) s.fake.addPrivateChatUser(resident(i));
}, 120_000);

afterAll(async () => {
  await s?.close();
  await proxy?.stop();
});

describe("Postgres unavailable for 10 s during a 500-group alert", () => {
  it("loses no delivery and no inbound command", async () => {
    s.dumpLogOnFailure();
    const app = await s.start({ DATABASE_URL: proxy.rewrite(s.databaseUrl) });
    // A command before the outage: how many messages one /vaitro gets when all is well.
    s.fake.sendText({ chatId: resident(0).id, from: resident(0), text: "/vaitro" });
    await s.fake.waitForMessage(resident(0).id, undefined, 60_000);
    const repliesPerCommand = s.fake.messagesIn(resident(0).id).length;

    s.fake.sendText({
      chatId: s.officer.id,
      from: s.officer,
      text: "/keng khan Mất điện diện rộng, cảnh giác kẻ gian",
    });
    expect((await s.waitForReached(100, 30_000)).reached).toBeGreaterThanOrEqual(100);
    const reachedGroups = s.groupIds
      .filter((id) => s.fake.messagesIn(id).some((m) => m.plainText.includes(ALERT_MARK)))
      .slice(0, PRESSES);

    await proxy.cut();
    const cutAt = Date.now();
    const atCut = s.count();
    const queries: string[] = [];
    for (let i = 1; i <= COMMANDS; i++) {
      s.fake.sendText({ chatId: resident(i).id, from: resident(i), text: "/vaitro" });
      const group = reachedGroups[(i - 1) % reachedGroups.length];
      const alert =
        group === undefined ? undefined : s.fake.messagesIn(group).find((m) => m.plainText.includes(ALERT_MARK));
      const data = alert?.buttons.find((b) => "callback_data" in b)?.callback_data;
      if (i <= PRESSES && group !== undefined && alert && typeof data === "string") {
        const update = s.fake.pressButton({ chatId: group, from: resident(i), messageId: alert.messageId, data });
        if (update.callback_query) queries.push(update.callback_query.id);
      }
      await new Promise((r) => setTimeout(r, OUTAGE_MS / COMMANDS / 2));
    }
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - cutAt))));
    await proxy.restore();
    const restoredAt = Date.now();

    const answered = () => Array.from({ length: COMMANDS }, (_, k) => s.fake.messagesIn(resident(k + 1).id));
    // Answers and alert sends share the deliver queue (alerts first): progress on either counts.
    await waitForProgress({
      measure: () => answered().filter((m) => m.length > 0).length * 1000 + s.count().reached,
      target: COMMANDS * 1000 + GROUPS,
      stallMs: 60_000,
    });
    const commandsMs = Date.now() - restoredAt;
    const figures = await s.waitForAll(60_000);
    const allMs = Date.now() - restoredAt;
    await new Promise((r) => setTimeout(r, 2000)); // late duplicates would show here
    const final = s.count();

    const replies = answered();
    const busy = replies.filter((m) => m.some((x) => x.plainText.includes(BUSY))).length;
    const answerCalls = (id: string) =>
      s.fake.calls.filter((c) => c.method === "answerCallbackQuery" && c.params["callback_query_id"] === id).length;
    const pressesAnswered = queries.filter((id) => s.fake.callbackAnswers.some((a) => a.callbackQueryId === id)).length;
    const acks = await s.db.alertAck.count();
    report("postgres-outage", {
      groups: GROUPS,
      outageSeconds: seconds(restoredAt - cutAt),
      reachedAtCut: atCut.reached,
      ...final,
      restoreToAllSeconds: seconds(allMs),
      commandsSent: COMMANDS,
      commandsAnswered: replies.filter((m) => m.length > 0).length,
      commandsAnsweredTwice: replies.filter((m) => m.length > repliesPerCommand).length,
      commandsLost: replies.filter((m) => m.length === 0).length,
      busyReplies: busy,
      restoreToCommandsAnsweredSeconds: seconds(commandsMs),
      pressesSent: queries.length,
      pressesAnswered,
      pressesAnsweredTwice: queries.filter((id) => answerCalls(id) > 1).length,
      acksRecorded: acks,
    });

    expect(app.child.exitCode).toBeNull(); // the same process rode it out
    expect(figures.lost).toBe(0);
    expect(final.lost).toBe(0);
    expect(final.duplicates).toBeLessThanOrEqual(GROUPS / 100);
    expect(replies.every((m) => m.length > 0)).toBe(true); // none lost
    expect(replies.every((m) => m.length === repliesPerCommand)).toBe(true); // none answered twice
    expect(queries).toHaveLength(PRESSES);
    expect(pressesAnswered).toBe(PRESSES);
    expect(queries.every((id) => answerCalls(id) === 1)).toBe(true);
    expect(acks).toBe(PRESSES - busy);
  }, 300_000);
});
