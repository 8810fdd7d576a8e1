/**
 * The statement every "✅ Đã nhận" press runs — read the alert, record the acknowledgement while it
 * is in force, count the people who acknowledged — as one round trip of plain SQL on the shared
 * pool (src/db/sql.ts): a thousand residents press within a second.
 */
import type { Sql } from "../../db/sql.js";
import type { AlertRecord, LedgerKey } from "./types.js";

const FIND = `SELECT a."id", a."areaId", ar."code" AS "areaCode", ar."name" AS "areaName", ar."unitName", ar."kind"::text AS "areaKind",
  CASE WHEN p."id" IS NULL THEN NULL ELSE json_build_object('name', p."name", 'kind', p."kind", 'unitName', p."unitName") END AS "parentArea", a."senderUserId",
  a."level"::text AS "level", a."text", a."issuedAt" AT TIME ZONE 'UTC' AS "issuedAt", a."expiresAt" AT TIME ZONE 'UTC' AS "expiresAt",
  a."state"::text AS "state", a."endedAt" AT TIME ZONE 'UTC' AS "endedAt", a."closureText", a."progressChatId"
FROM "Alert" a JOIN "Area" ar ON ar."id" = a."areaId" LEFT JOIN "Area" p ON p."id" = ar."parentId" WHERE a."id" = $1`;

/**
 * FIND, the acknowledgement written only while the alert is in force ($4: now), the count after it,
 * and the update's done mark in the ledger ($5, $6; none when null).
 */
const PRESS = `WITH a AS (${FIND.replace('WHERE a."id" = $1', 'WHERE a."id" = $1::int')}),
ins AS (
  INSERT INTO "AlertAck" ("alertId", "userId", "chatId", "at")
  SELECT a."id", $2, $3, now() FROM a WHERE a."state" = 'active' AND a."expiresAt" > $4
  ON CONFLICT DO NOTHING RETURNING 1
),
done AS (
  UPDATE "InboundUpdate" SET "doneAt" = now() AT TIME ZONE 'UTC' WHERE "platform" = $5::"Platform" AND "updateKey" = $6
)
SELECT a.*, (SELECT count(*) FROM ins)::int AS "fresh",
  ((SELECT count(*) FROM "AlertAck" k WHERE k."alertId" = $1::int) + (SELECT count(*) FROM ins))::int AS "people"
FROM a`;

const ACKNOWLEDGE = `INSERT INTO "AlertAck" ("alertId", "userId", "chatId", "at") VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING`;

export async function findAlertSql(sql: Sql, id: number): Promise<AlertRecord | null> {
  const result = await sql.query<AlertRecord>({ name: "keng_find_alert", text: FIND, values: [id] });
  return result.rows[0] ?? null;
}

/** True when this is the person's first acknowledgement of the alert. */
export async function acknowledgeAlertSql(
  sql: Sql,
  input: { alertId: number; userId: number; chatId: number },
): Promise<boolean> {
  const result = await sql.query({
    name: "keng_ack_alert",
    text: ACKNOWLEDGE,
    values: [input.alertId, input.userId, input.chatId],
  });
  return result.rowCount === 1;
}

/**
 * A press on an alert's ✅ in one statement: the alert (null if there is none), whether this was the
 * person's first acknowledgement (never while the alert is ended or past `now`), and how many
 * people have acknowledged it now.
 */
export async function pressAlertSql(
  sql: Sql,
  input: { alertId: number; userId: number; chatId: number; now: Date; ledger?: LedgerKey },
): Promise<{ alert: AlertRecord; fresh: boolean; people: number } | null> {
  const result = await sql.query<AlertRecord & { fresh: number; people: number }>({
    name: "keng_press_alert",
    text: PRESS,
    values: [
      input.alertId,
      input.userId,
      input.chatId,
      input.now,
      input.ledger?.platform ?? null,
      input.ledger?.updateKey ?? null,
    ],
  });
  input.ledger?.marked();
  const row = result.rows[0];
  if (!row) return null;
  const { fresh, people, ...alert } = row;
  return { alert, fresh: fresh === 1, people };
}
