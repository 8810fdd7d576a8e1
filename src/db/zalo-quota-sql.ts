/**
 * The ZaloQuotaMonth row of a month (issue 17): sends counted, the pause while Zalo answers 429 and
 * the two notices claimed once. Each change is one statement, so that several worker processes
 * count, pause and claim without racing. Times go in and out as epoch milliseconds; the columns
 * hold UTC without a zone, as Prisma writes them.
 */
import type { Sql } from "./sql.js";

const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
const at = (param: string) => `(to_timestamp(${param}::float8 / 1000) AT TIME ZONE 'UTC')`;

// A send that went through after the pause ended starts the next pause from the first step again.
const COUNT = `INSERT INTO "ZaloQuotaMonth" AS z ("month", "sends") VALUES ($1, $2)
ON CONFLICT ("month") DO UPDATE SET "sends" = z."sends" + EXCLUDED."sends",
  "pauseMs" = CASE WHEN z."pausedUntil" IS NULL OR z."pausedUntil" <= ${at("$3")} THEN 0 ELSE z."pauseMs" END,
  "updatedAt" = now() AT TIME ZONE 'UTC'
RETURNING z."sends", z."nearNoticeAt" IS NOT NULL AS "nearNoticed"`;

// Refusals that arrive while a pause holds (other sends in flight) leave it as it is: only a refusal
// after the pause ended makes it grow.
const NEXT_PAUSE = `LEAST(GREATEST(z."pauseMs" * 2, $3::int), $4::int)`;
const REFUSE = `INSERT INTO "ZaloQuotaMonth" AS z ("month", "pausedUntil", "pauseMs") VALUES ($1, ${at("($2::float8 + LEAST($3::int, $4::int))")}, LEAST($3::int, $4::int))
ON CONFLICT ("month") DO UPDATE SET
  "pauseMs" = CASE WHEN z."pausedUntil" > ${at("$2")} THEN z."pauseMs" ELSE ${NEXT_PAUSE} END,
  "pausedUntil" = CASE WHEN z."pausedUntil" > ${at("$2")} THEN z."pausedUntil" ELSE ${at(`($2::float8 + ${NEXT_PAUSE})`)} END,
  "updatedAt" = now() AT TIME ZONE 'UTC'
RETURNING ${ms('z."pausedUntil"')} AS "pausedUntilMs", z."refusedNoticeAt" IS NOT NULL AS "refusedNoticed"`;

const STATUS = `SELECT "sends", ${ms('"pausedUntil"')} AS "pausedUntilMs" FROM "ZaloQuotaMonth" WHERE "month" = $1`;

/** Adds `count` accepted messages to the month; returns the month's total and whether the 80 % notice went. */
export async function countZaloSendsSql(
  sql: Sql,
  input: { month: string; count: number; nowMs: number },
): Promise<{ sends: number; nearNoticed: boolean }> {
  const result = await sql.query<{ sends: number; nearNoticed: boolean }>({
    name: "keng_zalo_count",
    text: COUNT,
    values: [input.month, input.count, input.nowMs],
  });
  const row = result.rows[0];
  return { sends: row?.sends ?? input.count, nearNoticed: row?.nearNoticed ?? false };
}

/** Records a 429: starts or grows the pause (unless one holds); returns its end and whether the refusal notice went. */
export async function refuseZaloSendsSql(
  sql: Sql,
  input: { month: string; nowMs: number; firstMs: number; maxMs: number },
): Promise<{ pausedUntilMs: number; refusedNoticed: boolean }> {
  const result = await sql.query<{ pausedUntilMs: number; refusedNoticed: boolean }>({
    name: "keng_zalo_refuse",
    text: REFUSE,
    values: [input.month, input.nowMs, input.firstMs, input.maxMs],
  });
  const row = result.rows[0];
  return {
    pausedUntilMs: row?.pausedUntilMs ?? input.nowMs + input.firstMs,
    refusedNoticed: row?.refusedNoticed ?? false,
  };
}

/** The month's sends and pause end (0 sends and no pause when the month has no row yet). */
export async function zaloQuotaStatusSql(
  sql: Sql,
  month: string,
): Promise<{ sends: number; pausedUntilMs: number | null }> {
  const result = await sql.query<{ sends: number; pausedUntilMs: number | null }>({
    name: "keng_zalo_status",
    text: STATUS,
    values: [month],
  });
  const row = result.rows[0];
  return { sends: row?.sends ?? 0, pausedUntilMs: row?.pausedUntilMs ?? null };
}

/** True for exactly one caller a month per notice: the one that marks it sent. */
export async function claimZaloNoticeSql(
  sql: Sql,
  input: { month: string; notice: "near" | "refused" },
): Promise<boolean> {
  const column = input.notice === "near" ? '"nearNoticeAt"' : '"refusedNoticeAt"';
  const text = `UPDATE "ZaloQuotaMonth" SET ${column} = now() AT TIME ZONE 'UTC' WHERE "month" = $1 AND ${column} IS NULL`;
  const result = await sql.query({ name: `keng_zalo_claim_${input.notice}`, text, values: [input.month] });
  return (result.rowCount ?? 0) > 0;
}
