/** The Outbox port over Postgres and BullMQ: write Delivery rows first, then queue their jobs. */
import type { Queue } from "bullmq";
import type { Outbox, OutboxItem } from "../core/ports.js";
import { priorityName } from "../core/messages.js";
import { writeDeliveryRowsSql } from "../db/delivery-rows-sql.js";
import type { Sql } from "../db/sql.js";
import { addDeliverJobs, type DeliverJob } from "./deliver-queue.js";

const FIRST_CHUNK = 20;
const CHUNK = 250;

export class QueuedOutbox implements Outbox {
  /** `sql`: the pool Prisma uses; a chunk of a broadcast is one plain statement (delivery-rows-sql.ts). */
  constructor(private readonly options: { queue: Queue<DeliverJob>; sql: Sql }) {}

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
    // Every pending row with these keys comes back: new ones, and old ones a crash left unqueued.
    const pending = await writeDeliveryRowsSql(this.options.sql, items);
    // If Redis is down the rows stay pending and the reconciler queues them later: nothing is lost.
    await addDeliverJobs(this.options.queue, pending.map((r) => ({ deliveryId: r.id, priority: priorityName(r.priority), dueAt: r.dueAt })));
  }
}
