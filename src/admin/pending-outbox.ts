/**
 * An Outbox for the admin CLI, which runs without Redis: it only writes the Delivery rows (the same
 * statement as the bot's outbox). The running bot's reconciler queues pending rows within ~30 s
 * (or run `deliveries resend`).
 */
import type { Outbox, OutboxItem } from "../core/ports.js";
import { writeDeliveryRowsSql } from "../db/delivery-rows-sql.js";
import type { Sql } from "../db/sql.js";

export class PendingOutbox implements Outbox {
  constructor(private readonly sql: Sql) {}

  async enqueue(items: readonly OutboxItem[]): Promise<void> {
    await writeDeliveryRowsSql(this.sql, items);
  }
}
