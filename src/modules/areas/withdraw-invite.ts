/**
 * `/huymoi <CODE>` (`/invite_cancel`): an admin withdraws an unused invite of an area they administer.
 * Codes outside the admin's areas read as unknown, so the command cannot be used to probe codes.
 */
import type { RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { AreaDeps } from "./deps.js";

export async function withdrawInvite(options: { ctx: RequestContext; args: string; deps: AreaDeps }): Promise<void> {
  const { ctx, deps } = options;
  const code = options.args.trim().toUpperCase();
  if (!/^[A-Z0-9]{4,20}$/.test(code)) return ctx.reply(t("areas:withdraw.usage"));
  const invite = await deps.areas.findInvite(code);
  if (!invite || !(await deps.access.holds(ctx.user, "admin", invite.area.code)))
    return ctx.reply(t("areas:withdraw.unknown", { code }));

  const params = { code, role: t(`common:role.${invite.role}`), area: invite.area.name, areaCode: invite.area.code };
  if (invite.withdrawnAt) return ctx.reply(t("areas:withdraw.already", params));
  if (invite.usedAt) return ctx.reply(t("areas:withdraw.used", params));
  if (!(await deps.areas.withdrawInvite({ inviteId: invite.id, now: deps.clock.now() })))
    return ctx.reply(t("areas:withdraw.used", params));
  await deps.audit.record({
    actorUserId: ctx.user.id,
    action: "invite.withdraw",
    areaId: invite.area.id,
    subject: invite.role,
    details: { inviteId: invite.id },
  });
  await ctx.reply(t("areas:withdraw.done", params));
}
