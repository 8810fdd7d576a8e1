/** Builds one inbound event's request context: the actors, the reader's locale, and a reply keyed by the update (a redelivery sends nothing new). */
import type { ChatRecord, UserRecord } from "../core/actors.js";
import type { RequestContext } from "../core/commands.js";
import type { InboundEvent } from "../core/messages.js";
import type { Outbox } from "../core/ports.js";
import { localeFromLanguageCode, type Locale } from "../core/text.js";
import type { Access } from "../modules/areas/access.js";

export function buildRequestContext(
  deps: { readonly access: Access; readonly outbox: Outbox; readonly defaultLocale: Locale },
  event: InboundEvent,
  user: UserRecord,
  chat: ChatRecord,
): RequestContext {
  const locale: Locale =
    chat.kind === "private"
      ? (user.locale ?? localeFromLanguageCode(event.from.languageCode) ?? deps.defaultLocale)
      : (chat.locale ?? deps.defaultLocale);
  let sent = 0;
  const replyTo =
    chat.kind === "group" && "messageId" in event && event.type !== "button" ? event.messageId : undefined;
  return {
    user,
    chat,
    locale,
    isSuperadmin: deps.access.isSuperadmin(user),
    reply: async (text, options) => {
      sent += 1;
      await deps.outbox.enqueue([
        {
          // Derived from the update: a redelivered update re-creates the same key and sends nothing new.
          key: `r:${event.platform}:${event.updateKey}:${sent}`,
          to: { chatId: chat.id },
          priority: "interactive",
          message: {
            locale: options?.locale ?? locale,
            text,
            ...(options?.buttons ? { buttons: options.buttons } : {}),
            ...(options?.photo ? { photo: options.photo } : {}),
            ...(options?.expectsText ? { expectsText: true } : {}),
            ...(replyTo ? { replyToMessageId: replyTo } : {}),
          },
        },
      ]);
    },
  };
}
