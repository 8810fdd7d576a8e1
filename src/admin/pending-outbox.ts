/**
 * An Outbox for the admin CLI, which runs without Redis: it only writes the Delivery rows. The
 * running bot's reconciler queues pending rows within ~30 s (or run `deliveries resend`).
 */
import { Priority } from "../core/messages.js";
import type { Outbox, OutboxItem } from "../core/ports.js";
import type { Db } from "../db/client.js";

export class PendingOutbox implements Outbox {
  constructor(private readonly db: Db) {}

  async enqueue(items: readonly OutboxItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.db.delivery.createMany({
      data: items.map((item) => ({
        key: item.key,
        ...("chatId" in item.to ? { chatId: item.to.chatId } : { sealedTarget: item.to.sealed }),
        priority: Priority[item.priority],
        payload: item.message as object,
        source: item.source ?? null,
        ...(item.dueAt ? { dueAt: item.dueAt } : {}),
      })),
      skipDuplicates: true,
    });
  }
}
