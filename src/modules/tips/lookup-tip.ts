/**
 * `/tracuu <CODE>`: the tip's status and the officers' messages — only for its tipster, matched by
 * the keyed hash; anyone else gets "not found", whether the code exists or not.
 */
import type { CommandContext } from "../../core/commands.js";
import { formatDateTime } from "../../core/time.js";
import { lines, t, type Text } from "../../core/text.js";
import type { TipDeps } from "./deps.js";
import { replySealed, tipsterHash } from "./tipster.js";
import { normaliseTrackingCode } from "./tracking-code.js";

export async function lookupTip(input: { ctx: CommandContext; deps: TipDeps }): Promise<void> {
  const { ctx, deps } = input;
  const update = ctx.event;
  const code = normaliseTrackingCode(ctx.args);
  if (!code) return replySealed({ ctx, update, deps, slot: "lookup", text: t("tips:lookup.usage") });
  const tip = await deps.tips.findByCode(code);
  if (!tip || tip.tipsterHash !== tipsterHash(ctx, deps)) return replySealed({ ctx, update, deps, slot: "lookup", text: t("tips:lookup.notFound", { code }) });
  const at = (date: Date) => formatDateTime(date, ctx.locale, deps.settings.timeZone);
  const replies = (await deps.tips.messages(tip.id)).filter((m) => m.direction === "to_tipster" && m.text);
  const body: Text[] = [
    t("tips:lookup.title", { code: tip.code }),
    t("tips:lookup.sent", { time: at(tip.createdAt), category: t(`tips:category.${tip.category}`), area: tip.area.name }),
    t("tips:lookup.status", { status: t(`tips:tipsterStatus.${tip.status}`) }),
    ...(tip.valuable ? [t("tips:lookup.valuable")] : []),
    ...(replies.length > 0 ? [t("tips:lookup.replies")] : [t("tips:lookup.noReplies")]),
    ...replies.map((m) => t("tips:lookup.reply", { time: at(m.createdAt), text: m.text ?? "" })),
  ];
  await replySealed({ ctx, update, deps, slot: "lookup", text: lines(...body) });
}
