/** The Outbox port over Postgres and BullMQ: write Delivery rows first, then queue their jobs. */
import type { Outbox, OutboxItem } from "../core/ports.js";
import { priorityName } from "../core/messages.js";
import { writeDeliveryRowsSql } from "../db/delivery-rows-sql.js";
import type { Sql } from "../db/sql.js";
import { addDeliverJobs, type DeliverJob } from "./deliver-queue.js";
import type { JobQueue } from "./job-queues.js";

/**
 * Chunk sizes of a broadcast: a small first one, so the first recipients are reached at once, then
 * growing ones that each land in the queue before the sends of the previous ones run out (at ~29/s,
 * 20 sends last ~0.7 s), so the rate limiter never waits for work.
 */
const CHUNKS = [20, 60, 150] as const;
const CHUNK = 250;

export class QueuedOutbox implements Outbox {
  /** `sql`: the pool Prisma uses; a chunk of a broadcast is one plain statement (delivery-rows-sql.ts). */
  constructor(private readonly options: { queue: JobQueue<DeliverJob>; sql: Sql }) {}

  async enqueue(items: readonly OutboxItem[]): Promise<void> {
    for (let i = 0, n = 0; i < items.length; n++) {
      const size = CHUNKS[n] ?? CHUNK;
      await this.enqueueChunk(items.slice(i, i + size));
      i += size;
    }
  }

  private async enqueueChunk(items: readonly OutboxItem[]): Promise<void> {
    if (items.length === 0) return;
    // Every pending row with these keys comes back: new ones, and old ones a crash left unqueued.
    const pending = await writeDeliveryRowsSql(this.options.sql, items);
    // If the queue's store (Redis) is down the rows stay pending and the reconciler queues them later: nothing is lost.
    await addDeliverJobs(
      this.options.queue,
      pending.map((r) => ({ deliveryId: r.id, priority: priorityName(r.priority), dueAt: r.dueAt })),
    );
  }
}
