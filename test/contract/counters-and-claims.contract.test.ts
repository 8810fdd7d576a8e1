/**
 * One contract for the two small expiring stores: attempt counters (AttemptLimiter: invite codes,
 * group registration, the flood limit, GET /verify) and the scheduler's claims (ScheduledClaims:
 * the weekly report once per area and week). The same cases run against Redis and PostgreSQL alone.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AttemptLimiter } from "../../src/core/ports.js";
import { PgAttemptLimiter } from "../../src/db/pg-attempt-limiter.js";
import { createPool } from "../../src/db/sql.js";
import { PgScheduledClaims } from "../../src/modules/reports/claims-repo.js";
import { RedisScheduledClaims } from "../../src/modules/reports/jobs.js";
import type { ScheduledClaims } from "../../src/modules/reports/types.js";
import { RedisAttemptLimiter } from "../../src/queue/attempt-limiter.js";
import { backends, testRedisUrl, type Backend } from "../support/backends.js";
import { createTestDatabase } from "../support/databases.js";

interface Stores {
  /** Both stores under `prefix`, as one process opens them. */
  open(prefix: string): { attempts: AttemptLimiter; claims: ScheduledClaims };
  close(): Promise<void>;
}

async function openStores(backend: Backend): Promise<Stores> {
  if (backend === "redis") {
    const redis = new Redis(testRedisUrl);
    return {
      open: (prefix) => ({
        attempts: new RedisAttemptLimiter({ redis, prefix }),
        claims: new RedisScheduledClaims({ redis, prefix }),
      }),
      close: async () => void (await redis.quit()),
    };
  }
  const database = await createTestDatabase();
  const pool = createPool(database.url, 8);
  return {
    open: (prefix) => ({
      attempts: new PgAttemptLimiter({ sql: pool, prefix }),
      claims: new PgScheduledClaims({ sql: pool, prefix }),
    }),
    async close() {
      await pool.end();
      await database.drop();
    },
  };
}

for (const { backend, title, skip } of backends) {
  describe.skipIf(skip)(`attempt counters and scheduled claims on ${title}`, () => {
    let stores: Stores;
    const fresh = () => stores.open(`keng-test-counters-${randomUUID()}`);

    beforeAll(async () => {
      stores = await openStores(backend);
    });

    afterAll(async () => {
      await stores?.close();
    });

    it("counts attempts per key in a window and says how long until it ends", async () => {
      const { attempts } = fresh();
      const hits = [];
      for (let i = 0; i < 3; i++) hits.push(await attempts.hit({ key: "join:7", max: 2, windowSeconds: 3600 }));
      expect(hits.map((h) => [h.allowed, h.count])).toEqual([
        [true, 1],
        [true, 2],
        [false, 3],
      ]);
      expect(hits[2]?.retryInSeconds).toBeGreaterThan(3590);
      expect(hits[2]?.retryInSeconds).toBeLessThanOrEqual(3600);
      expect(await attempts.hit({ key: "join:8", max: 2, windowSeconds: 3600 })).toMatchObject({
        allowed: true,
        count: 1,
      });
    });

    it("counts every one of many simultaneous attempts once", async () => {
      const { attempts } = fresh();
      const hits = await Promise.all(
        Array.from({ length: 25 }, () => attempts.hit({ key: "flood:u1", max: 20, windowSeconds: 60 })),
      );
      expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(hits.filter((h) => h.allowed)).toHaveLength(20);
    });

    it("starts a new window once the last one has ended", async () => {
      const { attempts } = fresh();
      await attempts.hit({ key: "verify-http:1", max: 1, windowSeconds: 1 });
      expect(await attempts.hit({ key: "verify-http:1", max: 1, windowSeconds: 1 })).toMatchObject({
        allowed: false,
        count: 2,
      });
      await sleep(1100);
      expect(await attempts.hit({ key: "verify-http:1", max: 1, windowSeconds: 1 })).toMatchObject({
        allowed: true,
        count: 1,
      });
    });

    it("gives a claim to exactly one of many processes, and keeps it while it is held", async () => {
      const prefix = `keng-test-claims-${randomUUID()}`;
      const processes = Array.from({ length: 6 }, () => stores.open(prefix).claims);
      const won = await Promise.all(processes.map((claims) => claims.claim("report:ward-5:2026-W50", 60_000)));
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = processes[won.indexOf(true)];
      await winner?.hold("report:ward-5:2026-W50", 7 * 86_400_000);
      expect(await processes[0]?.claim("report:ward-5:2026-W50", 60_000)).toBe(false);
      expect(await processes[0]?.claim("report:ward-6:2026-W50", 60_000)).toBe(true);
    });

    it("lets a lapsed claim be taken again (a process died holding its lease)", async () => {
      const { claims } = fresh();
      expect(await claims.claim("report:ward-5:2026-W51", 300)).toBe(true);
      expect(await claims.claim("report:ward-5:2026-W51", 300)).toBe(false);
      await sleep(350);
      expect(await claims.claim("report:ward-5:2026-W51", 60_000)).toBe(true);
    });
  });
}
