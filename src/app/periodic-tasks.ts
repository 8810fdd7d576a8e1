/**
 * The scheduler role's timers. Each kind of periodic work runs under its own advisory lock, so two
 * scheduler processes (a second one started by mistake, or during a rolling upgrade) never run the
 * same kind at the same time; the work itself stays idempotent (claims, deterministic outbox keys).
 */
import type { Logger } from "pino";
import type { PgPeriodicLocks } from "../db/periodic-locks.js";

export class PeriodicTasks {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: { locks: PgPeriodicLocks; logger: Logger }) {}

  /** Runs `task` once now, unless another scheduler is running that kind; errors reach the caller. */
  async once(kind: string, task: () => Promise<unknown>): Promise<void> {
    await this.options.locks.runAlone(kind, task);
  }

  /** Runs `task` every `ms` (and at once when `now`), never beside another run of the same kind; failures are logged. */
  every(kind: string, ms: number, task: () => Promise<unknown>, options: { now?: boolean } = {}): void {
    const run = () => {
      this.options.locks
        .runAlone(kind, task)
        .catch((error: unknown) =>
          this.options.logger.error({ err: error, event: "periodic_task_failed", task: kind }, "periodic task failed"),
        );
    };
    if (options.now) run();
    const timer = setInterval(run, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** Stops the timers and releases the locks (a run in progress finishes on its own). */
  async stop(): Promise<void> {
    this.timers.forEach(clearInterval);
    await this.options.locks.close();
  }
}
