/** `/quyenriengtu` (`/privacy`): what the mailbox keeps, for how long, who sees it, how anonymity works. */
import type { CommandContext } from "../../core/commands.js";
import { areasOfTipster } from "./choose-area.js";
import type { TipDeps } from "./deps.js";
import { controllerArea, privacyNotice } from "./privacy-notice.js";

export async function showPrivacy(options: {
  ctx: CommandContext;
  deps: Pick<TipDeps, "settings" | "areas" | "identity" | "officers">;
}): Promise<void> {
  const { ctx, deps } = options;
  // The person's one area names its unit; with several or none, the notice says how the unit is chosen.
  const mine = await areasOfTipster(ctx, deps);
  const area = mine.length === 1 ? await controllerArea(mine[0]?.id, deps.areas) : null;
  await ctx.reply(privacyNotice({ area, settings: deps.settings }));
}
