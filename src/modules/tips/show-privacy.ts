/** `/quyenriengtu` (`/privacy`): what the mailbox keeps, for how long, who sees it, how anonymity works. */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { TipDeps } from "./deps.js";

export async function showPrivacy(options: { ctx: CommandContext; deps: Pick<TipDeps, "settings"> }): Promise<void> {
  await options.ctx.reply(t("tips:privacy.notice", { days: options.deps.settings.retentionDays }));
}
