/**
 * Postgres is the source of truth; Redis may lose everything (without Redis the queue is in Postgres
 * too, and this still re-offers what a crash between writing a row and queueing its job left behind). On start and every ~30 s the
 * scheduler role has the reconciler queue deliveries that are pending and due in Postgres (BullMQ
 * ignores job ids that already exist, so this is safe to repeat).
 */
import type { Db } from "../db/client.js";
import { priorityName } from "../core/messages.js";
import { addDeliverJobs, type DeliverJob } from "./deliver-queue.js";
import type { JobQueue } from "./job-queues.js";

const BATCH = 2000;

export class DeliveryReconciler {
  private running: Promise<number> | undefined;

  constructor(private readonly options: { db: Db; queue: JobQueue<DeliverJob> }) {}

  /** Queues every pending, due delivery; returns how many rows were (re)offered to the queue. */
  async reconcile(): Promise<number> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<number> {
    const { db, queue } = this.options;
    let total = 0;
    let after = -1n;
    for (;;) {
      const rows = await db.delivery.findMany({
        where: { status: "pending", dueAt: { lte: new Date(Date.now() + 60_000) }, id: { gt: after } },
        select: { id: true, priority: true, dueAt: true },
        orderBy: { id: "asc" },
        take: BATCH,
      });
      if (rows.length === 0) break;
      await addDeliverJobs(
        queue,
        rows.map((r) => ({ deliveryId: r.id, priority: priorityName(r.priority), dueAt: r.dueAt })),
      );
      total += rows.length;
      after = rows[rows.length - 1]?.id ?? after;
      if (rows.length < BATCH) break;
    }
    return total;
  }
}
