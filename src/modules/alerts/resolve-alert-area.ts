/**
 * Which area an officer's `/keng` is for: `@areaCode` if given; else the group's area when sent in
 * a registered group; else the officer's only area. Replies and returns null when it cannot tell or
 * the officer may not alert there.
 */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { AreaRecord } from "../areas/types.js";
import type { AlertDeps } from "./deps.js";

export async function resolveAlertArea(options: {
  ctx: CommandContext;
  deps: AlertDeps;
  requested: string | undefined;
}): Promise<AreaRecord | null> {
  const { ctx, deps, requested } = options;
  let area: AreaRecord | null = null;
  if (requested) {
    area = await deps.areas.findArea(requested);
    if (!area) {
      await ctx.reply(t("areas:area.notFound", { code: requested }));
      return null;
    }
  } else if (ctx.chat.kind === "group" && ctx.chat.areaId !== null) {
    area = await deps.areas.findAreaById(ctx.chat.areaId);
  } else {
    const grants = (await deps.access.grants(ctx.user)).filter((g) => g.role === "officer" || g.role === "admin");
    const codes = [...new Set(grants.map((g) => g.area.code))];
    if (codes.length === 1) area = grants[0]?.area ?? null;
    else if (codes.length > 1) {
      await ctx.reply(t("alerts:issue.whichArea", { areas: codes.map((c) => `@${c}`).join(", ") }));
      return null;
    }
  }
  if (!area || !(await deps.access.holds(ctx.user, "officer", area.code))) {
    await ctx.reply(t("alerts:issue.forbidden"));
    return null;
  }
  return area;
}
