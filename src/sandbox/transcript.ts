/**
 * What the web chat shows of a chat: the bot's messages and the people's, merged in message-id
 * order, as plain text plus Telegram's entities (the browser builds DOM nodes from them with
 * textContent, so no markup sent by the bot or typed by a person is ever parsed as HTML).
 */
import type { FakeTelegramServer, Message, MessageEntity, ReplyMarkup, StoredMessage } from "./fake-telegram/index.js";
import { findPersona } from "./personas.js";

export interface EntityView {
  readonly type: string;
  readonly offset: number;
  readonly length: number;
  readonly url?: string;
}

export interface ButtonView {
  readonly text: string;
  readonly data?: string;
  readonly url?: string;
}

export interface MessageView {
  readonly id: number;
  readonly chatId: number;
  readonly from: { readonly kind: "bot" } | { readonly kind: "person"; readonly id: number; readonly name: string };
  /** Unix seconds. */
  readonly date: number;
  readonly edited: boolean;
  readonly text: string;
  readonly entities: readonly EntityView[];
  /** Where the browser loads the picture from (`/sandbox/api/files/<file_id>`). */
  readonly photoUrl?: string;
  readonly document?: { readonly name: string; readonly url?: string };
  readonly location?: { readonly latitude: number; readonly longitude: number };
  readonly replyTo?: { readonly id: number; readonly author: string; readonly text: string };
  readonly keyboard: readonly (readonly ButtonView[])[];
}

/** Formatting the page knows how to draw; anything else is shown as plain text. */
const SHOWN_ENTITIES = new Set([
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "code",
  "pre",
  "text_link",
  "spoiler",
  "blockquote",
  "bot_command",
]);

type AnyMessage = { readonly bot: StoredMessage } | { readonly user: Message };

/** The file URL the web API serves bytes of a Telegram file from. */
export const fileUrl = (fileId: string): string => `/sandbox/api/files/${encodeURIComponent(fileId)}`;

/** Every message of a chat the page shows, oldest first. */
export function chatTranscript(fake: FakeTelegramServer, chatId: number): MessageView[] {
  const all = indexChat(fake, chatId);
  return [...all.keys()]
    .sort((a, b) => a - b)
    .flatMap((id) => {
      const message = all.get(id);
      return message === undefined ? [] : [toView(message, all, chatId)];
    });
}

/** One bot message as the page shows it (for live events). */
export function botMessageView(fake: FakeTelegramServer, message: StoredMessage): MessageView {
  return toView({ bot: message }, indexChat(fake, message.chatId), message.chatId);
}

/** One message a person sent, as the page shows it (for live events). */
export function userMessageView(fake: FakeTelegramServer, message: Message): MessageView {
  return toView({ user: message }, indexChat(fake, message.chat.id), message.chat.id);
}

function indexChat(fake: FakeTelegramServer, chatId: number): Map<number, AnyMessage> {
  const all = new Map<number, AnyMessage>();
  for (const user of fake.userMessagesIn(chatId)) all.set(user.message_id, { user });
  for (const bot of fake.messagesIn(chatId)) all.set(bot.messageId, { bot });
  return all;
}

function toView(message: AnyMessage, chat: ReadonlyMap<number, AnyMessage>, chatId: number): MessageView {
  const base = "bot" in message ? botFields(message.bot) : userFields(message.user);
  const replyId = "bot" in message ? message.bot.replyToMessageId : message.user.reply_to_message?.message_id;
  const target = replyId === undefined ? undefined : chat.get(replyId);
  const replyTo =
    replyId === undefined || target === undefined
      ? undefined
      : { id: replyId, author: authorOf(target), text: clip(textOf(target)) };
  return { ...base, chatId, ...(replyTo ? { replyTo } : {}) };
}

function botFields(stored: StoredMessage): Omit<MessageView, "chatId" | "replyTo"> {
  const photoUrl =
    stored.photo?.bytes !== undefined && stored.photo.bytes.length > 0 ? fileUrl(stored.photo.fileId) : undefined;
  const doc = stored.document;
  const document =
    doc === undefined
      ? undefined
      : { name: doc.filename ?? "file", ...(doc.bytes && doc.bytes.length > 0 ? { url: fileUrl(doc.fileId) } : {}) };
  return {
    id: stored.messageId,
    from: { kind: "bot" },
    date: stored.date,
    edited: stored.edits.length > 0,
    text: stored.plainText,
    entities: entityViews(stored.entities),
    ...(photoUrl ? { photoUrl } : {}),
    ...(document ? { document } : {}),
    ...(stored.location ? { location: stored.location } : {}),
    keyboard: keyboardOf(stored.replyMarkup),
  };
}

function userFields(message: Message): Omit<MessageView, "chatId" | "replyTo"> {
  const id = message.from?.id ?? 0;
  const largest = message.photo?.at(-1);
  return {
    id: message.message_id,
    from: { kind: "person", id, name: findPersona(id)?.name ?? message.from?.first_name ?? "?" },
    date: message.date,
    edited: message.edit_date !== undefined,
    text: message.text ?? message.caption ?? "",
    entities: entityViews(message.entities ?? message.caption_entities ?? []),
    ...(largest ? { photoUrl: fileUrl(largest.file_id) } : {}),
    ...(message.location ? { location: message.location } : {}),
    keyboard: [],
  };
}

function entityViews(entities: readonly MessageEntity[]): EntityView[] {
  return entities
    .filter((entity) => SHOWN_ENTITIES.has(entity.type))
    .map((entity) => {
      const view: EntityView = { type: entity.type, offset: entity.offset, length: entity.length };
      // Only web links become clickable: a javascript: or data: URL from the bot is dropped.
      return entity.url !== undefined && /^https?:\/\//i.test(entity.url) ? { ...view, url: entity.url } : view;
    });
}

function keyboardOf(markup: ReplyMarkup | undefined): ButtonView[][] {
  return (markup?.inline_keyboard ?? []).map((row) =>
    row.map((button) => ({
      text: button.text,
      ...(button.callback_data !== undefined ? { data: button.callback_data } : {}),
      ...(typeof button.url === "string" ? { url: button.url } : {}),
    })),
  );
}

function authorOf(message: AnyMessage): string {
  if ("bot" in message) return "Kẻng";
  const id = message.user.from?.id ?? 0;
  return findPersona(id)?.name ?? message.user.from?.first_name ?? "?";
}

function textOf(message: AnyMessage): string {
  if ("bot" in message) return message.bot.plainText || (message.bot.photo ? "🖼" : message.bot.location ? "📍" : "");
  const user = message.user;
  return user.text ?? user.caption ?? (user.photo ? "🖼" : user.location ? "📍" : "");
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 90 ? `${line.slice(0, 89)}…` : line;
}
