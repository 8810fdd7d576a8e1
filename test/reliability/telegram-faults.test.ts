/**
 * Fault: the Bot API misbehaves during a 500-group alert — 500s, then a 502 outage, then reset
 * connections (what a client sees when a request times out), then slow answers. Deliveries retry
 * with backoff and every group gets the alert; a command sent during the outage is answered once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { report, seconds, setUpBroadcast, type Broadcast } from "./support/broadcast.js";

const GROUPS = 500;
const resident: FakeUserInput = { id: 9_400_000_001, first_name: "Dân", language_code: "vi" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let s: Broadcast;

beforeAll(async () => {
  s = await setUpBroadcast({ groups: GROUPS, botUsername: "KengApiBot" });
  s.fake.addPrivateChatUser(resident);
}, 120_000);

afterAll(async () => {
  await s?.close();
});

describe("the Bot API answering 500s, 502s, resets and slowly during a 500-group alert", () => {
  it("retries with backoff until every group has the alert", async () => {
    s.dumpLogOnFailure();
    const app = await s.start();
    s.fake.sendText({
      chatId: s.officer.id,
      from: s.officer,
      text: "/keng cao Lũ lên nhanh, bà con di chuyển lên chỗ cao",
    });
    expect((await s.waitForReached(60, 30_000)).reached).toBeGreaterThanOrEqual(60);
    const faultsFrom = Date.now();

    s.fake.failNext({ method: "sendMessage" }, { errorCode: 500, description: "Internal Server Error" }, 25);
    await sleep(2000);
    s.fake.setDown(true, "502");
    s.fake.sendText({ chatId: resident.id, from: resident, text: "/vaitro" }); // waits in Telegram until polling works again
    await sleep(6000);
    s.fake.setDown(false);
    await sleep(2000);
    s.fake.setDown(true, "reset");
    await sleep(4000);
    s.fake.setDown(false);
    await sleep(2000);
    s.fake.setLatency(3000);
    await sleep(6000);
    s.fake.setLatency(0);
    const faultsUntil = Date.now();
    const atEnd = s.count();

    const figures = await s.waitForAll(75_000);
    const recoveredMs = Date.now() - faultsUntil;
    await s.fake.waitForMessage(resident.id, undefined, 60_000);
    await sleep(1500);
    const final = s.count();
    const sendCalls = s.fake.calls.filter(
      (c) => c.method === "sendMessage" && c.time >= faultsFrom && c.time <= faultsUntil,
    );
    report("telegram-faults", {
      groups: GROUPS,
      faultSeconds: seconds(faultsUntil - faultsFrom),
      reachedWhenFaultsEnded: atEnd.reached,
      ...final,
      faultsEndToAllSeconds: seconds(recoveredMs),
      answered5xx: sendCalls.filter((c) => c.status >= 500).length,
      connectionsReset: sendCalls.filter((c) => c.status === 0).length,
      failedDeliveries: await s.db.delivery.count({ where: { status: "failed" } }),
      rateLimited429: s.fake.stats.rateLimited429,
      residentReplies: s.fake.messagesIn(resident.id).length,
    });

    expect(app.child.exitCode).toBeNull();
    expect(figures.lost).toBe(0);
    expect(final.lost).toBe(0);
    expect(final.duplicates).toBeLessThanOrEqual(GROUPS / 100);
    expect(s.fake.messagesIn(resident.id)).toHaveLength(1);
  }, 300_000);
});
