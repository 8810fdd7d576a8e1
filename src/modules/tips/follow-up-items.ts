/**
 * A tipster's follow-up (text, photo, voice note or video, location): stored with their open tip and
 * copied — never forwarded — to the officer who took it, or to those handling it.
 */
import { z } from "zod";
import { attachmentMedia, readAttachment, storedAttachment } from "../../core/attachment.js";
import type { RequestContext } from "../../core/commands.js";
import type { InboundEvent, OutboundMessage } from "../../core/messages.js";
import type { OutboxItem } from "../../core/ports.js";
import { lines, t } from "../../core/text.js";
import { tipData } from "./callback-data.js";
import type { TipDeps } from "./deps.js";
import { currentRecipients, hotlinesFor } from "./help-request.js";
import { replySealed } from "./tipster.js";
import type { TipRecord } from "./types.js";

/** One person cannot bury an officer's chat: follow-ups per tip per hour, and in all. */
export const FOLLOW_UPS_PER_HOUR = 20;
export const FOLLOW_UPS_PER_TIP = 100;

/** A follow-up as held (JSON in a flow) and relayed; an attachment in its stored form (core/attachment.ts). */
export const FollowUpItemSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string().min(1).max(8000) }),
  z.object({
    kind: z.literal("attachment"),
    stored: z.string().min(1).max(600),
    caption: z.string().max(1024).optional(),
  }),
  z.object({
    kind: z.literal("location"),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  }),
]);
export type FollowUpItem = z.infer<typeof FollowUpItemSchema>;

export type FollowUpEvent = Extract<InboundEvent, { type: "text" | "photo" | "location" | "clip" }>;

export function isFollowUpEvent(event: InboundEvent): event is FollowUpEvent {
  return event.type === "text" || event.type === "photo" || event.type === "location" || event.type === "clip";
}

/** The item a message carries. */
export function followUpItem(event: FollowUpEvent): FollowUpItem {
  switch (event.type) {
    case "text":
      return { kind: "text", text: event.text };
    case "photo":
      return {
        kind: "attachment",
        stored: storedAttachment({ kind: "photo", fileId: event.fileId }),
        ...(event.caption ? { caption: event.caption } : {}),
      };
    case "clip":
      return {
        kind: "attachment",
        stored: storedAttachment({ kind: event.kind, fileId: event.fileId }),
        ...(event.caption ? { caption: event.caption } : {}),
      };
    case "location":
      return { kind: "location", latitude: event.latitude, longitude: event.longitude };
    default: {
      const never: never = event;
      throw new Error(`unexpected follow-up ${JSON.stringify(never)}`);
    }
  }
}

const cap = (deps: Pick<TipDeps, "clock">) => ({
  perHour: FOLLOW_UPS_PER_HOUR,
  total: FOLLOW_UPS_PER_TIP,
  now: deps.clock.now(),
});

/**
 * Stores the items with the tip and relays them; answers once (`update` + `slot` name the answer, so
 * an album's photos, sharing one album key, get one). Items past the cap are not passed on, and the
 * person is told so.
 */
export async function relayFollowUps(input: {
  ctx: RequestContext;
  deps: TipDeps;
  tip: TipRecord;
  items: readonly FollowUpItem[];
  update: { platform: string; updateKey: string };
}): Promise<void> {
  const { ctx, deps, tip, update } = input;
  const officers = await currentRecipients({ deps, tip });
  const outbox: OutboxItem[] = [];
  for (const item of input.items) {
    const key = await record({ deps, tip, item });
    if (key === null) {
      await deps.outbox.enqueue(outbox);
      return replySealed({
        ctx,
        update,
        deps,
        slot: "followupcap",
        text: t("tips:followUp.limit", { code: tip.code, max: FOLLOW_UPS_PER_HOUR, total: FOLLOW_UPS_PER_TIP }),
      });
    }
    for (const officer of officers) {
      const chat = await deps.identity.upsertChat({
        platform: officer.platform,
        chatId: officer.platformUserId,
        kind: "private",
      });
      const locale = officer.locale ?? deps.settings.defaultLocale;
      outbox.push({
        key: `${key}:${officer.userId}`,
        to: { chatId: chat.id },
        priority: "interactive",
        source: { kind: "tip", id: tip.id },
        message: { locale, ...content(tip, item) },
      });
    }
  }
  await deps.outbox.enqueue(outbox);
  await replySealed({
    ctx,
    update,
    deps,
    slot: "followup",
    text: lines(t("tips:followUp.added", { code: tip.code }), ...hotlinesFor(tip.kind)),
  });
}

/** Stores one item within the cap; returns the key stem of its relays, or null when over the cap. */
async function record(input: { deps: TipDeps; tip: TipRecord; item: FollowUpItem }): Promise<string | null> {
  const { deps, tip, item } = input;
  if (item.kind === "location") {
    // A location replaces the tip's own; an empty follow-up row counts it against the cap.
    const counted = await deps.tips.addFollowUp({ tipId: tip.id }, cap(deps));
    if (!counted) return null;
    await deps.tips.setLocation({ id: tip.id, latitude: item.latitude, longitude: item.longitude });
    return `tip:${tip.id}:fu:${counted.id}`;
  }
  const fields =
    item.kind === "text"
      ? { text: item.text }
      : { photoFileId: item.stored, ...(item.caption ? { text: item.caption } : {}) };
  const message = await deps.tips.addFollowUp({ tipId: tip.id, ...fields }, cap(deps));
  return message ? `tip:${tip.id}:fu:${message.id}` : null;
}

/** The copy an officer gets: text, the photo or clip by file id, or the location — never a forwarded message. */
function content(tip: TipRecord, item: FollowUpItem): Omit<OutboundMessage, "locale"> {
  const buttons = [[{ text: t("tips:button.reply"), callback: tipData.ask(tip.id) }]];
  switch (item.kind) {
    case "text":
      return { text: t("tips:relay.fromTipster", { code: tip.code, text: item.text }), buttons };
    case "attachment": {
      const kind = readAttachment(item.stored).kind;
      const label =
        kind === "photo"
          ? t(item.caption ? "tips:relay.photoWithCaption" : "tips:relay.photo", {
              code: tip.code,
              text: item.caption ?? "",
            })
          : t(`tips:relay.clip.${kind}`, { code: tip.code });
      const text =
        kind !== "photo" && item.caption ? t("tips:relay.clipWithCaption", { clip: label, text: item.caption }) : label;
      return { text, buttons, ...attachmentMedia(item.stored) };
    }
    case "location":
      return {
        text: t("tips:relay.location", { code: tip.code }),
        buttons,
        location: { latitude: item.latitude, longitude: item.longitude },
      };
    default: {
      const never: never = item;
      throw new Error(`unexpected follow-up ${JSON.stringify(never)}`);
    }
  }
}
