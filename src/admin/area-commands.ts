/** `area add <code> <name…>` and `area list`. */
import type { Db } from "../db/client.js";
import { isValidAreaCode, normaliseAreaCode, parentCode } from "../modules/areas/area-code.js";
import { PrismaAreaStore } from "../modules/areas/repo.js";
import type { AreaRecord } from "../modules/areas/types.js";
import { PrismaAuditLog } from "../modules/audit/repo.js";
import { AdminError, UsageError } from "./errors.js";

export async function addArea(db: Db, input: { code: string; name: string }): Promise<AreaRecord> {
  const code = normaliseAreaCode(input.code);
  const name = input.name.replace(/\s+/g, " ").trim().slice(0, 120);
  if (!isValidAreaCode(code)) throw new UsageError(`"${input.code}" is not a valid area code: lower-case letters and digits, levels separated by dots (phuly.minhkhai.to5).`);
  if (!name) throw new UsageError("An area needs a name.");
  const areas = new PrismaAreaStore(db);
  if (await areas.findArea(code)) throw new AdminError(`The area ${code} already exists.`);
  const parent = parentCode(code);
  const parentArea = parent ? await areas.findArea(parent) : null;
  if (parent && !parentArea) throw new AdminError(`The parent area ${parent} does not exist yet: create it first.`);
  const area = await areas.createArea({ code, name, parentId: parentArea?.id ?? null });
  await new PrismaAuditLog(db).record({ action: "area.create", areaId: area.id, subject: code, details: { name, via: "cli" } });
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
      id: true,
      code: true,
      name: true,
      parentId: true,
      unitName: true,
      phone: true,
      _count: { select: { chats: { where: { active: true, kind: "group" } }, roles: { where: { revokedAt: null } } } },
    },
  });
  return rows.map(({ _count, ...area }) => ({ ...area, activeGroups: _count.chats, roleHolders: _count.roles }));
}

export function formatAreas(rows: readonly AreaListRow[]): string[] {
  if (rows.length === 0) return ["No areas yet. Create one: npm run admin -- area add <code> <name…>"];
  return rows.map((a) => {
    const indent = "  ".repeat(a.code.split(".").length - 1);
    const extras = [a.unitName && `unit: ${a.unitName}`, a.phone && `phone: ${a.phone}`].filter(Boolean).join(", ");
    return `${indent}${a.code}  ${a.name}${extras ? ` (${extras})` : ""}  — ${a.activeGroups} active groups, ${a.roleHolders} roles`;
  });
}
