/** Users and chats as the domain sees them (rows of the identity store). */
import type { ChatKind, PlatformName } from "./messages.js";
import type { Locale } from "./text.js";

export interface UserRecord {
  readonly id: number;
  readonly platform: PlatformName;
  readonly platformUserId: string;
  readonly displayName: string | null;
  readonly locale: Locale | null;
}

export interface ChatRecord {
  readonly id: number;
  readonly platform: PlatformName;
  readonly platformChatId: string;
  readonly kind: ChatKind;
  readonly title: string | null;
  readonly areaId: number | null;
  readonly active: boolean;
  readonly locale: Locale | null;
}

/**
 * `guard`: a member of the tổ bảo vệ an ninh, trật tự ở cơ sở; receives residents' alarms.
 * `relay`: the leader of a residents' group the bot cannot enter (tổ trưởng): forwards alerts there by hand.
 * `counsellor`: a school's designated teacher or staff; receives its students' help requests.
 */
export type RoleName = "admin" | "officer" | "propagandist" | "guard" | "relay" | "counsellor";
export const ROLE_NAMES: readonly RoleName[] = ["admin", "officer", "propagandist", "guard", "relay", "counsellor"];
