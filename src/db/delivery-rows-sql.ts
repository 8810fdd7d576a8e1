/**
 * Delivery rows for a chunk of outbox items in one plain statement (a broadcast writes a thousand):
 * new keys are inserted, keys already recorded are skipped, and every pending row with these keys
 * comes back — the new ones and old ones a crash left unqueued — ready to be queued.
 */
import { deliverySourceColumns } from "../core/delivery-source.js";
import { Priority } from "../core/messages.js";
import type { OutboxItem } from "../core/ports.js";
import type { Sql } from "./sql.js";

const WRITE_DELIVERIES = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::jsonb[], $6::"DeliverySourceKind"[], $7::int[], $8::int[],
    $9::timestamp(3)[], $10::boolean[])
    AS t("key", "chatId", "sealedTarget", "priority", "payload", "sourceKind", "sourceId", "sourceStep", "dueAt", "emergency")
), inserted AS (
  INSERT INTO "Delivery" ("key", "chatId", "sealedTarget", "priority", "payload", "sourceKind", "sourceId", "sourceStep", "dueAt", "emergency")
  SELECT "key", "chatId", "sealedTarget", "priority", "payload", "sourceKind", "sourceId", "sourceStep",
    COALESCE("dueAt", CURRENT_TIMESTAMP), "emergency" FROM input
  ON CONFLICT ("key") DO NOTHING
  RETURNING "id", "priority", "dueAt"
)
SELECT "id"::text AS "id", "priority", "dueAt" AT TIME ZONE 'UTC' AS "dueAt" FROM inserted
UNION ALL
-- The statement's snapshot predates the insert: this part sees only rows that existed before.
SELECT d."id"::text, d."priority", d."dueAt" AT TIME ZONE 'UTC' FROM "Delivery" d JOIN input i ON i."key" = d."key"
WHERE d."status" = 'pending'`;

/** A pending Delivery row to queue. */
export interface PendingDelivery {
  id: bigint;
  priority: number;
  dueAt: Date;
}

export async function writeDeliveryRowsSql(sql: Sql, items: readonly OutboxItem[]): Promise<PendingDelivery[]> {
  if (items.length === 0) return [];
  // A broadcast shares one message object among its recipients: serialise it once.
  const json = new Map<OutboxItem["message"], string>();
  const payloadOf = (item: OutboxItem) => {
    let text = json.get(item.message);
    if (text === undefined) {
      text = JSON.stringify(item.message);
      json.set(item.message, text);
    }
    return text;
  };
  const sources = items.map((item) => deliverySourceColumns(item.source));
  const result = await sql.query<{ id: string; priority: number; dueAt: Date }>({
    name: "keng_write_deliveries",
    text: WRITE_DELIVERIES,
    values: [
      items.map((item) => item.key),
      items.map((item) => ("chatId" in item.to ? item.to.chatId : null)),
      items.map((item) => ("sealed" in item.to ? item.to.sealed : null)),
      items.map((item) => Priority[item.priority]),
      items.map(payloadOf),
      sources.map((s) => s.sourceKind),
      sources.map((s) => s.sourceId),
      sources.map((s) => s.sourceStep),
      // Prisma keeps UTC in "timestamp without time zone": the UTC wall time, no offset.
      items.map((item) => (item.dueAt ? item.dueAt.toISOString().slice(0, -1) : null)),
      items.map((item) => item.emergency === true),
    ],
  });
  return result.rows.map((row) => ({ id: BigInt(row.id), priority: row.priority, dueAt: row.dueAt }));
}
