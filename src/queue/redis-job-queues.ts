/** BullMQ on Redis: every key under `${prefix}:`, one shared ioredis connection (owned by the caller). */
import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { JobProcessor, JobQueue, JobQueues, JobWorker, JobWorkerOptions } from "./job-queues.js";

export class RedisJobQueues implements JobQueues {
  readonly backend = "redis" as const;

  /** `connection` needs `maxRetriesPerRequest: null` (workers block on it): see redis.ts. */
  constructor(private readonly options: { connection: Redis; prefix: string }) {}

  queue<T>(name: string): JobQueue<T> {
    const { connection, prefix } = this.options;
    return new Queue<T, unknown, string, T>(name, { connection, prefix });
  }

  worker<T>(name: string, processor: JobProcessor<T>, options: JobWorkerOptions<T>): JobWorker {
    const { connection, prefix } = this.options;
    const { concurrency, lockDuration, stalledInterval } = options;
    const worker = new Worker<T>(name, (job, token) => processor(job, token), {
      connection,
      prefix,
      concurrency,
      lockDuration,
      stalledInterval,
    });
    worker.on("error", options.onError);
    if (options.onFailed) worker.on("failed", options.onFailed);
    return worker;
  }

  /** The known queues: BullMQ keeps a `${prefix}:<queue>:meta` hash for each. */
  async queueNames(): Promise<string[]> {
    const { connection, prefix } = this.options;
    const names = new Set<string>();
    let cursor = "0";
    do {
      const [next, keys] = await connection.scan(cursor, "MATCH", `${prefix}:*:meta`, "COUNT", 500);
      cursor = next;
      for (const key of keys) names.add(key.slice(prefix.length + 1, -":meta".length));
    } while (cursor !== "0");
    return [...names];
  }
}
