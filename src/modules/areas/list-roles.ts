/** `/vaitro`: the user's roles. */
import type { RequestContext } from "../../core/commands.js";
import { lines, t } from "../../core/text.js";
import type { AreaDeps } from "./deps.js";

export async function listRoles(options: { ctx: RequestContext; deps: AreaDeps }): Promise<void> {
  const { ctx, deps } = options;
  const grants = await deps.access.grants(ctx.user);
  const superadmin = deps.access.isSuperadmin(ctx.user);
  if (grants.length === 0 && !superadmin) return ctx.reply(t("areas:roles.none"));
  await ctx.reply(
    lines(
      t("areas:roles.title"),
      ...(superadmin ? [t("areas:roles.superadmin")] : []),
      ...grants.map((g) =>
        t("areas:roles.line", { role: t(`common:role.${g.role}`), area: g.area.name, areaCode: g.area.code }),
      ),
    ),
  );
}
