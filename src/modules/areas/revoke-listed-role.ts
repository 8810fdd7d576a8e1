/**
 * `/thuhoi <n>` (`/revoke`): an admin revokes role number `n` of their latest `/thanhvien` list
 * (the checks and the revocation: `revoke-held-role.ts`).
 */
import type { RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { AreaAdminDeps } from "./deps.js";
import { revokeHeldRole } from "./revoke-held-role.js";

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
  await revokeHeldRole({ ctx, roleId, deps });
}
