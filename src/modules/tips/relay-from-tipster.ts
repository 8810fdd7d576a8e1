/**
 * A tipster's later text, photo or location (outside any flow): appended to their open tip with the
 * latest activity and copied — never forwarded — to the officer who took it, or to those handling it.
 */
import type { RequestContext } from "../../core/commands.js";
import type { InboundEvent, OutboundMessage } from "../../core/messages.js";
import type { OutboxItem } from "../../core/ports.js";
import { t } from "../../core/text.js";
import { tipData } from "./callback-data.js";
import type { TipDeps } from "./deps.js";
import { currentRecipients } from "./find-handlers.js";
import { replySealed, tipsterHash } from "./tipster.js";
import type { TipRecord } from "./types.js";

type FollowUp = Extract<InboundEvent, { type: "text" | "photo" | "location" }>;

/** One person cannot bury an officer's chat: follow-ups per tip per hour, and in all. */
export const FOLLOW_UPS_PER_HOUR = 20;
export const FOLLOW_UPS_PER_TIP = 100;

const cap = (deps: Pick<TipDeps, "clock">) => ({ perHour: FOLLOW_UPS_PER_HOUR, total: FOLLOW_UPS_PER_TIP, now: deps.clock.now() });

/** True when the message belonged to an open tip (and was handled). */
export async function relayFromTipster(input: { ctx: RequestContext; deps: TipDeps; event: InboundEvent }): Promise<boolean> {
  const { ctx, deps, event } = input;
  if (ctx.chat.kind !== "private" || (event.type !== "text" && event.type !== "photo" && event.type !== "location")) return false;
  const tip = await deps.tips.latestOpen(tipsterHash(ctx, deps));
  if (!tip) return false;
  if (event.type === "photo" && event.uncompressed) {
    await replySealed({ ctx, update: event, deps, slot: "uncompressed", text: t("tips:photo.uncompressed") });
    return true;
  }
  const key = await record({ deps, tip, event });
  if (key === null) {
    await replySealed({ ctx, update: event, deps, slot: "followupcap", text: t("tips:followUp.limit", { code: tip.code, max: FOLLOW_UPS_PER_HOUR, total: FOLLOW_UPS_PER_TIP }) });
    return true;
  }
  const officers = await currentRecipients({ deps, takenById: tip.takenById, handlingAreaId: tip.handlingAreaId });
  const items: OutboxItem[] = [];
  for (const officer of officers) {
    const chat = await deps.identity.upsertChat({ platform: officer.platform, chatId: officer.platformUserId, kind: "private" });
    const locale = officer.locale ?? deps.settings.defaultLocale;
    items.push({ key: `${key}:${officer.userId}`, to: { chatId: chat.id }, priority: "interactive", source: `tip:${tip.id}`, message: { locale, ...content(tip, event) } });
  }
  await deps.outbox.enqueue(items);
  await replySealed({ ctx, update: event, deps, slot: "followup", text: t("tips:followUp.added", { code: tip.code }) });
  return true;
}

/** Stores the follow-up within the cap; returns the key stem of its relays, or null when over the cap. */
async function record(input: { deps: TipDeps; tip: TipRecord; event: FollowUp }): Promise<string | null> {
  const { deps, tip, event } = input;
  if (event.type === "location") {
    // A location replaces the tip's own; an empty follow-up row counts it against the cap.
    const counted = await deps.tips.addFollowUp({ tipId: tip.id }, cap(deps));
    if (!counted) return null;
    await deps.tips.setLocation({ id: tip.id, latitude: event.latitude, longitude: event.longitude });
    return `tip:${tip.id}:fu:${counted.id}`;
  }
  const content = event.type === "text" ? { text: event.text } : { photoFileId: event.fileId, ...(event.caption ? { text: event.caption } : {}) };
  const message = await deps.tips.addFollowUp({ tipId: tip.id, ...content }, cap(deps));
  return message ? `tip:${tip.id}:fu:${message.id}` : null;
}

/** The copy an officer gets: text, the photo by file id, or the location — never a forwarded message. */
function content(tip: TipRecord, event: FollowUp): Omit<OutboundMessage, "locale"> {
  const buttons = [[{ text: t("tips:button.reply"), callback: tipData.ask(tip.id) }]];
  switch (event.type) {
    case "text":
      return { text: t("tips:relay.fromTipster", { code: tip.code, text: event.text }), buttons };
    case "photo":
      return { text: t(event.caption ? "tips:relay.photoWithCaption" : "tips:relay.photo", { code: tip.code, text: event.caption ?? "" }), buttons, photo: { kind: "file", platformFileId: event.fileId } };
    case "location":
      return { text: t("tips:relay.location", { code: tip.code }), buttons, location: { latitude: event.latitude, longitude: event.longitude } };
    default: {
      const never: never = event;
      throw new Error(`unexpected follow-up ${JSON.stringify(never)}`);
    }
  }
}
