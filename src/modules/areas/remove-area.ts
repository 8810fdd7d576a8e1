/**
 * `/xoakhuvuc <code>` (`/area_remove`): an admin of the area (or above) removes it, only when it has
 * no active groups, no sub-areas, no open tips and nobody holding a role there (revoke with
 * `/thanhvien` + `/thuhoi` first, so each person is told). Its history moves to the parent area.
 */
import type { RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { findAreaArgument } from "./area-argument.js";
import type { AreaDeps } from "./deps.js";

export async function removeArea(options: { ctx: RequestContext; args: string; deps: AreaDeps }): Promise<void> {
  const { ctx, deps } = options;
  const area = await findAreaArgument({ ctx, args: options.args, areas: deps.areas, usageKey: "areas:remove.usage" });
  if (!area) return;
  await deps.access.requireRole(ctx.user, "admin", area.code, {
    key: "areas:remove.forbidden",
    params: { code: area.code },
  });

  const outcome = await deps.areas.removeArea({ areaId: area.id, now: deps.clock.now() });
  const params = { area: area.name, areaCode: area.code };
  if (outcome.kind === "gone") return ctx.reply(t("areas:area.notFound", { code: area.code }));
  if (outcome.kind !== "removed")
    return ctx.reply(t(`areas:remove.${outcome.kind}`, { ...params, count: outcome.count }));

  await deps.audit.record({
    actorUserId: ctx.user.id,
    action: "area.remove",
    // The area is gone: the row sits with its parent, where `audit --area` of any ancestor finds it.
    ...(outcome.movedTo ? { areaId: outcome.movedTo.id } : {}),
    subject: area.code,
    details: { name: area.name, areaId: area.id, ...outcome.details },
  });
  await ctx.reply(
    t(outcome.movedTo ? "areas:remove.doneMoved" : "areas:remove.done", {
      ...params,
      parent: outcome.movedTo?.name ?? "",
    }),
  );
}
