/**
 * The `alarms` BullMQ queue: one delayed job per level, `esc-<alarmId>-<level>`, which sends an
 * alarm still unanswered to the officers of the next area up. Postgres holds the truth (the alarm's
 * state and escalation count), so a job that runs twice or late does nothing. The jobs live in Redis
 * or, without it, in PostgreSQL (queue/job-queues.ts).
 */
import type { Job } from "bullmq";
import type { Logger } from "pino";
import type { JobQueue, JobQueues, JobWorker } from "../../queue/job-queues.js";
import { z } from "zod";
import type { AlarmQueue } from "./deps.js";

export const ALARMS_QUEUE = "alarms";

export const AlarmJobSchema = z.object({
  kind: z.literal("escalate"),
  alarmId: z.number().int().positive(),
  level: z.number().int().min(0),
});
export type AlarmJob = z.infer<typeof AlarmJobSchema>;

export class BullAlarmQueue implements AlarmQueue {
  readonly queue: JobQueue<AlarmJob>;

  constructor(options: { queues: JobQueues }) {
    this.queue = options.queues.queue<AlarmJob>(ALARMS_QUEUE);
  }

  async escalate(input: { alarmId: number; level: number; at: Date }): Promise<void> {
    const data: AlarmJob = { kind: "escalate", alarmId: input.alarmId, level: input.level };
    const delay = Math.max(0, input.at.getTime() - Date.now());
    await this.queue.add("escalate", data, {
      jobId: `esc-${input.alarmId}-${input.level}`,
      attempts: 8,
      backoff: { type: "exponential", delay: 1000 },
      removeOnComplete: true,
      removeOnFail: true,
      delay,
    });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

export class AlarmWorker {
  private worker: JobWorker | undefined;

  constructor(
    private readonly options: {
      queues: JobQueues;
      escalate: (alarmId: number, level: number) => Promise<void>;
      logger: Logger;
    },
  ) {}

  start(): void {
    const { queues, logger } = this.options;
    this.worker = queues.worker<AlarmJob>(ALARMS_QUEUE, (job) => this.process(job), {
      concurrency: 4,
      lockDuration: 15_000,
      stalledInterval: 5_000,
      onFailed: (job, error) =>
        logger.warn(
          { err: error, event: "alarm_job_failed", job: job?.id, attempts: job?.attemptsMade },
          "alarm job failed",
        ),
      onError: (error) => logger.error({ err: error, event: "alarm_worker_error" }, "alarm worker error"),
    });
  }

  async close(): Promise<void> {
    await this.worker?.close();
  }

  private async process(job: Job<AlarmJob>): Promise<void> {
    const data = AlarmJobSchema.parse(job.data);
    return this.options.escalate(data.alarmId, data.level);
  }
}
