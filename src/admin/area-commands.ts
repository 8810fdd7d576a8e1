/** `area add <code> <name…> [--kind <kind>]` and `area list`. */
import type { Db } from "../db/client.js";
import { isValidAreaCode, normaliseAreaCode, parentCode } from "../modules/areas/area-code.js";
import { AREA_KINDS, chooseAreaKind } from "../modules/areas/area-kind.js";
import { areaFields } from "../modules/areas/area-removal-repo.js";
import { PrismaAreaStore } from "../modules/areas/repo.js";
import type { AreaRecord } from "../modules/areas/types.js";
import { PrismaAuditLog } from "../modules/audit/repo.js";
import { AdminError, UsageError } from "./errors.js";

export async function addArea(db: Db, input: { code: string; name: string; areaKind?: string }): Promise<AreaRecord> {
  const code = normaliseAreaCode(input.code);
  const name = input.name.replace(/\s+/g, " ").trim().slice(0, 120);
  if (!isValidAreaCode(code))
    throw new UsageError(
      `"${input.code}" is not a valid area code: lower-case letters and digits, levels separated by dots (ninhbinh.p5.to5).`,
    );
  if (!name) throw new UsageError("An area needs a name.");
  const kind = chooseAreaKind({ name, depth: code.split(".").length, typed: input.areaKind });
  if (!kind.ok && kind.reason === "unknown")
    throw new UsageError(`"${input.areaKind ?? ""}" is not a kind of area: use one of ${AREA_KINDS.join(", ")}.`);
  if (!kind.ok)
    throw new UsageError(
      `An area of kind ${kind.kind ?? ""} cannot be at this level: tinh and thanhpho are top-level only; thon, todanpho and truonghoc belong to a commune.`,
    );
  const areas = new PrismaAreaStore(db);
  if (await areas.findArea(code)) throw new AdminError(`The area ${code} already exists.`);
  const parent = parentCode(code);
  const parentArea = parent ? await areas.findArea(parent) : null;
  if (parent && !parentArea) throw new AdminError(`The parent area ${parent} does not exist yet: create it first.`);
  const area = await areas.createArea({ code, name, parentId: parentArea?.id ?? null, kind: kind.kind });
  await new PrismaAuditLog(db).record({
    action: "area.create",
    areaId: area.id,
    subject: code,
    details: { name, kind: kind.kind, via: "cli" },
  });
  return area;
}

export interface AreaListRow extends AreaRecord {
  readonly activeGroups: number;
  readonly roleHolders: number;
}

export async function listAreas(db: Db): Promise<AreaListRow[]> {
  const rows = await db.area.findMany({
    orderBy: { code: "asc" },
    select: {
      ...areaFields,
      _count: { select: { chats: { where: { active: true, kind: "group" } }, roles: { where: { revokedAt: null } } } },
    },
  });
  return rows.map(({ _count, ...area }) => ({ ...area, activeGroups: _count.chats, roleHolders: _count.roles }));
}

export function formatAreas(rows: readonly AreaListRow[]): string[] {
  if (rows.length === 0) return ["No areas yet. Create one: npm run admin -- area add <code> <name…>"];
  return rows.map((a) => {
    const indent = "  ".repeat(a.code.split(".").length - 1);
    const extras = [
      a.kind && `kind: ${a.kind}`,
      a.unitName && `unit: ${a.unitName}`,
      a.phone && `phone: ${a.phone}`,
      a.address && `address: ${a.address}`,
    ]
      .filter(Boolean)
      .join(", ");
    return `${indent}${a.code}  ${a.name}${extras ? ` (${extras})` : ""}  — ${a.activeGroups} active groups, ${a.roleHolders} roles`;
  });
}
