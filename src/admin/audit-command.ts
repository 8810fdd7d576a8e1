/** `audit [--area <code>] [--since <day>] [--until <day>]`: who did what, oldest first. */
import type { Db } from "../db/client.js";
import { normaliseAreaCode } from "../modules/areas/area-code.js";
import { parseDay, statsPeriod, type LocalDay } from "../modules/stats/stats-period.js";
import { AdminError, UsageError } from "./errors.js";
import { areaSubtreeWhere } from "../db/area-subtree.js";

export interface AuditRow {
  readonly at: Date;
  readonly areaCode: string | null;
  readonly action: string;
  readonly actor: string | null;
  readonly subject: string | null;
  readonly details: unknown;
}

function day(value: string | undefined, name: string): LocalDay | undefined {
  if (value === undefined) return undefined;
  const parsed = parseDay(value);
  if (!parsed) throw new UsageError(`--${name} ${value} is not a date (use 2026-11-01 or 01/11/2026).`);
  return parsed;
}

export async function readAudit(
  db: Db,
  input: { areaCode?: string; since?: string; until?: string; timeZone: string; now: Date },
): Promise<AuditRow[]> {
  const from = day(input.since, "since");
  const to = day(input.until, "until");
  const range = statsPeriod({
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    now: input.now,
    timeZone: input.timeZone,
  });
  if (!range.ok) throw new UsageError("--since must not be after --until.");

  let areaIds: number[] | undefined;
  if (input.areaCode !== undefined) {
    const code = normaliseAreaCode(input.areaCode);
    const areas = await db.area.findMany({ where: areaSubtreeWhere(code), select: { id: true, code: true } });
    if (!areas.some((a) => a.code === code)) throw new AdminError(`No area with code ${code}.`);
    areaIds = areas.map((a) => a.id);
  }
  const rows = await db.auditLog.findMany({
    where: { at: { gte: range.period.from, lt: range.period.to }, ...(areaIds ? { areaId: { in: areaIds } } : {}) },
    orderBy: { id: "asc" },
  });
  const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is number => id !== null))];
  const actors = new Map(
    (await db.user.findMany({ where: { id: { in: actorIds } } })).map((u) => [
      u.id,
      `${u.platform}:${u.platformUserId}${u.displayName ? ` (${u.displayName})` : ""}`,
    ]),
  );
  const areaIdsInRows = [...new Set(rows.map((r) => r.areaId).filter((id): id is number => id !== null))];
  const codes = new Map(
    (await db.area.findMany({ where: { id: { in: areaIdsInRows } }, select: { id: true, code: true } })).map((a) => [
      a.id,
      a.code,
    ]),
  );
  return rows.map((r) => ({
    at: r.at,
    areaCode: r.areaId === null ? null : (codes.get(r.areaId) ?? `#${r.areaId}`),
    action: r.action,
    actor: r.actorUserId === null ? null : (actors.get(r.actorUserId) ?? `user #${r.actorUserId}`),
    subject: r.subject,
    details: r.details,
  }));
}

/** `2026-11-29 14:35:02` in the deployment's zone (the sv-SE locale writes ISO-like dates). */
function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(at);
}

export function formatAudit(rows: readonly AuditRow[], timeZone: string): string[] {
  if (rows.length === 0) return ["No audit entries in this period."];
  return rows.map((r) =>
    [
      localTime(r.at, timeZone),
      r.areaCode ?? "-",
      r.action,
      r.actor ?? "(cli/system)",
      r.subject ?? "-",
      r.details === null ? "" : JSON.stringify(r.details),
    ]
      .join("  ")
      .trimEnd(),
  );
}
