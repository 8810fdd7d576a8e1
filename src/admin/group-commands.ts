/** `groups [--area <code>]`: group chats, the area they are linked to and whether the bot is still there. */
import type { Db } from "../db/client.js";
import { normaliseAreaCode } from "../modules/areas/area-code.js";
import { PrismaAreaStore } from "../modules/areas/repo.js";
import { AdminError } from "./errors.js";
import { areaSubtreeWhere } from "../db/area-subtree.js";

export interface GroupRow {
  readonly chat: string;
  readonly title: string | null;
  readonly areaCode: string | null;
  readonly active: boolean;
  readonly inactiveReason: string | null;
  readonly registeredAt: Date | null;
}

/** Every group the bot knows; with an area, only those linked to it or below. */
export async function listGroups(db: Db, input: { areaCode?: string }): Promise<GroupRow[]> {
  let areaFilter = {};
  if (input.areaCode !== undefined) {
    const code = normaliseAreaCode(input.areaCode);
    if (!(await new PrismaAreaStore(db).findArea(code))) throw new AdminError(`No area with code ${code}.`);
    areaFilter = { area: areaSubtreeWhere(code) };
  }
  const rows = await db.chat.findMany({
    where: { kind: "group", ...areaFilter },
    select: {
      platform: true,
      platformChatId: true,
      title: true,
      active: true,
      inactiveReason: true,
      registeredAt: true,
      area: { select: { code: true } },
    },
    orderBy: [{ areaId: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    chat: `${r.platform}:${r.platformChatId}`,
    title: r.title,
    areaCode: r.area?.code ?? null,
    active: r.active,
    inactiveReason: r.inactiveReason,
    registeredAt: r.registeredAt,
  }));
}

export function formatGroups(rows: readonly GroupRow[]): string[] {
  if (rows.length === 0) return ["No groups."];
  return rows.map((g) => {
    const state = g.active ? "active" : `inactive${g.inactiveReason ? ` (${g.inactiveReason})` : ""}`;
    return `${g.chat}  ${g.areaCode ?? "(not registered)"}  ${state}  ${JSON.stringify(g.title ?? "")}`;
  });
}
