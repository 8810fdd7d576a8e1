/**
 * `/togiac <text>` in a private chat: a tip at once — anonymous, category "khác" — to the person's
 * area; when the bot knows several areas of theirs or none, one area question comes first, and a
 * person's first tip waits for them to read the privacy notice and press "📮 Gửi tin".
 */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { areasOfTipster } from "./choose-area.js";
import type { TipDeps } from "./deps.js";
import { submitTip } from "./submit-tip.js";
import { draftNonce, draftTtlSeconds, MAX_TIP_TEXT, TIP_FLOW, type TipDraft } from "./tip-draft.js";
import { proceed, withinTipLimit } from "./tip-flow.js";
import { replySealed, sealTipster, tipsterHash } from "./tipster.js";

export async function takeQuickTip(input: { ctx: CommandContext; deps: TipDeps; text: string }): Promise<void> {
  const { ctx, deps, text } = input;
  const update = ctx.event;
  if (text.length > MAX_TIP_TEXT)
    return replySealed({ ctx, update, deps, slot: "long", text: t("tips:flow.tooLong", { max: MAX_TIP_TEXT }) });
  const filed = (await deps.tips.findBySource(`${update.platform}:${update.updateKey}`)) !== null;
  if (!filed && !(await withinTipLimit({ ctx, update, deps }))) return;
  // A first tip is not stored before its sender has read the privacy notice (shown with one "send" button).
  const first = !filed && !(await deps.tips.hasAny(tipsterHash(ctx, deps)));
  const draft: TipDraft = {
    kind: "crime",
    category: "khac",
    text,
    photos: [],
    mediaDone: true,
    anonymous: true,
    quick: true,
    privacyNotice: first,
    nonce: draftNonce(),
    seal: sealTipster(ctx, deps),
    locale: ctx.locale,
  };
  const mine = await areasOfTipster(ctx, deps);
  if (mine.length === 1 && mine[0] && !first)
    return submitTip({ ctx, update, deps, draft: { ...draft, areaId: mine[0].id } });
  const state = await deps.flows.start({
    key: deps.flowKey(ctx.chat),
    flow: TIP_FLOW,
    step: "area",
    data: draft,
    ttlSeconds: draftTtlSeconds(deps.settings),
  });
  await proceed({ ctx, update, deps, state, draft, ...(mine.length === 1 ? {} : { ack: t("tips:quick.whichArea") }) });
}
