/**
 * `/dangky <areaCode>` in a group: an officer or admin of the area (or above) who is also an
 * administrator of the group links it to the area. Zalo has no member lists, so there the role suffices.
 */
import type { RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { normaliseAreaCode } from "./area-code.js";
import type { AreaDeps } from "./deps.js";

export async function registerGroup(options: { ctx: RequestContext; args: string; deps: AreaDeps }): Promise<void> {
  const { ctx, deps } = options;
  const input = options.args.trim().split(/\s+/)[0];
  if (!input) return ctx.reply(t("areas:register.usage"));
  const code = normaliseAreaCode(input);
  const area = await deps.areas.findArea(code);
  if (!area) return ctx.reply(t("areas:area.notFound", { code }));
  if (!(await deps.access.holds(ctx.user, "officer", area.code))) return ctx.reply(t("areas:register.forbidden", { code }));
  const groupAdmin = await deps.directory.isGroupAdmin({ platform: ctx.chat.platform, chatId: ctx.chat.platformChatId, userId: ctx.user.platformUserId });
  if (!groupAdmin) return ctx.reply(t("areas:register.notGroupAdmin"));

  const previous = ctx.chat.areaId === null ? null : await deps.areas.findAreaById(ctx.chat.areaId);
  await deps.areas.registerGroup({ chatId: ctx.chat.id, areaId: area.id, registeredById: ctx.user.id });
  await deps.identity.recordSeen(ctx.user.id, ctx.chat.id);
  await deps.audit.record({
    actorUserId: ctx.user.id,
    action: "group.register",
    areaId: area.id,
    subject: `${ctx.chat.platform}:${ctx.chat.platformChatId}`,
    details: { title: ctx.chat.title, previousArea: previous?.code ?? null },
  });
  const key = previous && previous.id !== area.id ? "areas:register.moved" : "areas:register.done";
  await ctx.reply(t(key, { area: area.name, areaCode: area.code, previous: previous?.name ?? "" }));
}
