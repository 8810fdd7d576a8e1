/**
 * Fault: Redis restarts in the middle of a 500-group alert and comes back empty (it keeps nothing
 * on disk). Postgres is the source of truth: the reconciler re-queues every pending delivery,
 * ioredis reconnects, the BullMQ worker resumes, and every group still gets the alert.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { report, seconds, setUpBroadcast, type Broadcast } from "./support/broadcast.js";

const GROUPS = 500;
/** The reconciler's period in this test (default 30 s): recovery waits for its next pass. */
const RECONCILE_SECONDS = 3;
let s: Broadcast;

beforeAll(async () => {
  s = await setUpBroadcast({
    groups: GROUPS,
    botUsername: "KengRedisBot",
    env: { KENG_RECONCILE_SECONDS: String(RECONCILE_SECONDS) },
  });
}, 120_000);

afterAll(async () => {
  await s?.close();
});

describe("Redis restarted (empty) during a 500-group alert", () => {
  it("re-queues from Postgres: every group reached, at most 1 % repeated, the bot still answers", async () => {
    s.dumpLogOnFailure();
    const app = await s.start();
    s.fake.sendText({ chatId: s.officer.id, from: s.officer, text: "/keng khan Đối tượng trộm xe máy, bà con chú ý" });
    expect((await s.waitForReached(100, 30_000)).reached).toBeGreaterThanOrEqual(100);

    await s.redis.kill("SIGKILL");
    const downAt = Date.now();
    const atCrash = s.count();
    await new Promise((r) => setTimeout(r, 2000));
    await s.redis.restart();
    const restartedAt = Date.now();
    expect(atCrash.lost).toBeGreaterThan(0);

    await s.waitForReached(s.count().reached + 1, 60_000);
    const resumedMs = Date.now() - restartedAt;
    const figures = await s.waitForAll(60_000);
    const allMs = Date.now() - restartedAt;
    // The inbound side uses Redis too (flood counter, outbox jobs): a command still gets its answer.
    const last = s.fake.lastMessage(s.officer.id)?.messageId ?? 0;
    s.fake.sendText({ chatId: s.officer.id, from: s.officer, text: "/trogiup" });
    // The gong's progress report is edited in the same chat meanwhile: wait for the help itself.
    const help = await s.fake.waitForMessage(
      s.officer.id,
      (m) => m.messageId > last && m.plainText.includes("Kẻng giúp bạn"),
      60_000,
    );
    await new Promise((r) => setTimeout(r, 1500));
    const final = s.count();
    report("redis-restart", {
      groups: GROUPS,
      reachedAtCrash: atCrash.reached,
      ...final,
      redisDownSeconds: seconds(restartedAt - downAt),
      restartToFirstSendSeconds: seconds(resumedMs),
      restartToAllSeconds: seconds(allMs),
      reconcileSeconds: RECONCILE_SECONDS,
      rateLimited429: s.fake.stats.rateLimited429,
    });

    expect(app.child.exitCode).toBeNull(); // the same process rode it out
    expect(figures.lost).toBe(0);
    expect(final.lost).toBe(0);
    expect(final.duplicates).toBeLessThanOrEqual(GROUPS / 100);
    expect(help.plainText).toContain("/keng");
  }, 300_000);
});
