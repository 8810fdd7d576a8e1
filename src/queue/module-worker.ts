/** The worker of a module's own queue (tips, alarms): the same lock settings, the same log lines. */
import type { Job } from "bullmq";
import type { Logger } from "pino";
import type { z } from "zod";
import type { JobQueues, JobWorker } from "./job-queues.js";

export interface ModuleWorkerOptions<T> {
  readonly queues: JobQueues;
  readonly queue: string;
  /** Names its log events: `<name>_job_failed`, `<name>_worker_error`. */
  readonly name: string;
  readonly concurrency: number;
  /** What a job's data must be (a job from an older release that no longer reads fails). */
  readonly schema: z.ZodType<T>;
  readonly run: (data: T) => Promise<void>;
  readonly logger: Logger;
}

export class ModuleWorker<T> {
  private worker: JobWorker | undefined;

  constructor(private readonly options: ModuleWorkerOptions<T>) {}

  start(): void {
    const { queues, name, logger } = this.options;
    this.worker = queues.worker<T>(this.options.queue, (job) => this.process(job), {
      concurrency: this.options.concurrency,
      lockDuration: 15_000,
      stalledInterval: 5_000,
      onFailed: (job, error) =>
        logger.warn(
          { err: error, event: `${name}_job_failed`, job: job?.id, attempts: job?.attemptsMade },
          `${name} job failed`,
        ),
      onError: (error) => logger.error({ err: error, event: `${name}_worker_error` }, `${name} worker error`),
    });
  }

  /** Stops taking jobs and waits for the ones in flight. */
  async close(): Promise<void> {
    await this.worker?.close();
  }

  private async process(job: Job<T>): Promise<void> {
    return this.options.run(this.options.schema.parse(job.data));
  }
}
