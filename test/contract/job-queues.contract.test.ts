/**
 * One contract for the job queues (JobQueues): BullMQ on Redis and BullMQ's own PostgreSQL backend
 * must mean the same by the options the outbox and the tips queue rely on — a job id is added
 * once, lower priority numbers go first, a delay holds a job back, a job put back with
 * moveToDelayed returns, and a dead worker's job comes back to another.
 */
import { randomBytes } from "node:crypto";
import { DelayedError, type Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobQueue, JobQueues, JobWorker } from "../../src/queue/job-queues.js";
import { createQueuePool, migrateQueueSchema, PgJobQueues } from "../../src/queue/pg-job-queues.js";
import { RedisJobQueues } from "../../src/queue/redis-job-queues.js";
import { createRedis } from "../../src/queue/redis.js";
import { backends, testRedisUrl, type Backend } from "../support/backends.js";
import { createTestDatabase } from "../support/databases.js";

interface Payload {
  readonly n: number;
}

async function openQueues(backend: Backend): Promise<{ queues: JobQueues; close: () => Promise<void> }> {
  if (backend === "redis") {
    const connection = createRedis(testRedisUrl, { forWorker: true });
    const prefix = `keng-test-jq-${randomBytes(4).toString("hex")}`;
    return { queues: new RedisJobQueues({ connection, prefix }), close: async () => void (await connection.quit()) };
  }
  const database = await createTestDatabase();
  const pool = createQueuePool(database.url, { max: 6, onIdleError: () => undefined });
  await migrateQueueSchema(pool);
  return {
    queues: new PgJobQueues(pool),
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}

/** Resolves once `predicate` holds, checking every 20 ms (what is waited for is named in the error). */
async function until(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const done = { removeOnComplete: true, removeOnFail: true } as const;

for (const { backend, title, skip } of backends) {
  describe.skipIf(skip)(`JobQueues on ${title}`, () => {
    let queues: JobQueues;
    let close: () => Promise<void> = async () => undefined;
    const opened: { close(): Promise<void> }[] = [];
    let names = 0;

    /** A queue of its own for each test, closed with the suite. */
    function newQueue(): JobQueue<Payload> {
      const queue = queues.queue<Payload>(`contract-${++names}`);
      opened.push(queue);
      return queue;
    }

    function startWorker(
      queue: JobQueue<Payload>,
      run: (job: Job<Payload>, token: string | undefined) => Promise<void>,
      options: { lockDuration?: number; failures?: Error[] } = {},
    ): JobWorker {
      const worker = queues.worker<Payload>(queue.name, run, {
        concurrency: 1,
        lockDuration: options.lockDuration ?? 15_000,
        stalledInterval: Math.round(Math.min(5_000, (options.lockDuration ?? 15_000) / 3)),
        onError: () => undefined,
        onFailed: (_job, error) => options.failures?.push(error),
      });
      opened.push(worker);
      return worker;
    }

    beforeAll(async () => {
      ({ queues, close } = await openQueues(backend));
    });

    afterAll(async () => {
      for (const o of opened.reverse()) await o.close().catch(() => undefined);
      await close();
    });

    it("adds a job id once while the job exists, and again once it is done", async () => {
      const queue = newQueue();
      await queue.addBulk([
        { name: "job", data: { n: 1 }, opts: { jobId: "d-1", ...done } },
        { name: "job", data: { n: 2 }, opts: { jobId: "d-1", ...done } },
      ]);
      await queue.add("job", { n: 3 }, { jobId: "d-1", ...done });
      expect(await queue.getJobCounts("waiting", "prioritized")).toEqual({ waiting: 1, prioritized: 0 });
      const ran: number[] = [];
      startWorker(queue, async (job) => void ran.push(job.data.n));
      await until("the first job", () => ran.length === 1);
      const left = async () =>
        Object.values(await queue.getJobCounts("active", "completed")).reduce((a, b) => a + b, 0);
      await until("the finished job to be removed", async () => (await left()) === 0);
      await queue.add("job", { n: 4 }, { jobId: "d-1", ...done });
      await until("the job added again", () => ran.length === 2);
      expect(ran).toEqual([1, 4]);
    });

    it("runs lower priority numbers first, 0 before all, in order of adding within one", async () => {
      const queue = newQueue();
      const priorities = [3, 1, 2, 0, 1, 3];
      await queue.addBulk(
        priorities.map((priority, i) => ({
          name: "job",
          data: { n: i },
          opts: { jobId: `p-${i}`, priority, ...done },
        })),
      );
      expect(await queue.getCountsPerPriority([0, 1, 2, 3])).toEqual({ "0": 1, "1": 2, "2": 1, "3": 2 });
      const ran: number[] = [];
      startWorker(queue, async (job) => void ran.push(job.data.n));
      await until("every job", () => ran.length === priorities.length);
      expect(ran).toEqual([3, 1, 4, 2, 0, 5]);
    });

    it("holds a delayed job back until its time, while others run", async () => {
      const queue = newQueue();
      const addedAt = Date.now();
      await queue.add("job", { n: 1 }, { jobId: "later", delay: 600, ...done });
      await queue.add("job", { n: 2 }, { jobId: "now", ...done });
      expect(await queue.getJobCounts("delayed")).toEqual({ delayed: 1 });
      const ran: { n: number; at: number }[] = [];
      startWorker(queue, async (job) => void ran.push({ n: job.data.n, at: Date.now() }));
      await until("both jobs", () => ran.length === 2);
      expect(ran.map((r) => r.n)).toEqual([2, 1]);
      expect(ran[1]?.at ?? 0).toBeGreaterThanOrEqual(addedAt + 600);
    });

    it("gets a job back that its worker put off with moveToDelayed, without failing it", async () => {
      const queue = newQueue();
      await queue.add("job", { n: 1 }, { jobId: "postponed", attempts: 1, ...done });
      const runs: number[] = [];
      const failures: Error[] = [];
      startWorker(
        queue,
        async (job, token) => {
          runs.push(Date.now());
          if (runs.length > 1) return;
          await job.moveToDelayed(Date.now() + 300, token);
          throw new DelayedError();
        },
        { failures },
      );
      await until("the second run", () => runs.length === 2);
      expect((runs[1] ?? 0) - (runs[0] ?? 0)).toBeGreaterThanOrEqual(300);
      expect(failures).toEqual([]);
    });

    it("gives a dead worker's job to another worker once its lock lapses", async () => {
      const queue = newQueue();
      await queue.add("job", { n: 7 }, { jobId: "held", ...done });
      let taken = false;
      const dead = startWorker(
        queue,
        () => {
          taken = true;
          return new Promise<void>(() => undefined); // never finishes: the process "died" holding it
        },
        { lockDuration: 1_000 },
      );
      await until("the first worker to take the job", () => taken);
      await dead.close(true);
      const ran: number[] = [];
      startWorker(queue, async (job) => void ran.push(job.data.n), { lockDuration: 1_000 });
      await until("the job to come back", () => ran.length === 1);
      expect(ran).toEqual([7]);
    });

    it("lists the queues that hold jobs", async () => {
      const queue = newQueue();
      await queue.add("job", { n: 1 }, { jobId: "listed" });
      expect(await queues.queueNames()).toContain(queue.name);
    });
  });
}
