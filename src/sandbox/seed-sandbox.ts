/**
 * Seeds the sandbox: the area tree, the officer's, propagandist's, guard's, relay's and counsellor's
 * roles, the two registered groups and who has been seen in them, the relay's Zalo group (Postgres), and the same people and groups in the local
 * Telegram server. Idempotent: a restarted sandbox keeps what people did and re-adds what is missing.
 */
import type { Db } from "../db/client.js";
import type { FakeTelegramServer } from "./fake-telegram/index.js";
import {
  OFFICER_ID,
  PERSONAS,
  SANDBOX_AREAS,
  SANDBOX_GROUPS,
  SANDBOX_RELAYED_GROUP,
  type Persona,
} from "./personas.js";

/** Bot API `User` fields of a persona; `vi` until they pick another language with /ngonngu. */
export function personaUser(persona: Persona): { id: number; first_name: string; language_code: string } {
  return { id: persona.id, first_name: persona.name, language_code: "vi" };
}

/** The people and groups, as the local Telegram server knows them (it starts empty every run). */
export function seedFakeTelegram(fake: FakeTelegramServer): void {
  for (const group of SANDBOX_GROUPS) fake.addGroup({ id: group.id, title: group.title, type: "supergroup" });
  for (const persona of PERSONAS) {
    fake.addPrivateChatUser(personaUser(persona));
    if (persona.groupAdmin) for (const groupId of persona.groups) fake.setChatAdmin(groupId, persona.id, true);
  }
}

/** Areas, users, roles, registered groups and group memberships in the sandbox database. */
export async function seedDatabase(db: Db): Promise<void> {
  const areaIds = await seedAreas(db);
  const userIds = new Map<number, number>();
  for (const persona of PERSONAS) {
    const user = await db.user.upsert({
      where: { platform_platformUserId: { platform: "telegram", platformUserId: String(persona.id) } },
      create: { platform: "telegram", platformUserId: String(persona.id), displayName: persona.name },
      update: {},
    });
    userIds.set(persona.id, user.id);
    if (persona.role !== "resident") {
      const areaId = requireId(areaIds, persona.areaCode);
      const held = await db.role.findFirst({
        where: { userId: user.id, areaId, role: persona.role, revokedAt: null },
      });
      if (!held) await db.role.create({ data: { userId: user.id, areaId, role: persona.role } });
    }
  }
  const relayUserId = userIds.get(SANDBOX_RELAYED_GROUP.relayId);
  if (relayUserId !== undefined) {
    const areaId = requireId(areaIds, SANDBOX_RELAYED_GROUP.areaCode);
    const { name, members } = SANDBOX_RELAYED_GROUP;
    await db.relayedGroup.upsert({
      where: { relayUserId_areaId: { relayUserId, areaId } },
      create: { relayUserId, areaId, name, members },
      update: {},
    });
    // Her private chat with the bot, as if she had written first: alerts reach her from the start.
    const chatId = String(SANDBOX_RELAYED_GROUP.relayId);
    await db.chat.upsert({
      where: { platform_platformChatId: { platform: "telegram", platformChatId: chatId } },
      create: { platform: "telegram", platformChatId: chatId, kind: "private" },
      update: {},
    });
  }
  const registeredById = userIds.get(OFFICER_ID) ?? null;
  for (const group of SANDBOX_GROUPS) {
    const registration = {
      kind: "group" as const,
      title: group.title,
      areaId: requireId(areaIds, group.areaCode),
      registeredById,
      registeredAt: new Date(),
      active: true,
    };
    // A group someone unregistered or that the bot left is registered again: the demo needs both groups.
    const chat = await db.chat.upsert({
      where: { platform_platformChatId: { platform: "telegram", platformChatId: String(group.id) } },
      create: { platform: "telegram", platformChatId: String(group.id), ...registration },
      update: { areaId: registration.areaId, active: true, inactiveReason: null },
    });
    // "Seen in the group" is how a private /togiac knows a resident's area (DESIGN.md §3).
    for (const persona of PERSONAS.filter((p) => p.groups.includes(group.id))) {
      const userId = userIds.get(persona.id);
      if (userId === undefined) continue;
      await db.chatMember.upsert({
        where: { userId_chatId: { userId, chatId: chat.id } },
        create: { userId, chatId: chat.id },
        update: {},
      });
    }
  }
}

async function seedAreas(db: Db): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  // Parents come first in SANDBOX_AREAS, so each parent id is known when its children are made.
  for (const area of SANDBOX_AREAS) {
    const parentId = area.parent === undefined ? null : requireId(ids, area.parent);
    const row = await db.area.upsert({
      where: { code: area.code },
      create: { code: area.code, name: area.name, parentId, kind: area.kind, unitName: area.unitName ?? null },
      update: {},
    });
    ids.set(area.code, row.id);
  }
  return ids;
}

function requireId(ids: ReadonlyMap<string, number>, code: string): number {
  const id = ids.get(code);
  if (id === undefined) throw new Error(`sandbox seed: area ${code} is not defined before use`);
  return id;
}
