/**
 * The `tips` BullMQ queue (DESIGN.md §5): forwarding and escalation jobs with deterministic ids,
 * retries with backoff, and a worker. Jobs carry only a tip id; Postgres holds the truth, so a job
 * lost with Redis is re-added by the reconciler (reconcile-tips.ts). The jobs live in Redis or in
 * PostgreSQL (queue/job-queues.ts).
 */
import type { Job, JobsOptions } from "bullmq";
import type { Logger } from "pino";
import { z } from "zod";
import type { JobQueue, JobQueues, JobWorker } from "../../queue/job-queues.js";
import type { TipQueue } from "./types.js";

export const TIPS_QUEUE = "tips";

/**
 * Job payloads. `forward`: send a received tip to its officers. `escalate`: move a tip still untaken
 * at `level` one level up. Ids: `f-<tipId>` and `e-<tipId>-<level>`, so adding twice runs once.
 */
export const TipJobSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("forward"), tipId: z.number().int().positive() }),
  z.object({ kind: z.literal("escalate"), tipId: z.number().int().positive(), level: z.number().int().min(0) }),
]);
export type TipJob = z.infer<typeof TipJobSchema>;

const ATTEMPTS = 8;
const jobOptions = (jobId: string, delayMs = 0): JobsOptions => ({
  jobId,
  attempts: ATTEMPTS,
  backoff: { type: "exponential", delay: 1000 },
  // Finished jobs are removed: the reconciler may then re-add one whose tip still needs it.
  removeOnComplete: true,
  removeOnFail: true,
  ...(delayMs > 0 ? { delay: delayMs } : {}),
});

export class BullTipQueue implements TipQueue {
  /** The BullMQ queue itself (metrics, admin panel). */
  readonly queue: JobQueue<TipJob>;

  constructor(options: { queues: JobQueues }) {
    this.queue = options.queues.queue<TipJob>(TIPS_QUEUE);
  }

  async forward(tipId: number): Promise<void> {
    await this.queue.add("forward", { kind: "forward", tipId }, jobOptions(`f-${tipId}`));
  }

  async escalate(input: { tipId: number; level: number; at: Date }): Promise<void> {
    const data: TipJob = { kind: "escalate", tipId: input.tipId, level: input.level };
    await this.queue.add(
      "escalate",
      data,
      jobOptions(`e-${input.tipId}-${input.level}`, input.at.getTime() - Date.now()),
    );
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** What the worker runs for each job kind. */
export interface TipJobHandlers {
  forward(tipId: number): Promise<void>;
  escalate(tipId: number, level: number): Promise<void>;
}

export class TipWorker {
  private worker: JobWorker | undefined;

  constructor(private readonly options: { queues: JobQueues; handlers: TipJobHandlers; logger: Logger }) {}

  start(): void {
    const { queues, logger } = this.options;
    this.worker = queues.worker<TipJob>(TIPS_QUEUE, (job) => this.process(job), {
      concurrency: 8,
      lockDuration: 15_000,
      stalledInterval: 5_000,
      onFailed: (job, error) =>
        logger.warn(
          { err: error, event: "tip_job_failed", job: job?.id, attempts: job?.attemptsMade },
          "tip job failed",
        ),
      onError: (error) => logger.error({ err: error, event: "tip_worker_error" }, "tip worker error"),
    });
  }

  /** Stops taking jobs and waits for the ones in flight. */
  async close(): Promise<void> {
    await this.worker?.close();
  }

  private async process(job: Job<TipJob>): Promise<void> {
    const data = TipJobSchema.parse(job.data);
    switch (data.kind) {
      case "forward":
        return this.options.handlers.forward(data.tipId);
      case "escalate":
        return this.options.handlers.escalate(data.tipId, data.level);
      default: {
        const never: never = data;
        throw new Error(`unknown tip job ${JSON.stringify(never)}`);
      }
    }
  }
}
