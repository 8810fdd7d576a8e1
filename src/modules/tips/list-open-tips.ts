/** `/tingiac`: an officer's open tips (areas where they hold officer or admin rights), newest first. */
import type { CommandContext } from "../../core/commands.js";
import type { Button } from "../../core/messages.js";
import { formatDateTime } from "../../core/time.js";
import { lines, t } from "../../core/text.js";
import { tipData } from "./callback-data.js";
import type { TipDeps } from "./deps.js";
import { mayHandle } from "./help-request.js";

const LIMIT = 20;

export async function listOpenTips(input: { ctx: CommandContext; deps: TipDeps }): Promise<void> {
  const { ctx, deps } = input;
  const codes = ctx.isSuperadmin
    ? "all"
    : [
        ...new Set(
          (await deps.access.grants(ctx.user))
            .filter((g) => g.role === "officer" || g.role === "admin")
            .map((g) => g.area.code),
        ),
      ];
  const open = await deps.tips.openWithin(codes, LIMIT);
  // A help request is shown only to those it went to (help-request.ts), not to every officer above the school.
  const visible = await Promise.all(
    open.map((tip) => (tip.kind === "help" ? mayHandle(deps.access, ctx.user, tip) : true)),
  );
  const tips = open.filter((_, i) => visible[i]);
  if (tips.length === 0) return ctx.reply(t("tips:list.empty"));
  const rows = tips.map((tip, i) =>
    t("tips:list.line", {
      n: i + 1,
      code: tip.code,
      category: t(`tips:category.${tip.category}`),
      area: tip.area.name,
      time: formatDateTime(tip.createdAt, ctx.locale, deps.settings.timeZone),
      status: t(tip.takenById === ctx.user.id ? "tips:list.yours" : `tips:status.${tip.status}`),
    }),
  );
  const buttons: Button[][] = [];
  for (let i = 0; i < tips.length; i += 3) {
    buttons.push(
      tips
        .slice(i, i + 3)
        .map((tip) => ({ text: t("tips:list.open", { code: tip.code }), callback: tipData.show(tip.id) })),
    );
  }
  await ctx.reply(lines(t("tips:list.title", { count: tips.length }), ...rows, t("tips:list.hint")), { buttons });
}
