/**
 * `/thuhoi <n>` (`/revoke`): an admin revokes role number `n` of their latest `/thanhvien` list.
 * The last admin of a top-level area cannot revoke themselves out (only a superadmin may leave it
 * without admins: superadmins administer everything anyway).
 */
import type { RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { AreaAdminDeps } from "./deps.js";
import { holderName } from "./holder-name.js";
import { revokeRole } from "./revoke-role.js";

export async function revokeListedRole(options: {
  ctx: RequestContext;
  args: string;
  deps: AreaAdminDeps;
}): Promise<void> {
  const { ctx, deps } = options;
  const input = options.args.trim();
  if (!/^\d{1,4}$/.test(input)) return ctx.reply(t("areas:revoke.usage"));
  const list = await deps.memberLists.recall(ctx.user.id);
  if (!list) return ctx.reply(t("areas:revoke.noList"));
  const roleId = list.roleIds[Number(input) - 1];
  if (roleId === undefined)
    return ctx.reply(t("areas:revoke.outOfRange", { n: input, count: list.roleIds.length, areaCode: list.areaCode }));

  const holding = await deps.areas.findRole(roleId);
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
