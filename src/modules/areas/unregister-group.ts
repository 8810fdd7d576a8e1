/**
 * `/huydangky` (`/unregister`) in a group: an officer or admin of the group's area (or above)
 * unlinks the group; it stops receiving the area's alerts and campaigns and keeps its history.
 */
import type { RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { AreaDeps } from "./deps.js";

export async function unregisterGroup(options: { ctx: RequestContext; deps: AreaDeps }): Promise<void> {
  const { ctx, deps } = options;
  const area = ctx.chat.areaId === null ? null : await deps.areas.findAreaById(ctx.chat.areaId);
  if (!area) {
    const mayRegister = (await deps.access.roleNames(ctx.user)).has("officer");
    return ctx.reply(t(mayRegister ? "areas:unregister.notRegistered" : "areas:unregister.forbiddenAny"));
  }
  await deps.access.requireRole(ctx.user, "officer", area.code, {
    key: "areas:unregister.forbidden",
    params: { area: area.name, areaCode: area.code },
  });

  await deps.areas.unregisterGroup(ctx.chat.id);
  await deps.audit.record({
    actorUserId: ctx.user.id,
    action: "group.unregister",
    areaId: area.id,
    subject: `${ctx.chat.platform}:${ctx.chat.platformChatId}`,
    details: { title: ctx.chat.title },
  });
  await ctx.reply(t("areas:unregister.done", { area: area.name, areaCode: area.code }));
}
