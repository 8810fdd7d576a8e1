/**
 * Two scheduler processes by mistake (issue 16): each kind of periodic work takes a PostgreSQL
 * advisory lock for its run, so a due campaign goes out once and the weekly report once, however
 * the two schedulers' ticks fall. The locks themselves: a kind held by one process is skipped by
 * the other, and a process whose session dies (killed, connection cut) frees its kinds.
 */
import pino from "pino";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../../src/app.js";
import { PgPeriodicLocks } from "../../src/db/periodic-locks.js";
import { localParts } from "../../src/modules/campaigns/local-time.js";
import type { FakeUserInput } from "../../src/sandbox/fake-telegram/types.js";
import { startHarness, type Harness } from "../support/harness.js";
import { say, WAIT_MS } from "../support/chat-steps.js";

const officer: FakeUserInput = { id: 7_600_000_001, first_name: "Lan", language_code: "vi" };
const GROUP = -7_600_001;
const CAMPAIGN_TEXT = "Khóa cửa, cất xe trước khi đi ngủ.";
const WEEKLY = "Báo cáo tự động hằng tuần";
/** Longer than two ticks of the campaign task (2 s): a second run would have shown by then. */
const TWO_TICKS_MS = 4_500;

let h: Harness;
const schedulers: App[] = [];
const pools: pg.Pool[] = [];

beforeAll(async () => {
  // This process takes updates and sends; only the two schedulers below run periodic work.
  h = await startHarness({ env: { KENG_ROLES: "inbound,worker,http" } });
  const area = await h.app.db.area.create({ data: { code: "phuly.minhkhai", name: "Phường Minh Khai" } });
  const user = await h.app.db.user.create({
    data: { platform: "telegram", platformUserId: String(officer.id), displayName: "Lan" },
  });
  // An officer since yesterday: the weekly report goes to those who held the role at its time.
  await h.app.db.role.create({
    data: { userId: user.id, areaId: area.id, role: "officer", createdAt: new Date(Date.now() - 86_400_000) },
  });
  h.fake.addPrivateChatUser(officer);
  h.fake.addGroup({ id: GROUP, title: "Tổ 5", type: "supergroup" });
  await h.app.db.chat.create({
    data: { platform: "telegram", platformChatId: String(GROUP), kind: "group", title: "Tổ 5", areaId: area.id },
  });
});

afterAll(async () => {
  for (const app of schedulers) await app.stop().catch(() => undefined);
  for (const pool of pools) await pool.end().catch(() => undefined);
  await h?.stop();
});

describe("two scheduler processes", () => {
  it("send a due campaign once and the weekly report once", async () => {
    await say(h, officer.id, officer, `/chiendich phuly.minhkhai +3s ${CAMPAIGN_TEXT}`, "Đã tạo chiến dịch");
    // The weekly report is due since a minute ago, so both schedulers find it due when they start.
    const due = localParts(new Date(Date.now() - 60_000), h.config.TZ);
    const config = {
      ...h.config,
      KENG_ROLES: ["scheduler" as const],
      COVERAGE_REPORT_AT: { kind: "weekly" as const, weekday: due.weekday, hour: due.hour, minute: due.minute },
    };
    const logger = pino({ level: "silent" });
    schedulers.push(
      ...(await Promise.all([
        startApp(config, { logger, skipMigrations: true }),
        startApp(config, { logger, skipMigrations: true }),
      ])),
    );

    await h.fake.waitForMessage(GROUP, (m) => m.plainText.includes(CAMPAIGN_TEXT), WAIT_MS);
    const report = await h.fake.waitForMessage(officer.id, (m) => m.plainText.includes(WEEKLY), WAIT_MS);
    expect(report.plainText).toContain("Phường Minh Khai");
    await expect
      .poll(async () => (await h.app.db.campaign.findFirstOrThrow()).status, { timeout: WAIT_MS })
      .toBe("done");
    await new Promise((r) => setTimeout(r, TWO_TICKS_MS));

    expect(h.fake.messagesIn(GROUP).filter((m) => m.plainText.includes(CAMPAIGN_TEXT))).toHaveLength(1);
    expect(h.fake.messagesIn(officer.id).filter((m) => m.plainText.includes(WEEKLY))).toHaveLength(1);
    expect(await h.app.db.campaignRun.count()).toBe(1);
    for (const app of schedulers.splice(0)) await app.stop();
  });
});

describe("the advisory locks", () => {
  const lockedBy = () => {
    const pool = new pg.Pool({ connectionString: h.databaseUrl, max: 3 });
    pools.push(pool);
    const lost: Error[] = [];
    return { pool, lost, locks: new PgPeriodicLocks({ pool, onConnectionLost: (error) => lost.push(error) }) };
  };
  const gate = () => {
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  };

  it("let one process run a kind at a time, and free a dead session's kinds", async () => {
    const a = lockedBy();
    const b = lockedBy();
    const first = gate();
    const running = a.locks.runAlone("demo", () => first.opened);
    await expect.poll(() => advisoryHolders(a.pool)).toBe(1);
    let ranInB = false;
    expect(await b.locks.runAlone("demo", async () => (ranInB = true))).toBe(false);
    expect(ranInB).toBe(false);
    expect(await a.locks.runAlone("demo", async () => undefined)).toBe(false); // not twice in one process either
    expect(await b.locks.runAlone("other", async () => undefined)).toBe(true);
    first.open();
    expect(await running).toBe(true);
    expect(await b.locks.runAlone("demo", async () => undefined)).toBe(true);

    // A holds the kind and its session dies (as when the process is killed): B may run it.
    const second = gate();
    const orphan = a.locks.runAlone("demo", () => second.opened);
    await expect.poll(() => advisoryHolders(a.pool)).toBe(1);
    await a.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE ${DEMO_LOCKS}`);
    await expect.poll(() => a.lost.length).toBe(1);
    expect(await b.locks.runAlone("demo", async () => undefined)).toBe(true);
    second.open();
    expect(await orphan).toBe(true);
    // A's next run opens a new connection.
    expect(await a.locks.runAlone("demo", async () => undefined)).toBe(true);
    await a.locks.close();
    await b.locks.close();
    expect(await advisoryHolders(a.pool)).toBe(0);
  });
});

/**
 * The advisory locks of this test's kinds in the test database; not the harness's own (its inbound
 * role holds `command-menus` while it runs). A lock's second key, the kind's hash, shows as `objid`.
 */
const DEMO_LOCKS = `locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND objid::bigint IN (hashtext('demo')::bigint & 4294967295, hashtext('other')::bigint & 4294967295)`;

/** Sessions holding an advisory lock of this test's kinds. */
async function advisoryHolders(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks WHERE granted AND ${DEMO_LOCKS}`,
  );
  return rows[0]?.n ?? 0;
}
