/**
 * A late message to an open tip is held (a small flow of its own, keyed like every private flow by a
 * keyed hash) until the person chooses: add it to the tip, send it as a new tip, or don't send it.
 */
import { z } from "zod";
import type { ButtonContext, RequestContext } from "../../core/commands.js";
import type { Button } from "../../core/messages.js";
import { t } from "../../core/text.js";
import type { FlowHandler, FlowState } from "../flows/types.js";
import { tipData, type FollowUpChoice } from "./callback-data.js";
import type { TipDeps } from "./deps.js";
import { followUpItem, FollowUpItemSchema, relayFollowUps, type FollowUpItem } from "./follow-up-items.js";
import { appendText, MAX_TIP_PHOTOS, type TipDraft } from "./tip-draft.js";
import { startTipFlow } from "./tip-flow.js";
import { replySealed, tipsterHash } from "./tipster.js";
import type { TipRecord } from "./types.js";

export const FOLLOW_UP_FLOW = "tip-followup";
const HOLD_TTL_SECONDS = 3600;
const MAX_HELD = 10;
const HeldSchema = z.object({
  tipId: z.number().int().positive(),
  items: z.array(FollowUpItemSchema).min(1).max(MAX_HELD),
});

type Update = { platform: string; updateKey: string };

/** Holds the message and asks what to do with it. */
export async function holdFollowUp(input: {
  ctx: RequestContext;
  deps: TipDeps;
  tip: TipRecord;
  item: FollowUpItem;
  update: Update;
}): Promise<void> {
  const { ctx, deps, tip } = input;
  await deps.flows.start({
    key: deps.flowKey(ctx.chat),
    flow: FOLLOW_UP_FLOW,
    step: "choose",
    data: { tipId: tip.id, items: [input.item] },
    ttlSeconds: HOLD_TTL_SECONDS,
  });
  await ask({ ctx, deps, update: input.update, code: tip.code, count: 1 });
}

async function ask(input: {
  ctx: RequestContext;
  deps: TipDeps;
  update: Update;
  code: string;
  count: number;
}): Promise<void> {
  const buttons: Button[][] = (["add", "new", "drop"] as const).map((choice) => [
    { text: t(`tips:followUpChoice.${choice}`, { code: input.code }), callback: tipData.followUp(choice) },
  ]);
  const text = t("tips:followUpChoice.question", { code: input.code, count: input.count });
  await replySealed({ ctx: input.ctx, update: input.update, deps: input.deps, slot: "hold", text, buttons });
}

/** More messages while the choice is pending join the held ones (an album answered once). */
export function followUpFlowHandler(deps: TipDeps): FlowHandler {
  return {
    flow: FOLLOW_UP_FLOW,
    async onMessage({ ctx, event, state }) {
      if (event.type === "photo" && event.uncompressed)
        return replySealed({ ctx, update: event, deps, slot: "uncompressed", text: t("tips:photo.uncompressed") });
      const album = (event.type === "photo" || event.type === "clip") && event.mediaGroupId;
      const update = album ? { platform: event.platform, updateKey: `album:${album}` } : event;
      let current: FlowState | null = state;
      for (let attempt = 0; current?.flow === FOLLOW_UP_FLOW && attempt < 10; attempt += 1) {
        const held = HeldSchema.safeParse(current.data);
        const tip = held.success ? await deps.tips.findById(held.data.tipId) : null;
        if (!held.success || !tip) {
          await deps.flows.finish(current);
          return replySealed({ ctx, update: event, deps, slot: "expired", text: t("tips:followUpChoice.gone") });
        }
        const items = [...held.data.items, followUpItem(event)].slice(0, MAX_HELD);
        if (
          await deps.flows.advance(current, {
            step: "choose",
            data: { tipId: tip.id, items },
            ttlSeconds: HOLD_TTL_SECONDS,
          })
        ) {
          return ask({ ctx, deps, update, code: tip.code, count: items.length });
        }
        current = await deps.flows.get(current.key); // an album's other photo saved first: read again
      }
    },
  };
}

/** The press of one of the three choices. */
export async function chooseFollowUp(input: {
  ctx: ButtonContext;
  deps: TipDeps;
  choice: FollowUpChoice;
}): Promise<void> {
  const { ctx, deps } = input;
  const state = ctx.chat.kind === "private" ? await deps.flows.get(deps.flowKey(ctx.chat)) : null;
  const held = state?.flow === FOLLOW_UP_FLOW ? HeldSchema.safeParse(state.data) : undefined;
  if (!state || !held?.success) return ctx.answer(t("tips:followUpChoice.gone"));
  if (!(await deps.flows.finish(state))) return ctx.answer(); // a second press of the same question
  await ctx.answer();
  const update = ctx.event;
  const { items } = held.data;
  switch (input.choice) {
    case "add": {
      const tip = await deps.tips.findById(held.data.tipId);
      if (!tip || tip.status === "closed" || tip.tipsterHash !== tipsterHash(ctx, deps)) {
        return replySealed({ ctx, update, deps, slot: "followup", text: t("tips:followUpChoice.tipClosed") });
      }
      return relayFollowUps({ ctx, deps, tip, items, update });
    }
    case "new":
      return startTipFlow({ ctx, update, deps, prefill: draftOf(items) });
    case "drop":
      return replySealed({
        ctx,
        update,
        deps,
        slot: "followup",
        text: t("tips:followUpChoice.dropped", { count: items.length }),
      });
    default: {
      const never: never = input.choice;
      throw new Error(`unknown choice ${String(never)}`);
    }
  }
}

/** The held messages as the start of a new tip's draft. */
function draftOf(items: readonly FollowUpItem[]): Pick<TipDraft, "text" | "photos" | "location"> {
  let text: string | undefined;
  const photos: string[] = [];
  let location: TipDraft["location"];
  for (const item of items) {
    const words = item.kind === "text" ? item.text : item.kind === "attachment" ? item.caption : undefined;
    if (words?.trim()) text = appendText(text, words.trim()) ?? text;
    if (item.kind === "attachment" && photos.length < MAX_TIP_PHOTOS) photos.push(item.stored);
    if (item.kind === "location") location = { latitude: item.latitude, longitude: item.longitude };
  }
  return { photos, ...(text ? { text } : {}), ...(location ? { location } : {}) };
}
