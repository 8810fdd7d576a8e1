/**
 * The sandbox's pre-made world: the area tree (a province, a ward, two residential groups and a
 * school: the two-level local government since 01/7/2025), two residents' groups, a Zalo group the
 * bot cannot enter (reached through its relay) and nine people to play.
 * Ids are fixed so a restarted sandbox finds the same people and groups in its database.
 */
import type { RoleName } from "../core/actors.js";
import type { AreaKind } from "../modules/areas/area-kind.js";

/** The people's roles: the sandbox has no admin to play, and residents hold no role. */
export type PersonaRole = Exclude<RoleName, "admin"> | "resident";

export type Persona = {
  /** Telegram user id (and the id of their private chat with the bot). */
  readonly id: number;
  readonly name: string;
  /** Ids of the groups this person is in. */
  readonly groups: readonly number[];
  /** Group administrator (may run /dangky there). */
  readonly groupAdmin?: true;
} & (
  | { readonly role: "resident" }
  /** The role is granted in the database, in `areaCode`. */
  | { readonly role: Exclude<PersonaRole, "resident">; readonly areaCode: string }
);

export interface SandboxArea {
  readonly code: string;
  readonly name: string;
  readonly parent?: string;
  readonly kind: AreaKind;
  readonly unitName?: string;
}

export interface SandboxGroup {
  readonly id: number;
  readonly title: string;
  readonly areaCode: string;
}

export const SANDBOX_AREAS: readonly SandboxArea[] = [
  { code: "ninhbinh", name: "Tỉnh Ninh Bình", kind: "tinh" },
  // A plainly made-up ward; with no unit name set, alerts are signed "Công an phường 5" (its kind).
  { code: "ninhbinh.p5", name: "Phường 5", parent: "ninhbinh", kind: "phuong" },
  { code: "ninhbinh.p5.to1", name: "Tổ dân phố 1", parent: "ninhbinh.p5", kind: "todanpho" },
  { code: "ninhbinh.p5.to2", name: "Tổ dân phố 2", parent: "ninhbinh.p5", kind: "todanpho" },
  // A made-up school of the ward (issue 18): its help mailbox reaches its counsellor.
  { code: "ninhbinh.p5.thcs", name: "Trường THCS Phường 5", parent: "ninhbinh.p5", kind: "truonghoc" },
];

export const GROUP_TO1 = -1_001_000_000_101;
export const GROUP_TO2 = -1_001_000_000_102;

export const SANDBOX_GROUPS: readonly SandboxGroup[] = [
  { id: GROUP_TO1, title: "Tổ dân phố 1", areaCode: "ninhbinh.p5.to1" },
  { id: GROUP_TO2, title: "Tổ dân phố 2", areaCode: "ninhbinh.p5.to2" },
];

export const OFFICER_ID = 70_001;

/** Tổ dân phố 2's Zalo group, reached through Cô Sáu (its relay): it has no chat of its own. */
export const SANDBOX_RELAYED_GROUP = {
  relayId: 70_004,
  areaCode: "ninhbinh.p5.to2",
  name: "Nhóm Zalo tổ dân phố 2",
  members: 85,
} as const;

export const PERSONAS: readonly Persona[] = [
  {
    id: OFFICER_ID,
    name: "Cán bộ Lan",
    role: "officer",
    areaCode: "ninhbinh.p5",
    groups: [GROUP_TO1, GROUP_TO2],
    groupAdmin: true,
  },
  { id: 70_002, name: "Đoàn viên Hùng", role: "propagandist", areaCode: "ninhbinh.p5", groups: [GROUP_TO1, GROUP_TO2] },
  // A member of tổ dân phố 1's security team (issue 18): residents' alarms there reach him.
  { id: 70_003, name: "Chú Bảy bảo vệ", role: "guard", areaCode: "ninhbinh.p5.to1", groups: [GROUP_TO1] },
  // The leader of tổ dân phố 2's own Zalo group, which the bot cannot enter (issue 18 §3): she gets
  // every alert privately to forward there.
  { id: 70_004, name: "Cô Sáu tổ trưởng", role: "relay", areaCode: "ninhbinh.p5.to2", groups: [] },
  // The school's counsellor (issue 18): students' help requests there reach her first.
  { id: 70_007, name: "Cô Hạnh tư vấn", role: "counsellor", areaCode: "ninhbinh.p5.thcs", groups: [] },
  { id: 70_101, name: "Chị Mai", role: "resident", groups: [GROUP_TO1] },
  { id: 70_102, name: "Anh Tuấn", role: "resident", groups: [GROUP_TO1] },
  { id: 70_103, name: "Bác Hòa", role: "resident", groups: [GROUP_TO2] },
  // A student of the school: /giupban, or the school poster's link, asks the counsellor for help.
  { id: 70_104, name: "Em Nam (học sinh)", role: "resident", groups: [] },
];

/** The person, or undefined for an id that is not one of the personas. */
export function findPersona(id: number): Persona | undefined {
  return PERSONAS.find((persona) => persona.id === id);
}

/** Whether a persona may see (and write in) a chat: their groups and their private chat with the bot. */
export function canUseChat(persona: Persona, chatId: number): boolean {
  return chatId === persona.id || persona.groups.includes(chatId);
}
