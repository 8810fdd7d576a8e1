/**
 * The `alarms` BullMQ queue: one delayed job per level, `esc-<alarmId>-<level>`, which sends an
 * alarm still unanswered to the officers of the next area up. Postgres holds the truth (the alarm's
 * state and escalation count), so a job that runs twice or late does nothing. The jobs live in Redis
 * or, without it, in PostgreSQL (queue/job-queues.ts).
 */
import type { Logger } from "pino";
import type { JobQueue, JobQueues } from "../../queue/job-queues.js";
import { ModuleWorker } from "../../queue/module-worker.js";
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

export class AlarmWorker extends ModuleWorker<AlarmJob> {
  constructor(options: {
    queues: JobQueues;
    escalate: (alarmId: number, level: number) => Promise<void>;
    logger: Logger;
  }) {
    const run = (data: AlarmJob) => options.escalate(data.alarmId, data.level);
    super({ ...options, queue: ALARMS_QUEUE, name: "alarm", concurrency: 4, schema: AlarmJobSchema, run });
  }
}
