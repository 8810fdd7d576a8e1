/** Issue 21: the scheduler's sweep of the console's links and sessions, against real PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../src/db/client.js";
import { PrismaConsoleSessionStore } from "../../src/modules/console/repo.js";
import { purgeConsoleSessions } from "../../src/modules/console/purge-console-sessions.js";
import { createTestDatabase } from "../support/databases.js";

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = () => database.drop();
  db = createDb(database.url, { poolSize: 2 });
});

afterAll(async () => {
  await db?.$disconnect();
  await drop?.();
});

describe("purging console sessions", () => {
  it("deletes what ended more than a day ago and keeps what is live or recent", async () => {
    const user = await db.user.create({ data: { platform: "telegram", platformUserId: "777" } });
    const chat = await db.chat.create({ data: { platform: "telegram", platformChatId: "777", kind: "private" } });
    const now = new Date("2026-12-10T12:00:00Z");
    const hours = (h: number) => new Date(now.getTime() + h * 3600_000);
    const row = (linkHash: string, data: Record<string, Date | string | null>) =>
      db.consoleSession.create({
        data: { userId: user.id, chatId: chat.id, linkHash, linkExpiresAt: hours(-100), locale: "vi", ...data },
      });
    await row("unused-old", {});
    await row("unused-fresh", { linkExpiresAt: hours(-1) });
    await row("live", { sessionHash: "s1", openedAt: hours(-2), expiresAt: hours(10) });
    await row("expired-old", { sessionHash: "s2", openedAt: hours(-60), expiresAt: hours(-48) });
    await row("ended-old", { sessionHash: "s3", openedAt: hours(-60), expiresAt: hours(10), endedAt: hours(-30) });
    const gone = await purgeConsoleSessions({ sessions: new PrismaConsoleSessionStore(db), clock: { now: () => now } });
    expect(gone).toBe(3);
    expect((await db.consoleSession.findMany({ orderBy: { id: "asc" } })).map((r) => r.linkHash)).toEqual([
      "unused-fresh",
      "live",
    ]);
  });
});
