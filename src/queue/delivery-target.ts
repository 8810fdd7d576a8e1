/**
 * Where a deliver job sends: the delivery's chat row, or the sealed address of a tipster opened
 * here and nowhere else, with the send limiter's per-chat key (a keyed hash for private chats).
 */
import type { Db } from "../db/client.js";
import type { ChatKind, PlatformName } from "../core/messages.js";
import { parseSealedChatPlain, sealedChatPlain, type Sealer } from "../core/seal.js";

export type DeliveryRow = NonNullable<Awaited<ReturnType<Db["delivery"]["findUnique"]>>> & {
  chat: Awaited<ReturnType<Db["chat"]["findUnique"]>>;
};

export interface Target {
  readonly platform: PlatformName;
  readonly platformChatId: string;
  readonly kind: ChatKind;
  /** The Chat row, when the target is not sealed. */
  readonly chatRowId: number | undefined;
  /** The limiter's per-chat key (a keyed hash for sealed targets). */
  readonly limiterKey: string;
  /** The forum topic the group registered from. */
  readonly threadId?: string;
}

/** Where a delivery goes, or why it cannot go anywhere (the reason, as the failed row records it). */
export function resolveTarget(delivery: DeliveryRow, sealer: Sealer | undefined): Target | string {
  if (delivery.chat) {
    const { chat } = delivery;
    if (!chat.active) return "chat_inactive";
    // A private chat is limited under the same key whether it is addressed by row or by seal (a
    // tipster gets both): the keyed hash of the sealed form, which never shows the chat id.
    const limiterKey =
      chat.kind === "private" && sealer
        ? `h:${sealer.hash(sealedChatPlain(chat.platform, chat.platformChatId))}`
        : chat.platformChatId;
    return {
      platform: chat.platform,
      platformChatId: chat.platformChatId,
      kind: chat.kind,
      chatRowId: chat.id,
      limiterKey,
      ...(chat.threadId ? { threadId: chat.threadId } : {}),
    };
  }
  if (delivery.sealedTarget && sealer) {
    try {
      const plain = sealer.unseal(delivery.sealedTarget);
      const { platform, chatId } = parseSealedChatPlain(plain);
      if (platform !== "telegram" && platform !== "zalo") return "seal_unreadable";
      // Rate-limit keys hold a keyed hash, never a tipster's chat id.
      return {
        platform,
        platformChatId: chatId,
        kind: "private",
        chatRowId: undefined,
        limiterKey: `h:${sealer.hash(plain)}`,
      };
    } catch {
      return "seal_unreadable";
    }
  }
  return "no_target";
}
