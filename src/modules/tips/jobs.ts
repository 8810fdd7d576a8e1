/**
 * The `tips` BullMQ queue (DESIGN.md §5): forwarding and escalation jobs with deterministic ids,
 * retries with backoff, and a worker. Jobs carry only a tip id; Postgres holds the truth, so a job
 * lost with Redis is re-added by the reconciler (reconcile-tips.ts). The jobs live in Redis or in
 * PostgreSQL (queue/job-queues.ts).
 */
import type { JobsOptions } from "bullmq";
import type { Logger } from "pino";
import { z } from "zod";
import type { JobQueue, JobQueues } from "../../queue/job-queues.js";
import { ModuleWorker } from "../../queue/module-worker.js";
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

export class TipWorker extends ModuleWorker<TipJob> {
  constructor(options: { queues: JobQueues; handlers: TipJobHandlers; logger: Logger }) {
    const run = (data: TipJob) => runTipJob(data, options.handlers);
    super({ ...options, queue: TIPS_QUEUE, name: "tip", concurrency: 8, schema: TipJobSchema, run });
  }
}

function runTipJob(data: TipJob, handlers: TipJobHandlers): Promise<void> {
  switch (data.kind) {
    case "forward":
      return handlers.forward(data.tipId);
    case "escalate":
      return handlers.escalate(data.tipId, data.level);
    default: {
      const never: never = data;
      throw new Error(`unknown tip job ${JSON.stringify(never)}`);
    }
  }
}
