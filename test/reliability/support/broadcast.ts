/**
 * Shared set-up of the fault tests: a fake Telegram server with Telegram's limits (on a worker
 * thread of its own: test/support/fake-telegram-thread.ts), a fresh
 * database seeded with an area, its officer and N registered groups, a private Redis, and the bot
 * as a child process (so it can be killed with SIGKILL and started again).
 */
import { randomBytes } from "node:crypto";
import { onTestFailed } from "vitest";
import { createDb, type Db } from "../../../src/db/client.js";
import type { FakeUserInput } from "../../../src/sandbox/fake-telegram/types.js";
import { ThreadedFakeTelegram } from "../../support/fake-telegram-thread.js";
import { spawnApp, type ChildApp } from "../../support/child-app.js";
import { createTestDatabase } from "../../support/databases.js";
import { PrivateRedis } from "./private-redis.js";

export const ALERT_MARK = "TIẾNG KẺNG";
const GROUP_BASE = 3_000_000;

export interface Broadcast {
  readonly fake: ThreadedFakeTelegram;
  readonly db: Db;
  readonly redis: PrivateRedis;
  readonly databaseUrl: string;
  readonly officer: FakeUserInput;
  readonly groupIds: readonly number[];
  /** The bot process now running, if any. */
  readonly app: ChildApp | undefined;
  /** Starts the bot (env: the scenario's, plus `extra`) and resolves once it polls. */
  start(extra?: Record<string, string>): Promise<ChildApp>;
  /** SIGKILLs the running bot and waits for it to exit. */
  kill(): Promise<void>;
  /** Groups that have the alert, duplicate alert messages, groups still without it. */
  count(): Figures;
  /**
   * Polls until every group has the alert, or no group got it for `stallMs` (progress, not speed,
   * decides: the machine may be slow); resolves with the count at that moment.
   */
  waitForAll(stallMs: number): Promise<Figures>;
  /** The same, until `n` groups have the alert. */
  waitForReached(n: number, stallMs: number): Promise<Figures>;
  /** Call inside a test: prints the bot's log tail if the test fails. */
  dumpLogOnFailure(): void;
  close(): Promise<void>;
}

export interface Figures {
  readonly reached: number;
  readonly duplicates: number;
  readonly lost: number;
}

export async function setUpBroadcast(options: {
  groups: number;
  botUsername: string;
  env?: Record<string, string>;
}): Promise<Broadcast> {
  const fake = await ThreadedFakeTelegram.start({ botUsername: options.botUsername, limits: {} });
  const redis = await PrivateRedis.start();
  const database = await createTestDatabase();
  const db = createDb(database.url);
  const officer: FakeUserInput = { id: 9_200_000_001, first_name: "Lan", language_code: "vi" };
  const area = await db.area.create({ data: { code: "hanam", name: "Tỉnh Hà Nam" } });
  const user = await db.user.create({
    data: { platform: "telegram", platformUserId: String(officer.id), displayName: "Lan" },
  });
  await db.role.create({ data: { userId: user.id, areaId: area.id, role: "officer" } });
  fake.addPrivateChatUser(officer);
  const groupIds = Array.from({ length: options.groups }, (_, i) => -(GROUP_BASE + i));
  groupIds.forEach((id, i) => fake.addGroup({ id, title: `Tổ ${i}` }));
  await db.chat.createMany({
    data: groupIds.map((id, i) => ({
      platform: "telegram" as const,
      platformChatId: String(id),
      kind: "group" as const,
      title: `Tổ ${i}`,
      areaId: area.id,
    })),
  });

  const env: Record<string, string> = {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `keng-rel-${randomBytes(4).toString("hex")}`,
    PORT: "0",
    TIP_SEAL_KEY: randomBytes(32).toString("base64"),
    ALERT_SIGNING_KEY: randomBytes(32).toString("base64"),
    ...options.env,
  };
  let app: ChildApp | undefined;
  /** Every process started, oldest first: a failure after a restart may come from the killed one. */
  const apps: ChildApp[] = [];

  // Alert messages per group, counted as the fake reports them (one event each, no call per group).
  const alerts = new Map<number, number>(groupIds.map((id) => [id, 0]));
  fake.on("botMessage", (message) => {
    const n = alerts.get(message.chatId);
    if (n !== undefined && message.plainText.includes(ALERT_MARK)) alerts.set(message.chatId, n + 1);
  });
  const count = (): Figures => {
    let reached = 0;
    let duplicates = 0;
    for (const n of alerts.values()) {
      if (n > 0) reached++;
      if (n > 1) duplicates += n - 1;
    }
    return { reached, duplicates, lost: groupIds.length - reached };
  };
  const waitForReached = async (n: number, stallMs: number): Promise<Figures> => {
    let figures = count();
    await waitForProgress({
      measure: () => {
        if (app && app.child.exitCode !== null)
          throw new Error(`the bot exited (${app.child.exitCode}):\n${app.output().slice(-3000)}`);
        figures = count();
        return figures.reached;
      },
      target: n,
      stallMs,
    });
    return figures;
  };

  return {
    fake,
    db,
    redis,
    databaseUrl: database.url,
    officer,
    groupIds,
    get app() {
      return app;
    },
    async start(extra = {}) {
      // telegraf calls deleteWebhook just before its first getUpdates (whose record only appears
      // when the long poll ends): the bot is polling from then on.
      const before = fake.calls.filter((c) => c.method === "deleteWebhook").length;
      app = spawnApp({ ...env, ...extra });
      apps.push(app);
      await fake.waitForCalls("deleteWebhook", before + 1, 120_000);
      return app;
    },
    async kill() {
      if (!app) return;
      app.child.kill("SIGKILL");
      await app.exited;
    },
    count,
    waitForReached,
    waitForAll: (timeoutMs) => waitForReached(groupIds.length, timeoutMs),
    dumpLogOnFailure() {
      onTestFailed(() => {
        if (apps.length === 0) console.error("bot log tail: (no bot)");
        apps.forEach((each, i) =>
          console.error(`bot ${i + 1} of ${apps.length}, log tail:\n${each.output().slice(-8000)}`),
        );
      });
    },
    async close() {
      app?.child.kill("SIGKILL");
      await app?.exited;
      await db.$disconnect();
      await fake.stop();
      await redis.stop();
      await database.drop();
    },
  };
}

/**
 * Polls `measure` until it reaches `target`, or until it has not grown for `stallMs`. Tests wait
 * on progress rather than on a deadline: a busy machine is slow, a broken bot stops progressing.
 */
export async function waitForProgress(options: {
  measure: () => number;
  target: number;
  stallMs: number;
}): Promise<number> {
  let value = options.measure();
  let progressAt = Date.now();
  while (value < options.target && Date.now() - progressAt < options.stallMs) {
    await new Promise((r) => setTimeout(r, 100));
    const next = options.measure();
    if (next > value) progressAt = Date.now();
    value = next;
  }
  return value;
}

/** One line per scenario in the test output, copied into RELIABILITY.md. */
export function report(scenario: string, figures: Record<string, number | string>): void {
  console.log(`RELIABILITY ${scenario} ${JSON.stringify(figures)}`);
}

export const seconds = (ms: number) => Math.round(ms / 100) / 10;
