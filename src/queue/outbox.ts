/** The Outbox port over Postgres and BullMQ: write Delivery rows first, then queue their jobs. */
import type { Queue } from "bullmq";
import type { Db } from "../db/client.js";
import type { Outbox, OutboxItem } from "../core/ports.js";
import { priorityName } from "../core/messages.js";
import { writeDeliveryRows } from "../db/delivery-rows.js";
import { writeDeliveryRowsSql } from "../db/delivery-rows-sql.js";
import type { Sql } from "../db/sql.js";
import { addDeliverJobs, type DeliverJob } from "./deliver-queue.js";

const FIRST_CHUNK = 20;
const CHUNK = 250;

export class QueuedOutbox implements Outbox {
  /** With `sql` (the pool under `db`), each chunk is one plain statement instead of two Prisma queries. */
  constructor(private readonly options: { db: Db; queue: Queue<DeliverJob>; sql?: Sql }) {}

  async enqueue(items: readonly OutboxItem[]): Promise<void> {
    // In chunks, a small one first, so the first recipients of a broadcast are reached at once.
    for (let i = 0; i < items.length; ) {
      const size = i === 0 ? FIRST_CHUNK : CHUNK;
      await this.enqueueChunk(items.slice(i, i + size));
      i += size;
    }
  }

  private async enqueueChunk(items: readonly OutboxItem[]): Promise<void> {
    if (items.length === 0) return;
    const { db, queue, sql } = this.options;
    if (sql) {
      const pending = await writeDeliveryRowsSql(sql, items);
      await addDeliverJobs(queue, pending.map((r) => ({ deliveryId: r.id, priority: priorityName(r.priority), dueAt: r.dueAt })));
      return;
    }
    await writeDeliveryRows(db, items);
    // Queue every pending row with these keys (new ones, and old ones a crash left unqueued).
    const rows = await db.delivery.findMany({
      where: { key: { in: items.map((i) => i.key) }, status: "pending" },
      select: { id: true, priority: true, dueAt: true },
    });
    // If Redis is down the rows stay pending and the reconciler queues them later: nothing is lost.
    await addDeliverJobs(queue, rows.map((r) => ({ deliveryId: r.id, priority: priorityName(r.priority), dueAt: r.dueAt })));
  }
}
