/** Writes Delivery rows for outbox items; keys already recorded are skipped (idempotent). */
import { Priority } from "../core/messages.js";
import type { OutboxItem } from "../core/ports.js";
import type { Db } from "./client.js";

export async function writeDeliveryRows(db: Db, items: readonly OutboxItem[]): Promise<void> {
  if (items.length === 0) return;
  await db.delivery.createMany({
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
