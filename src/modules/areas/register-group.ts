/**
 * `/dangky <areaCode>` in a group: an officer or admin of the area (or above) who is also an
 * administrator of the group links it to the area. Zalo has no member lists, so there the role suffices.
 * In a private chat the same command gives a one-tap registration link instead (create-registration-link.ts).
 */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { normaliseAreaCode } from "./area-code.js";
import type { AreaDeps } from "./deps.js";
import { linkGroup, registeredMessage } from "./link-group.js";

export async function registerGroup(options: { ctx: CommandContext; args: string; deps: AreaDeps }): Promise<void> {
  const { ctx, deps } = options;
  const input = options.args.trim().split(/\s+/)[0];
  if (!input) return ctx.reply(t("areas:register.usage"));
  const code = normaliseAreaCode(input);
  const area = await deps.areas.findArea(code);
  if (!area) return ctx.reply(t("areas:area.notFound", { code }));
  await deps.access.requireRole(ctx.user, "officer", area.code, { key: "areas:register.forbidden", params: { code } });
  const groupAdmin = await deps.directory.isGroupAdmin({
    platform: ctx.chat.platform,
    chatId: ctx.chat.platformChatId,
    userId: ctx.user.platformUserId,
  });
  if (groupAdmin === "unknown") return ctx.reply(t("areas:register.adminUnknown", { areaCode: area.code }));
  if (!groupAdmin) return ctx.reply(t("areas:register.notGroupAdmin"));

  // Registered from a forum topic: alerts and campaigns go to that topic.
  const threadId = ctx.event.threadId ?? null;
  const { previous } = await linkGroup({
    chat: ctx.chat,
    area,
    registrantId: ctx.user.id,
    via: "command",
    threadId,
    deps,
  });
  const done = previous && previous.id !== area.id ? "areas:register.moved" : "areas:register.done";
  const notice = t(done, { area: area.name, areaCode: area.code, previous: previous?.name ?? "" });
  const message = registeredMessage({ chat: ctx.chat, area, notice, firstTime: previous === null, deps });
  await ctx.reply(message.text, message.buttons ? { buttons: message.buttons } : undefined);
}
