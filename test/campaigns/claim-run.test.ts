/** The run claim against real Postgres: of many processes, exactly one runs a run; a dead claimer's run is taken over once. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../src/db/client.js";
import { PrismaCampaignStore } from "../../src/modules/campaigns/repo.js";
import { createTestDatabase } from "../support/databases.js";

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let store: PrismaCampaignStore;
let campaignId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url, { poolSize: 12 });
  store = new PrismaCampaignStore(db);
  const area = await db.area.create({ data: { code: "hanam", name: "Hà Nam" } });
  const user = await db.user.create({ data: { platform: "telegram", platformUserId: "1" } });
  const runAt = new Date("2026-12-01T01:00:00Z");
  const { campaign } = await store.create({
    title: "",
    text: "Thử",
    photoFileId: null,
    areaId: area.id,
    createdById: user.id,
    schedule: "daily@08:00",
    nextRunAt: runAt,
    quizTopic: null,
    sourceKey: "test:1",
  });
  campaignId = campaign.id;
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("claimRun", () => {
  const runAt = new Date("2026-12-01T01:00:00Z");

  it("lets exactly one of ten concurrent claimers run a run", async () => {
    const now = new Date("2026-12-01T01:00:01Z");
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => store.claimRun({ campaignId, runAt, now, leaseMs: 60_000 })),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await db.campaignRun.count({ where: { campaignId } })).toBe(1);
  });

  it("refuses a run claimed moments ago, and hands a stale claim to exactly one taker", async () => {
    expect(await store.claimRun({ campaignId, runAt, now: new Date("2026-12-01T01:00:30Z"), leaseMs: 60_000 })).toBe(
      false,
    );
    const later = new Date("2026-12-01T01:05:00Z");
    const takeovers = await Promise.all(
      Array.from({ length: 5 }, () => store.claimRun({ campaignId, runAt, now: later, leaseMs: 60_000 })),
    );
    expect(takeovers.filter(Boolean)).toHaveLength(1);
  });

  it("advances a run once, and not after cancellation", async () => {
    const next = new Date("2026-12-02T01:00:00Z");
    const moves = await Promise.all([
      store.advance({ campaignId, runAt, nextRunAt: next }),
      store.advance({ campaignId, runAt, nextRunAt: next }),
    ]);
    expect(moves.filter(Boolean)).toHaveLength(1);
    expect(await store.cancel({ campaignId, at: new Date() })).toBe(true);
    expect(await store.advance({ campaignId, runAt: next, nextRunAt: new Date("2026-12-03T01:00:00Z") })).toBe(false);
    expect(await store.due(new Date("2027-01-01T00:00:00Z"), 10)).toEqual([]);
  });
});
