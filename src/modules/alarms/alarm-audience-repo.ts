/** Who hears an alarm: the area's groups, its responders, and the copies already sent. Prisma, for the alarms repo. */
import type { Db } from "../../db/client.js";
import type { UserRecord } from "../../core/actors.js";
import type { PlatformName } from "../../core/messages.js";
import { isLocale, type Locale } from "../../core/text.js";
import { readAreaChain, readAreaOfficers } from "../areas/area-chain-repo.js";
import type { AlarmGroup, AlarmResponder } from "./types.js";

export const userSelect = { id: true, platform: true, platformUserId: true, displayName: true, locale: true } as const;

export const userOf = (u: {
  id: number;
  platform: PlatformName;
  platformUserId: string;
  displayName: string | null;
  locale: string | null;
}): UserRecord => ({
  id: u.id,
  platform: u.platform,
  platformUserId: u.platformUserId,
  displayName: u.displayName,
  locale: isLocale(u.locale) ? u.locale : null,
});

export async function readAlarmGroups(db: Db, areaId: number): Promise<AlarmGroup[]> {
  const rows = await db.chat.findMany({
    where: { areaId, kind: "group", active: true },
    select: { id: true, locale: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({ chatId: r.id, locale: isLocale(r.locale) ? r.locale : null }));
}

export async function readAlarmResponders(db: Db, input: { areaId: number; level: number }): Promise<AlarmResponder[]> {
  const chain = await readAreaChain(db, input.areaId);
  let level = 0;
  let officers: AlarmResponder[] = [];
  for (const area of chain) {
    const found = await readAreaOfficers(db, area.id);
    if (found.length === 0) continue;
    if (level++ < input.level) continue;
    const users = await db.user.findMany({
      where: { id: { in: found.map((o) => o.userId) } },
      select: userSelect,
      orderBy: { id: "asc" },
    });
    officers = users.map((u) => ({ user: userOf(u), role: "officer" }));
    break;
  }
  if (input.level > 0) return officers;
  const guards = await db.role.findMany({
    where: { areaId: { in: chain.map((a) => a.id) }, role: "guard", revokedAt: null },
    select: { user: { select: userSelect } },
    orderBy: { id: "asc" },
  });
  const all = new Map<number, AlarmResponder>(officers.map((o) => [o.user.id, o]));
  for (const g of guards) if (!all.has(g.user.id)) all.set(g.user.id, { user: userOf(g.user), role: "guard" });
  return [...all.values()];
}

export async function readAlarmCopies(
  db: Db,
  id: number,
  kind: "group" | "private",
): Promise<{ chatId: number; messageId: string; locale: Locale | null }[]> {
  const rows = await db.delivery.findMany({
    where: { sourceKind: "alarm", sourceId: id, status: "sent", platformMessageId: { not: null }, chat: { kind } },
    select: { chatId: true, platformMessageId: true, chat: { select: { locale: true } } },
  });
  return rows.flatMap((r) =>
    r.chatId !== null && r.platformMessageId !== null
      ? [
          {
            chatId: r.chatId,
            messageId: r.platformMessageId,
            locale: isLocale(r.chat?.locale) ? r.chat.locale : null,
          },
        ]
      : [],
  );
}
