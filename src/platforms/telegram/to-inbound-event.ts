/** Turns a Telegram update into the platform-agnostic InboundEvent (or null when Kẻng ignores it). */
import type { Update, Chat, User, Message } from "telegraf/types";
import type { ChatRef, InboundEvent, UserRef } from "../../core/messages.js";
import { parseCommand } from "../../core/parse-command.js";
import { withStorableStrings } from "../../core/storable-text.js";

export { parseCommand };

function chatRef(chat: Chat): ChatRef | null {
  if (chat.type === "private") return { platform: "telegram", chatId: String(chat.id), kind: "private" };
  if (chat.type === "group" || chat.type === "supergroup")
    return { platform: "telegram", chatId: String(chat.id), kind: "group", title: chat.title };
  return null; // channels are not served
}

function userRef(user: User): UserRef {
  const displayName = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return {
    platform: "telegram",
    userId: String(user.id),
    ...(displayName ? { displayName } : {}),
    ...(user.username ? { username: user.username } : {}),
    ...(user.language_code ? { languageCode: user.language_code } : {}),
  };
}

function fromMessage(
  message: Message,
  base: { updateKey: string; chat: ChatRef; from: UserRef },
  botUsername: string | undefined,
): InboundEvent | null {
  const common = { platform: "telegram" as const, ...base, messageId: String(message.message_id) };
  const replyTo =
    "reply_to_message" in message && message.reply_to_message
      ? { replyToMessageId: String(message.reply_to_message.message_id) }
      : {};
  if ("migrate_to_chat_id" in message && message.migrate_to_chat_id) {
    return { platform: "telegram", ...base, type: "migrated", newChatId: String(message.migrate_to_chat_id) };
  }
  if ("text" in message && typeof message.text === "string") {
    if (message.text.startsWith("/")) {
      const parsed = parseCommand(message.text, botUsername);
      if (!parsed) return null;
      return {
        ...common,
        ...replyTo,
        type: "command",
        command: parsed.command,
        args: parsed.args,
        addressedToBot: parsed.addressed,
        ...senderOf(message),
      };
    }
    return { ...common, ...replyTo, type: "text", text: message.text };
  }
  if ("photo" in message && message.photo.length > 0) {
    const largest = message.photo[message.photo.length - 1];
    if (!largest) return null;
    return {
      ...common,
      type: "photo",
      fileId: largest.file_id,
      ...captionOf(message),
      uncompressed: false,
      ...albumOf(message),
    };
  }
  if ("document" in message && !("animation" in message) && message.document.mime_type?.startsWith("image/")) {
    return {
      ...common,
      type: "photo",
      fileId: message.document.file_id,
      ...captionOf(message),
      uncompressed: true,
      ...albumOf(message),
    };
  }
  if ("location" in message) {
    return { ...common, type: "location", latitude: message.location.latitude, longitude: message.location.longitude };
  }
  if ("voice" in message)
    return { ...common, type: "clip", kind: "voice", fileId: message.voice.file_id, ...captionOf(message) };
  if ("video_note" in message)
    return { ...common, type: "clip", kind: "videoNote", fileId: message.video_note.file_id };
  if ("video" in message)
    return {
      ...common,
      type: "clip",
      kind: "video",
      fileId: message.video.file_id,
      ...captionOf(message),
      ...albumOf(message),
    };
  // What a person sent in private that Kẻng cannot take (sticker, other file, contact, poll…) is answered, not dropped.
  if (base.chat.kind === "private" && UNSUPPORTED_CONTENT.some((field) => field in message))
    return { ...common, type: "unsupported" };
  return null;
}

/**
 * An anonymous group admin writes as GroupAnonymousBot with `sender_chat` set to the group; in a
 * forum, `message_thread_id` names the topic (only on topic messages: elsewhere it names a reply thread).
 */
function senderOf(message: Message): { onBehalfOfChat?: true; threadId?: string } {
  const onBehalf = "sender_chat" in message && message.sender_chat ? { onBehalfOfChat: true as const } : {};
  const topic =
    message.is_topic_message && message.message_thread_id !== undefined
      ? { threadId: String(message.message_thread_id) }
      : {};
  return { ...onBehalf, ...topic };
}

const UNSUPPORTED_CONTENT = [
  "sticker",
  "document",
  "audio",
  "animation",
  "contact",
  "poll",
  "dice",
  "story",
  "game",
] as const;

function captionOf(message: Message): { caption?: string } {
  return "caption" in message && message.caption ? { caption: message.caption } : {};
}

function albumOf(message: Message): { mediaGroupId?: string } {
  return "media_group_id" in message && message.media_group_id ? { mediaGroupId: message.media_group_id } : {};
}

export function toInboundEvent(update: Update, botUsername: string | undefined): InboundEvent | null {
  const event = readUpdate(update, botUsername);
  // What people wrote (names, texts, button data) may hold characters PostgreSQL cannot store.
  return event && withStorableStrings(event);
}

function readUpdate(update: Update, botUsername: string | undefined): InboundEvent | null {
  const updateKey = String(update.update_id);
  if ("message" in update && update.message.from) {
    const chat = chatRef(update.message.chat);
    if (!chat) return null;
    return fromMessage(update.message, { updateKey, chat, from: userRef(update.message.from) }, botUsername);
  }
  if ("callback_query" in update) {
    const query = update.callback_query;
    const message = query.message;
    if (!message || !("data" in query) || typeof query.data !== "string") return null;
    const chat = chatRef(message.chat);
    if (!chat) return null;
    return {
      platform: "telegram",
      type: "button",
      updateKey,
      chat,
      from: userRef(query.from),
      data: query.data,
      callbackId: query.id,
      messageId: String(message.message_id),
    };
  }
  if ("my_chat_member" in update) {
    const change = update.my_chat_member;
    const chat = chatRef(change.chat);
    if (!chat) return null;
    const status = change.new_chat_member.status;
    const present =
      status === "member" ||
      status === "administrator" ||
      (status === "restricted" && change.new_chat_member.is_member);
    return {
      platform: "telegram",
      type: "membership",
      updateKey,
      chat,
      from: userRef(change.from),
      status: present ? "added" : "removed",
    };
  }
  return null;
}
