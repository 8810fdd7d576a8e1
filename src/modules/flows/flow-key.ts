/** Conversation keys. */
import type { ChatRecord } from "../../core/actors.js";
import { sealedChatPlain, type Sealer } from "../../core/seal.js";

/**
 * The key of a private chat's flow: a keyed hash of `platform:chatId`, so a flow row (which may hold
 * a tip draft) never names the person it belongs to.
 */
export function privateFlowKey(sealer: Sealer, chat: Pick<ChatRecord, "platform" | "platformChatId">): string {
  return `dm:${sealer.hash(sealedChatPlain(chat.platform, chat.platformChatId))}`;
}
