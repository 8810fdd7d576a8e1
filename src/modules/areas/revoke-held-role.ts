/**
 * Revoking one role chosen by its id, after the checks `/thuhoi` makes: the admin must administer
 * the role's area, and the last admin of a top-level area cannot revoke themselves out (only a
 * superadmin may leave it without admins: superadmins administer everything anyway). Used by
 * `/thuhoi <n>` (the n-th of the latest `/thanhvien` list) and the console's «Thu hồi» button.
 */
import type { RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { AreaAdminDeps } from "./deps.js";
import { holderName } from "./holder-name.js";
import { revokeRole } from "./revoke-role.js";

export async function revokeHeldRole(options: {
  ctx: RequestContext;
  roleId: number;
  deps: AreaAdminDeps;
}): Promise<void> {
  const { ctx, deps } = options;
  const holding = await deps.areas.findRole(options.roleId);
  if (!holding) return ctx.reply(t("areas:revoke.gone"));
  if (!(await deps.access.holds(ctx.user, "admin", holding.area.code)))
    return ctx.reply(t("areas:revoke.areaForbidden", { code: holding.area.code }));
  const params = {
    name: holderName(holding.holder),
    role: t(`common:role.${holding.role}`),
    area: holding.area.name,
    areaCode: holding.area.code,
  };
  if (holding.revokedAt) return ctx.reply(t("areas:revoke.already", params));
  if (
    holding.role === "admin" &&
    holding.area.parentId === null &&
    !deps.access.isSuperadmin(ctx.user) &&
    (await deps.areas.countActiveAdmins(holding.area.id)) <= 1
  ) {
    return ctx.reply(t("areas:revoke.lastAdmin", params));
  }

  const revoked = await revokeRole({ holding, actorUserId: ctx.user.id, via: "chat", deps });
  await ctx.reply(t(revoked ? "areas:revoke.done" : "areas:revoke.already", params));
}
