/**
 * `/nhomchuyen [mã khu vực] <số thành viên> <tên nhóm>` (`/relaygroup`), by a relay in their private
 * chat: names the group they manage and its approximate size. One group per relay and area; sending
 * it again renames it. Without an area code, the area of their only relay role.
 */
import type { CommandContext } from "../../core/commands.js";
import { raw, t } from "../../core/text.js";
import { isWithin, normaliseAreaCode } from "../areas/area-code.js";
import type { AreaRecord } from "../areas/types.js";
import type { RelayDeps } from "./deps.js";
import { formatMinutes } from "./minutes.js";

const MAX_NAME = 100;
const MAX_MEMBERS = 100_000;

export async function registerRelayedGroup(options: { ctx: CommandContext; deps: RelayDeps }): Promise<void> {
  const { ctx, deps } = options;
  const words = ctx.args.trim().split(/\s+/).filter(Boolean);
  const typedArea = words[0] && !/^\d+$/.test(words[0]) ? words.shift() : undefined;
  const membersWord = words.shift();
  const name = words.join(" ");
  const members = membersWord && /^\d+$/.test(membersWord) ? Number(membersWord) : NaN;
  if (!name || !Number.isInteger(members) || members < 1 || members > MAX_MEMBERS)
    return ctx.reply(t("relays:group.usage"));
  if (name.length > MAX_NAME) return ctx.reply(t("relays:group.tooLong", { max: MAX_NAME }));

  const area = await relayArea(options, typedArea);
  if (!area) return;
  const { created } = await deps.relays.saveGroup({ relayUserId: ctx.user.id, areaId: area.id, name, members });
  await deps.audit.record({
    actorUserId: ctx.user.id,
    action: created ? "relay.group.add" : "relay.group.edit",
    areaId: area.id,
    subject: name,
    details: { members },
  });
  await ctx.reply(
    t(created ? "relays:group.done" : "relays:group.updated", {
      group: raw(name),
      members,
      area: area.name,
      minutes: formatMinutes(deps.remindMinutes, ctx.locale),
    }),
  );
}

/**
 * The area typed (where they must hold the relay role itself: an admin's rights do not make them a
 * group's relay, and only relays are written to), or that of their only relay role.
 */
async function relayArea(
  options: { ctx: CommandContext; deps: RelayDeps },
  typed: string | undefined,
): Promise<AreaRecord | undefined> {
  const { ctx, deps } = options;
  const grants = (await deps.access.grants(ctx.user)).filter((g) => g.role === "relay");
  if (typed) {
    const code = normaliseAreaCode(typed);
    const area = await deps.areas.findArea(code);
    if (!area) {
      await ctx.reply(t("areas:area.notFound", { code }));
      return undefined;
    }
    if (grants.some((g) => isWithin(area.code, g.area.code))) return area;
    await ctx.reply(t("relays:group.forbidden"));
    return undefined;
  }
  const only = grants.length === 1 ? grants[0] : undefined;
  if (only) return only.area;
  await ctx.reply(
    t(grants.length === 0 ? "relays:group.forbidden" : "relays:group.whichArea", {
      codes: grants.map((g) => g.area.code).join(", "),
    }),
  );
  return undefined;
}
