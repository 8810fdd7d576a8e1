/**
 * The deliver worker's statements per message — load the row with its chat, record the outcome (of
 * one message or a digest) — as plain SQL (src/db/sql.ts): at 30 sends a second, Prisma's per-query CPU
 * blocks the event loop long enough to make the next send late, and a late send costs throughput.
 * Rows come back in the shape Prisma gives them.
 */
import type { Db } from "./client.js";
import type { Sql } from "./sql.js";

type DeliveryWithChat = NonNullable<Awaited<ReturnType<Db["delivery"]["findUnique"]>>> & {
  chat: Awaited<ReturnType<Db["chat"]["findUnique"]>>;
};

const LOAD = `SELECT d."id"::text AS "id", row_to_json(d) AS "delivery", row_to_json(c) AS "chat"
FROM "Delivery" d LEFT JOIN "Chat" c ON c."id" = d."chatId" WHERE d."id" = $1`;

// A settled message to a tipster no longer needs its sealed address: dropping it leaves no seal to
// open in the row (nor for a rotated-out key to open later).
const SETTLE = `UPDATE "Delivery" SET "status" = $2::"DeliveryStatus", "platformMessageId" = $3, "error" = $4, "sealedTarget" = NULL,
  "attempts" = "attempts" + 1, "sentAt" = CASE WHEN $2 = 'sent' THEN now() AT TIME ZONE 'UTC' ELSE "sentAt" END
WHERE "id" = $1`;

// A digest went out: its own row and the pending rows it carried are sent with its message id.
const SETTLE_DIGEST = `WITH own AS (
  UPDATE "Delivery" SET "status" = 'sent', "platformMessageId" = $2, "error" = NULL,
    "attempts" = "attempts" + 1, "sentAt" = now() AT TIME ZONE 'UTC'
  WHERE "id" = $1 RETURNING "id"
), merged AS (
  UPDATE "Delivery" SET "status" = 'sent', "platformMessageId" = $2, "attempts" = "attempts" + 1,
    "sentAt" = now() AT TIME ZONE 'UTC'
  WHERE "id" = ANY($3::bigint[]) AND "status" = 'pending' RETURNING "id"
)
SELECT (SELECT count(*) FROM merged)::int AS "merged", (SELECT count(*) FROM own)::int AS "own"`;

type Json = Record<string, unknown>;

/** Timestamps without a zone hold UTC (Prisma's convention); JSON shows them without an offset. */
const utc = (value: unknown): Date | null => (typeof value === "string" ? new Date(`${value}Z`) : null);

export async function loadDeliverySql(sql: Sql, id: bigint): Promise<DeliveryWithChat | null> {
  const result = await sql.query<{ id: string; delivery: Json; chat: Json | null }>({
    name: "keng_load_delivery",
    text: LOAD,
    values: [id.toString()],
  });
  const row = result.rows[0];
  if (!row) return null;
  const d = row.delivery;
  const c = row.chat;
  return {
    ...(d as unknown as DeliveryWithChat),
    id: BigInt(row.id),
    dueAt: utc(d.dueAt) as Date,
    createdAt: utc(d.createdAt) as Date,
    sentAt: utc(d.sentAt),
    chat: c
      ? {
          ...(c as unknown as NonNullable<DeliveryWithChat["chat"]>),
          registeredAt: utc(c.registeredAt),
          createdAt: utc(c.createdAt) as Date,
          updatedAt: utc(c.updatedAt) as Date,
        }
      : null,
  };
}

export async function settleDeliverySql(
  sql: Sql,
  input: { id: bigint; status: "sent" | "failed"; platformMessageId: string | null; error: string | null },
): Promise<void> {
  await sql.query({
    name: "keng_settle_delivery",
    text: SETTLE,
    values: [input.id.toString(), input.status, input.platformMessageId, input.error?.slice(0, 500) ?? null],
  });
}

/** Records a sent digest; returns how many of the `covered` rows were still pending (and are now sent). */
export async function settleDigestSql(
  sql: Sql,
  input: { id: bigint; platformMessageId: string | null; covered: readonly bigint[] },
): Promise<number> {
  const result = await sql.query<{ merged: number }>({
    name: "keng_settle_digest",
    text: SETTLE_DIGEST,
    values: [input.id.toString(), input.platformMessageId, input.covered.map(String)],
  });
  return result.rows[0]?.merged ?? 0;
}
