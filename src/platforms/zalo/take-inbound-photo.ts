/**
 * A photo someone sends on Zalo is kept at once (its link is temporary, ZALO.md); when it cannot be
 * (expired link, too big, too slow, not a picture), its caption still counts as what they wrote
 * and they are told that the photo is missing, so a tip or a follow-up never loses its words.
 */
import type { Logger } from "pino";
import type { InboundEvent } from "../../core/messages.js";
import type { Outbox } from "../../core/ports.js";
import { t, type Locale } from "../../core/text.js";
import type { IdentityStore } from "../../modules/identity/types.js";
import type { KeepInboundPhoto } from "./keep-inbound-photo.js";

type PhotoEvent = Extract<InboundEvent, { type: "photo" }>;

export interface TakeInboundPhotoDeps {
  readonly keep: KeepInboundPhoto;
  readonly outbox: Outbox;
  readonly identity: IdentityStore;
  readonly defaultLocale: Locale;
  readonly logger: Logger;
}

/** The event with our link in place of Zalo's; its caption as a text (or nothing) when the photo is lost. */
export async function takeInboundPhoto(event: PhotoEvent, deps: TakeInboundPhotoDeps): Promise<InboundEvent | null> {
  try {
    return { ...event, fileId: await deps.keep(event.fileId) };
  } catch (error) {
    // Not the link itself: it names the sender's photo on Zalo's servers.
    deps.logger.warn(
      { event: "zalo_photo_lost", reason: error instanceof Error ? error.message : String(error) },
      "a Zalo photo could not be downloaded; its caption is kept",
    );
  }
  const { user, chat } = await deps.identity.resolveActors(event.from, event.chat);
  await deps.outbox.enqueue([
    {
      key: `zalo-photo-missing:${event.messageId}`,
      to: { chatId: chat.id },
      priority: "interactive",
      message: { locale: user.locale ?? deps.defaultLocale, text: t("common:zalo.photoMissing") },
    },
  ]);
  if (!event.caption) return null;
  const { platform, updateKey, chat: chatRef, from, messageId } = event;
  return { platform, updateKey, chat: chatRef, from, messageId, type: "text", text: event.caption };
}
