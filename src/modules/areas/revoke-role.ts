/**
 * Revoking one role, wherever it is decided (`/thuhoi` in chat, `npm run admin -- revoke`): mark it
 * revoked, audit-log it, and tell the holder in a private message, in their language.
 */
import type { AuditLog, Clock, Outbox } from "../../core/ports.js";
import { t, type Locale } from "../../core/text.js";
import type { IdentityStore } from "../identity/types.js";
import type { AreaStore, RoleHolding } from "./types.js";

export interface RevokeRoleDeps {
  readonly areas: AreaStore;
  readonly identity: IdentityStore;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  readonly clock: Clock;
  readonly defaultLocale: Locale;
}

/** False when the role was already revoked (nothing is logged or sent then). */
export async function revokeRole(options: {
  holding: RoleHolding;
  actorUserId: number | null;
  via: "chat" | "cli";
  deps: RevokeRoleDeps;
}): Promise<boolean> {
  const { holding, deps } = options;
  const changed = await deps.areas.revokeRole({
    roleId: holding.id,
    revokedById: options.actorUserId,
    now: deps.clock.now(),
  });
  if (!changed) return false;
  await deps.audit.record({
    ...(options.actorUserId === null ? {} : { actorUserId: options.actorUserId }),
    action: "role.revoke",
    areaId: holding.area.id,
    subject: holding.role,
    details: {
      roleId: holding.id,
      holder: `${holding.holder.platform}:${holding.holder.platformUserId}`,
      via: options.via,
    },
  });
  const chat = await deps.identity.privateChatOf(holding.holder);
  await deps.outbox.enqueue([
    {
      // One notice per role, however often the revocation is retried.
      key: `role-revoked:${holding.id}`,
      to: { chatId: chat.id },
      priority: "interactive",
      message: {
        locale: holding.holder.locale ?? deps.defaultLocale,
        text: t("areas:revoke.notice", {
          role: t(`common:role.${holding.role}`),
          area: holding.area.name,
          areaCode: holding.area.code,
        }),
      },
    },
  ]);
  return true;
}
