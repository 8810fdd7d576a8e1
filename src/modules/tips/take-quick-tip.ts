/**
 * `/togiac <text>` in a private chat: a tip at once — anonymous, category "khác" — to the person's
 * area; when the bot knows several areas of theirs or none, one area question comes first.
 */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { areasOfTipster } from "./choose-area.js";
import type { TipDeps } from "./deps.js";
import { submitTip } from "./submit-tip.js";
import { MAX_TIP_TEXT, TIP_FLOW, TIP_FLOW_TTL_SECONDS, type TipDraft } from "./tip-draft.js";
import { proceed, withinTipLimit } from "./tip-flow.js";
import { replySealed } from "./tipster.js";

export async function takeQuickTip(input: { ctx: CommandContext; deps: TipDeps; text: string }): Promise<void> {
  const { ctx, deps, text } = input;
  const update = ctx.event;
  if (text.length > MAX_TIP_TEXT) return replySealed({ ctx, update, deps, slot: "long", text: t("tips:flow.tooLong", { max: MAX_TIP_TEXT }) });
  const draft: TipDraft = { category: "khac", text, photos: [], mediaDone: true, anonymous: true, quick: true };
  if ((await deps.tips.findBySource(`${update.platform}:${update.updateKey}`)) === null && !(await withinTipLimit({ ctx, update, deps }))) return;
  const mine = await areasOfTipster(ctx, deps);
  if (mine.length === 1 && mine[0]) return submitTip({ ctx, update, deps, draft: { ...draft, areaId: mine[0].id } });
  const state = await deps.flows.start({ key: deps.flowKey(ctx.chat), flow: TIP_FLOW, step: "area", data: draft, ttlSeconds: TIP_FLOW_TTL_SECONDS });
  await proceed({ ctx, update, deps, state, draft, ack: t("tips:quick.whichArea") });
}
