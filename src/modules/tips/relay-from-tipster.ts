/**
 * A tipster's later text, photo, clip or location (outside any flow). It joins their latest open tip
 * at once only while the conversation is fresh: shortly after the receipt or their last follow-up, or
 * within a day of an officer's question. Otherwise ("cảm ơn", a pasted scam SMS days later) it is
 * held and the person chooses: add it to the tip, send it as a new tip, or don't send it.
 */
import type { RequestContext } from "../../core/commands.js";
import type { InboundEvent } from "../../core/messages.js";
import { t } from "../../core/text.js";
import type { TipDeps } from "./deps.js";
import { holdFollowUp } from "./follow-up-choice.js";
import { followUpItem, isFollowUpEvent, relayFollowUps } from "./follow-up-items.js";
import { replySealed, tipsterHash } from "./tipster.js";
import type { TipMessageRecord, TipRecord } from "./types.js";

/** A message this soon after the receipt (or the tipster's last follow-up) continues the tip. */
export const FOLLOW_UP_AFTER_RECEIPT_MS = 10 * 60_000;
/** A message this soon after an officer's question answers it. */
export const FOLLOW_UP_AFTER_QUESTION_MS = 24 * 3600_000;

/** True when the message belonged to an open tip (and was handled). */
export async function relayFromTipster(input: {
  ctx: RequestContext;
  deps: TipDeps;
  event: InboundEvent;
}): Promise<boolean> {
  const { ctx, deps, event } = input;
  if (ctx.chat.kind !== "private" || !isFollowUpEvent(event)) return false;
  const tip = await deps.tips.latestOpen(tipsterHash(ctx, deps));
  if (!tip) return false;
  if (event.type === "photo" && event.uncompressed) {
    await replySealed({ ctx, update: event, deps, slot: "uncompressed", text: t("tips:photo.uncompressed") });
    return true;
  }
  const item = followUpItem(event);
  if (!conversationIsFresh(tip, await deps.tips.messages(tip.id), deps.clock.now())) {
    await holdFollowUp({ ctx, deps, tip, item, update: albumUpdate(event) });
    return true;
  }
  await relayFollowUps({ ctx, deps, tip, items: [item], update: albumUpdate(event) });
  return true;
}

function conversationIsFresh(tip: TipRecord, messages: readonly TipMessageRecord[], now: Date): boolean {
  const since = (date: Date) => now.getTime() - date.getTime();
  if (since(tip.createdAt) <= FOLLOW_UP_AFTER_RECEIPT_MS) return true;
  return messages.some(
    (m) =>
      since(m.createdAt) <= (m.direction === "to_tipster" ? FOLLOW_UP_AFTER_QUESTION_MS : FOLLOW_UP_AFTER_RECEIPT_MS),
  );
}

/** The photos of one album share their answer: its key names the album, not each update. */
function albumUpdate(event: InboundEvent): { platform: string; updateKey: string } {
  const album = (event.type === "photo" || event.type === "clip") && event.mediaGroupId;
  return album ? { platform: event.platform, updateKey: `album:${album}` } : event;
}
