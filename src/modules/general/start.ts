/** `/start [payload]`: welcome, or act on a deep link (`join_<CODE>`, or one another module serves). */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { redeemInvite } from "../areas/redeem-invite.js";
import type { GeneralDeps } from "./deps.js";

export async function start(options: { ctx: CommandContext; deps: GeneralDeps }): Promise<void> {
  const { ctx, deps } = options;
  const payload = ctx.args.trim();
  if (payload.startsWith("join_") && ctx.chat.kind === "private") {
    return redeemInvite({ ctx, code: payload.slice("join_".length), deps });
  }
  const link = deps.deepLinks?.find((l) => payload === l.prefix || payload.startsWith(`${l.prefix}_`));
  if (link && ctx.chat.kind === "private") return link.run(ctx, payload.slice(link.prefix.length + 1));
  await ctx.reply(t(ctx.chat.kind === "private" ? "common:start.private" : "common:start.group"));
}
