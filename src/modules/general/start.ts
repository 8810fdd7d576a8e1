/** `/start [payload]`: welcome, or act on a deep link (`join_<CODE>`, or one another module serves). */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { redeemInvite } from "../areas/redeem-invite.js";
import type { GeneralDeps } from "./deps.js";
import { welcome } from "./welcome.js";

export async function start(options: { ctx: CommandContext; deps: GeneralDeps }): Promise<void> {
  const { ctx, deps } = options;
  const payload = ctx.args.trim();
  if (payload.startsWith("join_") && ctx.chat.kind === "private") {
    return redeemInvite({ ctx, code: payload.slice("join_".length), deps });
  }
  const link = deps.deepLinks?.find((l) => payload === l.prefix || payload.startsWith(`${l.prefix}_`));
  if (link && ctx.chat.kind === "private") return link.run(ctx, payload.slice(link.prefix.length + 1));
  if (ctx.chat.kind === "private")
    return welcome({ ctx, deps, reason: "start", languageCode: ctx.event.from.languageCode });
  await ctx.reply(t("common:start.group"));
}
