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

/** `guard`: a member of the tổ bảo vệ an ninh, trật tự ở cơ sở; receives residents' alarms. */
export type RoleName = "admin" | "officer" | "propagandist" | "guard";
export const ROLE_NAMES: readonly RoleName[] = ["admin", "officer", "propagandist", "guard"];
