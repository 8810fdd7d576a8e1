/**
 * `/suakhuvuc <code> <field> <value…>` (`/area_edit`): an admin of the area (or above) sets its name
 * (`ten`/`name`), police unit (`donvi`/`unit`, the sender line of alerts), public phone
 * (`sdt`/`phone`, for posters), kind (`loai`/`kind`: phuong, xa, todanpho…, which words the unit
 * when none is named) or the unit's postal address (`diachi`/`address`). `-` clears any but the
 * name. `/suakhuvuc <code>` alone shows the area as it is.
 */
import type { RequestContext } from "../../core/commands.js";
import { t, type Text } from "../../core/text.js";
import { normaliseAreaCode } from "./area-code.js";
import { chooseAreaKind, foldWord, kindRefusal } from "./area-kind.js";
import type { AreaDeps } from "./deps.js";
import { parsePhone } from "./phone-number.js";
import { showArea } from "./show-area.js";
import type { AreaPatch, AreaRecord } from "./types.js";

type Field = "name" | "unitName" | "phone" | "kind" | "address";

const FIELDS: Readonly<Record<string, Field>> = {
  ten: "name",
  name: "name",
  donvi: "unitName",
  unit: "unitName",
  sdt: "phone",
  phone: "phone",
  loai: "kind",
  kind: "kind",
  diachi: "address",
  address: "address",
};
const MAX_TEXT: Readonly<Record<Field, number>> = { name: 120, unitName: 120, phone: 120, kind: 120, address: 200 };
const CLEAR = "-";

type Parsed = { ok: true; patch: AreaPatch; value: string | null; shown: Text | string } | { ok: false; reply: Text };

function parseValue(area: AreaRecord, field: Field, input: string): Parsed {
  const value = input.replace(/\s+/g, " ").trim();
  if (value === CLEAR)
    return field === "name"
      ? { ok: false, reply: t("areas:edit.nameRequired") }
      : { ok: true, patch: { [field]: null }, value: null, shown: "" };
  if (value.length > MAX_TEXT[field]) return { ok: false, reply: t("areas:edit.tooLong", { max: MAX_TEXT[field] }) };
  if (field === "kind") {
    const choice = chooseAreaKind({ name: area.name, depth: area.code.split(".").length, typed: value });
    if (!choice.ok) return { ok: false, reply: kindRefusal(choice, value) };
    return { ok: true, patch: { kind: choice.kind }, value: choice.kind, shown: t(`areas:kind.${choice.kind}`) };
  }
  if (field !== "phone") return { ok: true, patch: { [field]: value }, value, shown: value };
  const phone = parsePhone(value);
  return phone
    ? { ok: true, patch: { phone }, value: phone, shown: phone }
    : { ok: false, reply: t("areas:edit.badPhone") };
}

export async function editArea(options: { ctx: RequestContext; args: string; deps: AreaDeps }): Promise<void> {
  const { ctx, deps } = options;
  const words = options.args.trim();
  if (/^\S+$/.test(words)) return showArea({ ctx, code: words, deps });
  const match = /^(\S+)\s+(\S+)\s+(.+)$/s.exec(words);
  if (!match?.[1] || !match[2] || !match[3]) return ctx.reply(t("areas:edit.usage"));
  const field = FIELDS[foldWord(match[2])];
  if (!field) return ctx.reply(t("areas:edit.badField", { field: match[2] }));
  const code = normaliseAreaCode(match[1]);
  const area = await deps.areas.findArea(code);
  if (!area) return ctx.reply(t("areas:area.notFound", { code }));
  await deps.access.requireRole(ctx.user, "admin", area.code, {
    key: "areas:edit.forbidden",
    params: { code: area.code },
  });

  const parsed = parseValue(area, field, match[3]);
  if (!parsed.ok) return ctx.reply(parsed.reply);
  const updated = await deps.areas.updateArea(area.id, parsed.patch);
  await deps.audit.record({
    actorUserId: ctx.user.id,
    action: "area.edit",
    areaId: area.id,
    subject: field,
    details: { from: area[field], to: parsed.value },
  });
  await ctx.reply(
    t(parsed.value === null ? "areas:edit.cleared" : "areas:edit.done", {
      field: t(`areas:edit.field.${field}`),
      area: updated.name,
      areaCode: updated.code,
      value: parsed.shown,
    }),
  );
}
