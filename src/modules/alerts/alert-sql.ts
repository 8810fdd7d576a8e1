/**
 * The two statements every "✅ Đã nhận" press runs — read the alert, record the acknowledgement —
 * as plain SQL on the shared pool (src/db/sql.ts): a thousand residents press within a second.
 */
import type { Sql } from "../../db/sql.js";
import type { AlertRecord } from "./types.js";

const FIND = `SELECT a."id", a."areaId", ar."code" AS "areaCode", ar."name" AS "areaName", ar."unitName", ar."kind"::text AS "areaKind",
  CASE WHEN p."id" IS NULL THEN NULL ELSE json_build_object('name', p."name", 'kind', p."kind", 'unitName', p."unitName") END AS "parentArea", a."senderUserId",
  a."level"::text AS "level", a."text", a."issuedAt" AT TIME ZONE 'UTC' AS "issuedAt", a."expiresAt" AT TIME ZONE 'UTC' AS "expiresAt",
  a."state"::text AS "state", a."endedAt" AT TIME ZONE 'UTC' AS "endedAt", a."closureText", a."progressChatId"
FROM "Alert" a JOIN "Area" ar ON ar."id" = a."areaId" LEFT JOIN "Area" p ON p."id" = ar."parentId" WHERE a."id" = $1`;

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
