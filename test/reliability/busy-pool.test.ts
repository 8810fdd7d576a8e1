/**
 * A busy connection pool makes work wait, never fail: a transaction started while every connection
 * is taken (an acknowledgement wave, a tipster's burst of follow-ups on a loaded machine) runs once
 * one is free. Prisma's own default gives up after 2 s and the person would read "system error".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../src/db/client.js";
import { createTestDatabase } from "../support/databases.js";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: ReturnType<typeof createDatabase>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createDatabase(database.url, { poolSize: 2 });
});

afterAll(async () => {
  await app.close();
  await database.drop();
});

describe("a busy pool", () => {
  it("lets a transaction wait for a connection longer than Prisma's 2 s default", async () => {
    // Both connections are held for 3 s, longer than Prisma's default wait for one.
    const holding = Promise.all([app.pool.query("SELECT pg_sleep(3)"), app.pool.query("SELECT pg_sleep(3)")]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const counted = await app.db.$transaction(async (tx) => tx.area.count());
    expect(counted).toBe(0);
    await holding;
  });
});
