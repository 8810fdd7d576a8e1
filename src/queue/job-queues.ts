/**
 * The port for BullMQ's queues and workers, whichever store holds the jobs: Redis
 * (redis-job-queues.ts) or PostgreSQL through BullMQ's own PostgreSQL backend (pg-job-queues.ts).
 * The same options mean the same on both: a job id already present is not added again, lower
 * priority numbers go first (0 before all), `delay` holds a job back, and a worker that dies gives
 * its jobs back after `lockDuration` (the stalled-job check). The contract suite in test/contract
 * runs against both.
 */
import type { BulkJobOptions, Job, JobsOptions, JobType } from "bullmq";

/** What Kẻng uses of one BullMQ queue. */
export interface JobQueue<T> {
  readonly name: string;
  add(name: string, data: T, opts?: JobsOptions): Promise<unknown>;
  addBulk(jobs: { name: string; data: T; opts?: BulkJobOptions }[]): Promise<unknown>;
  getJobCounts(...types: JobType[]): Promise<Record<string, number>>;
  getCountsPerPriority(priorities: number[]): Promise<Record<string, number>>;
  /** Deletes the queue and its jobs (tests and benchmarks). */
  obliterate(opts?: { force?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** Runs one job; `token` is the job's lock, for `job.moveToDelayed`. */
export type JobProcessor<T> = (job: Job<T>, token: string | undefined) => Promise<void>;

/** How a worker runs its jobs, and who hears of its errors. */
export interface JobWorkerOptions<T> {
  /** Jobs in flight at once in this process. */
  readonly concurrency: number;
  /** A job whose worker stopped renewing its lock for this long goes back to the queue. */
  readonly lockDuration: number;
  /** How often this worker looks for such stalled jobs. */
  readonly stalledInterval: number;
  readonly onError: (error: Error) => void;
  /** A job failed an attempt (it may be retried). */
  readonly onFailed?: (job: Job<T> | undefined, error: Error) => void;
}

/** A running worker. */
export interface JobWorker {
  /** Stops taking jobs and waits for the ones in flight; `force`: does not wait (their locks lapse, as if the process died). */
  close(force?: boolean): Promise<void>;
}

/** Where the jobs live. */
export interface JobQueues {
  readonly backend: "redis" | "postgres";
  queue<T>(name: string): JobQueue<T>;
  worker<T>(name: string, processor: JobProcessor<T>, options: JobWorkerOptions<T>): JobWorker;
  /** Every queue that holds or held jobs (the sandbox's admin panel lists them). */
  queueNames(): Promise<string[]>;
}
