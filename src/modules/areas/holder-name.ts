/** How a role holder is named in lists and replies: display name, @username, else platform id. */
import type { RoleHolding } from "./types.js";

export function holderName(holder: RoleHolding["holder"]): string {
  const handle = holder.username ? `@${holder.username}` : undefined;
  if (holder.displayName && handle) return `${holder.displayName} (${handle})`;
  return holder.displayName ?? handle ?? `${holder.platform}:${holder.platformUserId}`;
}
