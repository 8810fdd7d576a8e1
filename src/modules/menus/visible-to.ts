/** Whether a command's audience (the "who" column of the command table) includes a person. */
import type { RoleName } from "../../core/actors.js";
import type { Audience } from "../../core/commands.js";

export function visibleTo(audience: Audience, roles: ReadonlySet<RoleName>): boolean {
  if (audience === "anyone") return true;
  if (audience === "role_holder") return roles.size > 0;
  if (audience === "officer_or_propagandist") return roles.has("officer") || roles.has("propagandist");
  return roles.has(audience);
}
