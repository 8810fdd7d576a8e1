/**
 * `/thanhvien <areaCode>` (`/members`): an admin of the area (or above) lists the role holders of
 * the area and every area below it, numbered; the numbering is remembered for `/thuhoi <n>`.
 */
import type { RequestContext } from "../../core/commands.js";
import { lines, t } from "../../core/text.js";
import { findAreaArgument } from "./area-argument.js";
import type { AreaAdminDeps } from "./deps.js";
import { holderName } from "./holder-name.js";

/** Beyond this, list a smaller area: a longer list is neither readable nor a sane target for numbers. */
export const MAX_LISTED = 200;

export async function listMembers(options: { ctx: RequestContext; args: string; deps: AreaAdminDeps }): Promise<void> {
  const { ctx, deps } = options;
  const area = await findAreaArgument({ ctx, args: options.args, areas: deps.areas, usageKey: "areas:members.usage" });
  if (!area) return;
  if (!(await deps.access.holds(ctx.user, "admin", area.code)))
    return ctx.reply(t("areas:members.areaForbidden", { code: area.code }));

  const holdings = await deps.areas.listRoleHolders(area.code);
  const listed = holdings.slice(0, MAX_LISTED);
  await deps.memberLists.remember({ userId: ctx.user.id, areaCode: area.code, roleIds: listed.map((h) => h.id) });
  if (listed.length === 0) return ctx.reply(t("areas:members.empty", { area: area.name, areaCode: area.code }));
  await ctx.reply(
    lines(
      t("areas:members.title", { area: area.name, areaCode: area.code, count: listed.length }),
      ...listed.map((h, i) =>
        t("areas:members.line", {
          n: i + 1,
          name: holderName(h.holder),
          role: t(`common:role.${h.role}`),
          area: h.area.name,
          areaCode: h.area.code,
        }),
      ),
      ...(holdings.length > MAX_LISTED ? [t("areas:members.more", { max: MAX_LISTED })] : []),
      t("areas:members.footer"),
    ),
  );
}
