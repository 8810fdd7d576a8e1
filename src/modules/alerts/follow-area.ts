/** `/theodoi <areaCode>` and `/bothedoi <areaCode>`: hear (or stop hearing) an area's alerts privately. */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { normaliseAreaCode } from "../areas/area-code.js";
import type { AlertDeps } from "./deps.js";

export async function followArea(options: { ctx: CommandContext; deps: AlertDeps; follow: boolean }): Promise<void> {
  const { ctx, deps, follow } = options;
  const input = ctx.args.trim().split(/\s+/)[0];
  const key = follow ? "follow" : "unfollow";
  if (!input) return ctx.reply(t(`alerts:${key}.usage`));
  const area = await deps.areas.findArea(normaliseAreaCode(input));
  if (!area) return ctx.reply(t("areas:area.notFound", { code: normaliseAreaCode(input) }));
  const changed = follow ? await deps.alerts.follow({ userId: ctx.user.id, areaId: area.id }) : await deps.alerts.unfollow({ userId: ctx.user.id, areaId: area.id });
  await ctx.reply(t(`alerts:${key}.${changed ? "done" : "unchanged"}`, { area: area.name, areaCode: area.code }));
}
