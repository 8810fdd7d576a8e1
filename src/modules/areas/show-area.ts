/**
 * `/suakhuvuc <code>` with nothing to change: an admin of the area (or above) sees what can be
 * edited — name, kind, the police unit as alerts and posters name it, phone and postal address.
 */
import type { RequestContext } from "../../core/commands.js";
import { lines, t } from "../../core/text.js";
import { normaliseAreaCode } from "./area-code.js";
import type { AreaDeps } from "./deps.js";
import { policeUnitName } from "./police-unit.js";

export async function showArea(options: { ctx: RequestContext; code: string; deps: AreaDeps }): Promise<void> {
  const { ctx, deps } = options;
  const code = normaliseAreaCode(options.code);
  const area = await deps.areas.findArea(code);
  if (!area) return ctx.reply(t("areas:area.notFound", { code }));
  await deps.access.requireRole(ctx.user, "admin", area.code, {
    key: "areas:edit.forbidden",
    params: { code: area.code },
  });
  const parent = area.parentId === null ? null : await deps.areas.findAreaById(area.parentId);
  const unset = t("areas:show.unset");
  await ctx.reply(
    lines(
      t("areas:show.title", { area: area.name, areaCode: area.code }),
      t("areas:show.kind", { value: area.kind ? t(`areas:kind.${area.kind}`) : unset }),
      t("areas:show.unit", { value: policeUnitName(area, parent) ?? unset }),
      t("areas:show.phone", { value: area.phone ?? unset }),
      t("areas:show.address", { value: area.address ?? unset }),
      t("areas:show.hint", { areaCode: area.code }),
    ),
  );
}
