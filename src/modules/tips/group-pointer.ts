/**
 * `/togiac` in a group never takes the tip (everyone there would read it): it answers with a button
 * that opens the private chat on this group's area, and deletes the message if it held tip text.
 */
import type { CommandContext } from "../../core/commands.js";
import type { Button } from "../../core/messages.js";
import { lines, t } from "../../core/text.js";
import { areaStartPayload } from "../areas/area-code.js";
import type { TipDeps } from "./deps.js";

export async function pointToPrivateChat(input: { ctx: CommandContext; deps: TipDeps }): Promise<void> {
  const { ctx, deps } = input;
  const area = ctx.chat.areaId === null ? null : await deps.areas.findAreaById(ctx.chat.areaId);
  const hadText = ctx.args.trim() !== "";
  // Best effort: the bot may lack the right to delete (not an administrator), which is fine.
  const deleted = hadText
    ? await deps.directory.deleteMessage({
        platform: ctx.chat.platform,
        chatId: ctx.chat.platformChatId,
        messageId: ctx.event.messageId,
      })
    : false;
  const bot = deps.directory.botUsername(ctx.chat.platform);
  const link =
    bot && ctx.chat.platform === "telegram"
      ? `https://t.me/${bot}?start=${area ? areaStartPayload("tip", area) : "tip"}`
      : undefined;
  const buttons: Button[][] = link ? [[{ text: t("tips:group.button"), url: link }]] : [];
  const key = deleted ? "tips:group.deleted" : hadText ? "tips:group.notDeleted" : "tips:group.pointer";
  await ctx.reply(link ? t(key) : lines(t(key), t("tips:group.noLink")), { buttons });
}
