/**
 * `/suakhuvuc <code> <field> <value…>` (`/area_edit`): an admin of the area (or above) sets its name
 * (`ten`/`name`), police unit (`donvi`/`unit`, the sender line of alerts) or public phone
 * (`sdt`/`phone`, for posters). `-` clears the unit or the phone.
 */
import type { RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { normaliseAreaCode } from "./area-code.js";
import type { AreaDeps } from "./deps.js";
import { parsePhone } from "./phone-number.js";
import type { AreaPatch, AreaRecord } from "./types.js";

type Field = "name" | "unitName" | "phone";

const FIELDS: Readonly<Record<string, Field>> = { ten: "name", name: "name", donvi: "unitName", unit: "unitName", sdt: "phone", phone: "phone" };
const MAX_TEXT = 120;
const CLEAR = "-";

type Parsed = { ok: true; patch: AreaPatch; value: string | null } | { ok: false; key: string };

function parseValue(field: Field, input: string): Parsed {
  const value = input.replace(/\s+/g, " ").trim();
  if (value === CLEAR) return field === "name" ? { ok: false, key: "areas:edit.nameRequired" } : { ok: true, patch: { [field]: null }, value: null };
  if (value.length > MAX_TEXT) return { ok: false, key: "areas:edit.tooLong" };
  if (field !== "phone") return { ok: true, patch: { [field]: value }, value };
  const phone = parsePhone(value);
  return phone ? { ok: true, patch: { phone }, value: phone } : { ok: false, key: "areas:edit.badPhone" };
}

export async function editArea(options: { ctx: RequestContext; args: string; deps: AreaDeps }): Promise<void> {
  const { ctx, deps } = options;
  if (!(await deps.access.isAdminSomewhere(ctx.user))) return ctx.reply(t("areas:edit.forbiddenAny"));
  const match = /^(\S+)\s+(\S+)\s+(.+)$/s.exec(options.args.trim());
  if (!match?.[1] || !match[2] || !match[3]) return ctx.reply(t("areas:edit.usage"));
  const field = FIELDS[match[2].toLowerCase()];
  if (!field) return ctx.reply(t("areas:edit.badField", { field: match[2] }));
  const code = normaliseAreaCode(match[1]);
  const area = await deps.areas.findArea(code);
  if (!area) return ctx.reply(t("areas:area.notFound", { code }));
  if (!(await deps.access.holds(ctx.user, "admin", area.code))) return ctx.reply(t("areas:edit.forbidden", { code: area.code }));

  const parsed = parseValue(field, match[3]);
  if (!parsed.ok) return ctx.reply(t(parsed.key));
  const updated = await deps.areas.updateArea(area.id, parsed.patch);
  await deps.audit.record({ actorUserId: ctx.user.id, action: "area.edit", areaId: area.id, subject: field, details: { from: valueOf(area, field), to: parsed.value } });
  await ctx.reply(
    t(parsed.value === null ? "areas:edit.cleared" : "areas:edit.done", {
      field: t(`areas:edit.field.${field}`),
      area: updated.name,
      areaCode: updated.code,
      value: parsed.value ?? "",
    }),
  );
}

function valueOf(area: AreaRecord, field: Field): string | null {
  return area[field];
}
