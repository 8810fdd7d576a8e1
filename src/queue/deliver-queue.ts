/**
 * The `deliver` queue: one job per Delivery row (message × chat). Job ids are derived from the row
 * id, so adding the same delivery twice is a no-op while the job exists. Postgres keeps the truth;
 * jobs are removed when they finish. The jobs live in Redis or in PostgreSQL (job-queues.ts).
 */
import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { Priority, type PriorityName } from "../core/messages.js";
import type { JobQueue, JobQueues } from "./job-queues.js";

export const DELIVER_QUEUE = "deliver";

/** Payload of a deliver job: only the row id; the message itself is read from Postgres. */
export const DeliverJobSchema = z.object({ deliveryId: z.string().regex(/^\d+$/) });
export type DeliverJob = z.infer<typeof DeliverJobSchema>;

export const deliverJobId = (deliveryId: bigint | string): string => `d-${deliveryId}`;

/** Network errors and 5xx are retried with exponential backoff; 429 waits `retry_after` instead. */
export const DELIVER_ATTEMPTS = 8;

export function createDeliverQueue(queues: JobQueues): JobQueue<DeliverJob> {
  return queues.queue<DeliverJob>(DELIVER_QUEUE);
}

export interface DeliverJobSpec {
  readonly deliveryId: bigint;
  readonly priority: PriorityName;
  readonly dueAt?: Date;
}

export async function addDeliverJobs(queue: JobQueue<DeliverJob>, jobs: readonly DeliverJobSpec[]): Promise<void> {
  if (jobs.length === 0) return;
  const now = Date.now();
  await queue.addBulk(
    jobs.map((job) => {
      const opts: JobsOptions = {
        jobId: deliverJobId(job.deliveryId),
        priority: Priority[job.priority],
        attempts: DELIVER_ATTEMPTS,
        backoff: { type: "exponential", delay: 1000 },
        removeOnComplete: true,
        removeOnFail: true,
        ...(job.dueAt && job.dueAt.getTime() > now ? { delay: job.dueAt.getTime() - now } : {}),
      };
      return { name: "deliver", data: { deliveryId: job.deliveryId.toString() }, opts };
    }),
  );
}
