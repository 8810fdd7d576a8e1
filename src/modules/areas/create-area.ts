/**
 * `/themkhuvuc <code> <name…> [--loai <kind>]`: an admin of the parent area creates an area below it.
 * The kind (province, ward, residential group…) is read from the name's first word ("Phường 5" →
 * phường) unless typed with `--loai`.
 */
import type { RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { isValidAreaCode, normaliseAreaCode, parentCode } from "./area-code.js";
import { chooseAreaKind, kindRefusal, takeKindOption } from "./area-kind.js";
import type { AreaDeps } from "./deps.js";

export async function createArea(options: { ctx: RequestContext; args: string; deps: AreaDeps }): Promise<void> {
  const { ctx, deps } = options;
  const { rest, typed } = takeKindOption(options.args.trim());
  const match = /^(\S+)\s+(.+)$/s.exec(rest);
  if (!match?.[1] || !match[2]) return ctx.reply(t("areas:create.usage"));
  const code = normaliseAreaCode(match[1]);
  const name = match[2].replace(/\s+/g, " ").trim().slice(0, 120);
  if (!isValidAreaCode(code)) return ctx.reply(t("areas:code.invalid", { code: match[1] }));
  const kind = chooseAreaKind({ name, depth: code.split(".").length, typed });
  if (!kind.ok) return ctx.reply(kindRefusal(kind, typed ?? ""));

  const parent = parentCode(code);
  const allowed = parent ? await deps.access.holds(ctx.user, "admin", parent) : deps.access.isSuperadmin(ctx.user);
  if (!allowed)
    return ctx.reply(t(parent ? "areas:create.forbidden" : "areas:create.forbiddenRoot", { parent: parent ?? "" }));

  if (await deps.areas.findArea(code)) return ctx.reply(t("areas:create.exists", { code }));
  const parentArea = parent ? await deps.areas.findArea(parent) : null;
  if (parent && !parentArea) return ctx.reply(t("areas:create.noParent", { parent }));

  const area = await deps.areas.createArea({ code, name, parentId: parentArea?.id ?? null, kind: kind.kind });
  await deps.audit.record({
    actorUserId: ctx.user.id,
    action: "area.create",
    areaId: area.id,
    subject: code,
    details: { name, kind: kind.kind },
  });
  await ctx.reply(
    area.kind
      ? t("areas:create.doneKind", { code, name, kind: t(`areas:kind.${area.kind}`) })
      : t("areas:create.done", { code, name }),
  );
}
