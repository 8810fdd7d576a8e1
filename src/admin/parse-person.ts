/** `telegram:123456789` / `zalo:8a7f…` and role words, as typed on the command line. */
import type { RoleName } from "../core/actors.js";
import type { PlatformName } from "../core/messages.js";
import { roleFromWord } from "../modules/areas/role-words.js";
import { UsageError } from "./errors.js";

export interface PersonRef {
  readonly platform: PlatformName;
  readonly platformUserId: string;
}

export function parsePerson(input: string): PersonRef {
  const match = /^(telegram|zalo):([A-Za-z0-9_-]{1,64})$/.exec(input.trim());
  if (!match?.[1] || !match[2])
    throw new UsageError(`"${input}" is not platform:id (e.g. telegram:123456789 or zalo:8a7f…).`);
  return { platform: match[1] === "zalo" ? "zalo" : "telegram", platformUserId: match[2] };
}

export function parseRole(input: string): RoleName {
  const role = roleFromWord(input);
  if (!role)
    throw new UsageError(`"${input}" is not a role: use admin, officer, propagandist, guard, relay or counsellor.`);
  return role;
}

export const personLabel = (p: PersonRef) => `${p.platform}:${p.platformUserId}`;
