/**
 * `/tracuu <CODE>`: the tip's status and the officers' messages — only for its tipster, matched by
 * the keyed hash; anyone else gets "not found", whether the code exists or not. `/tracuu` alone lists
 * the person's own tips (found by the same hash) with a button for each.
 */
import type { ButtonContext, CommandContext, RequestContext } from "../../core/commands.js";
import { formatDateTime } from "../../core/time.js";
import { lines, raw, t, type Text } from "../../core/text.js";
import { tipData } from "./callback-data.js";
import type { TipDeps } from "./deps.js";
import { hotlines } from "./help-request.js";
import { replySealed, tipsterHash } from "./tipster.js";
import { normaliseTrackingCode } from "./tracking-code.js";
import type { TipRecord } from "./types.js";

/** How many of a person's tips the bare list shows. */
const OWN_TIPS_LISTED = 10;

export async function lookupTip(input: { ctx: CommandContext; deps: TipDeps }): Promise<void> {
  const { ctx, deps } = input;
  const update = ctx.event;
  if (!ctx.args.trim()) return listOwnTips({ ctx, deps, update });
  const code = normaliseTrackingCode(ctx.args);
  if (!code) return replySealed({ ctx, update, deps, slot: "lookup", text: t("tips:lookup.usage") });
  const tip = await deps.tips.findByCode(code);
  if (!tip || tip.tipsterHash !== tipsterHash(ctx, deps))
    return replySealed({ ctx, update, deps, slot: "lookup", text: t("tips:lookup.notFound", { code }) });
  await showStatus({ ctx, deps, update, tip });
}

/** The press of a tip's button in the bare list: shown only to the person whose hash the tip holds. */
export async function showOwnTip(input: { ctx: ButtonContext; deps: TipDeps; tipId: number }): Promise<void> {
  const { ctx, deps } = input;
  const tip = ctx.chat.kind === "private" ? await deps.tips.findById(input.tipId) : null;
  if (!tip || tip.tipsterHash !== tipsterHash(ctx, deps)) return ctx.answer(t("common:errors.buttonExpired"));
  await ctx.answer();
  await showStatus({ ctx, deps, update: ctx.event, tip });
}

type Update = { readonly platform: string; readonly updateKey: string };

async function listOwnTips(input: { ctx: RequestContext; deps: TipDeps; update: Update }): Promise<void> {
  const { ctx, deps, update } = input;
  const tips = await deps.tips.listByTipster(tipsterHash(ctx, deps), OWN_TIPS_LISTED);
  if (tips.length === 0) return replySealed({ ctx, update, deps, slot: "lookup", text: t("tips:lookup.none") });
  const at = (date: Date) => formatDateTime(date, ctx.locale, deps.settings.timeZone);
  const rows = tips.map((tip) =>
    t("tips:lookup.line", {
      code: tip.code,
      time: at(tip.createdAt),
      category: t(`tips:category.${tip.category}`),
      status: t(`tips:tipsterStatus.${tip.status}`),
    }),
  );
  const buttons = tips.map((tip) => [
    { text: t("tips:lookup.button", { code: tip.code }), callback: tipData.status(tip.id) },
  ]);
  await replySealed({
    ctx,
    update,
    deps,
    slot: "lookup",
    text: lines(t("tips:lookup.mine"), ...rows, t("tips:lookup.pick")),
    buttons,
  });
}

async function showStatus(input: {
  ctx: RequestContext;
  deps: TipDeps;
  update: Update;
  tip: TipRecord;
}): Promise<void> {
  const { ctx, deps, update, tip } = input;
  const at = (date: Date) => formatDateTime(date, ctx.locale, deps.settings.timeZone);
  const replies = (await deps.tips.messages(tip.id)).filter((m) => m.direction === "to_tipster" && m.text);
  const body: Text[] = [
    t("tips:lookup.title", { code: tip.code }),
    t("tips:lookup.sent", {
      time: at(tip.createdAt),
      category: t(`tips:category.${tip.category}`),
      area: tip.area.name,
    }),
    t("tips:lookup.status", { status: t(`tips:tipsterStatus.${tip.status}`) }),
    ...(tip.valuable ? [t("tips:lookup.valuable")] : []),
    ...(replies.length > 0 ? [t("tips:lookup.replies")] : [t("tips:lookup.noReplies")]),
    ...replies.map((m) => t("tips:lookup.reply", { time: at(m.createdAt), text: m.text ?? "" })),
    // A student's help request: 111 and 113 on this screen too.
    ...(tip.kind === "help" ? [raw(""), hotlines()] : []),
  ];
  await replySealed({ ctx, update, deps, slot: "lookup", text: lines(...body) });
}
