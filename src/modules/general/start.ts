/** `/start [payload]`: welcome, or act on a deep link (`join_<CODE>`). */
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
  await ctx.reply(t(ctx.chat.kind === "private" ? "common:start.private" : "common:start.group"));
}
