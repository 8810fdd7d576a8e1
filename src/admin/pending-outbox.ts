/**
 * An Outbox for the admin CLI, which runs without Redis: it only writes the Delivery rows. The
 * running bot's reconciler queues pending rows within ~30 s (or run `deliveries resend`).
 */
import type { Outbox, OutboxItem } from "../core/ports.js";
import type { Db } from "../db/client.js";
import { writeDeliveryRows } from "../db/delivery-rows.js";

export class PendingOutbox implements Outbox {
  constructor(private readonly db: Db) {}

  async enqueue(items: readonly OutboxItem[]): Promise<void> {
    await writeDeliveryRows(this.db, items);
  }
}
