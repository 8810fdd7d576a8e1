import { badRequest } from "./api-error.js";
import { countCharacters, formatText, type FormattedText } from "./html-text.js";
import type { Params } from "./params.js";
import type {
  ChatMember,
  ChatMemberStatus,
  InlineKeyboardButton,
  Message,
  ReplyMarkup,
  SentFile,
  StoredMessage,
  User,
} from "./types.js";
import type { World } from "./world.js";

export const MAX_TEXT = 4096;
export const MAX_CAPTION = 1024;
const MAX_CALLBACK_DATA_BYTES = 64;
const BUTTON_ACTIONS = [
  "callback_data",
  "url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "login_url",
  "web_app",
  "pay",
  "callback_game",
  "copy_text",
];

/** Message text after `parse_mode`, checked against Telegram's 1..4096 characters. */
export function readMessageText(params: Params): FormattedText {
  const source = params.string("text") ?? "";
  const formatted = formatText(source, params.string("parse_mode"), params.raw["entities"]);
  if (formatted.text.trim() === "") throw badRequest("message text is empty");
  if (countCharacters(formatted.text) > MAX_TEXT) throw badRequest("message is too long");
  return formatted;
}

/** An optional caption after `parse_mode`, checked against 1024 characters. */
export function readCaption(params: Params): FormattedText | undefined {
  const source = params.string("caption");
  if (source === undefined) return undefined;
  const formatted = formatText(source, params.string("parse_mode"), params.raw["caption_entities"]);
  if (countCharacters(formatted.text) > MAX_CAPTION) throw badRequest("message caption is too long");
  return formatted;
}

/** `reply_markup`, validated like Telegram validates inline keyboards. */
export function readReplyMarkup(params: Params): ReplyMarkup | undefined {
  const raw = params.raw["reply_markup"];
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (typeof raw !== "object" || Array.isArray(raw)) throw badRequest("can't parse reply keyboard markup JSON object");
  const markup = raw as ReplyMarkup;
  const keyboard: unknown = markup.inline_keyboard;
  if (keyboard === undefined) return markup;
  if (!Array.isArray(keyboard) || !keyboard.every((row) => Array.isArray(row))) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  for (const row of keyboard as unknown[][]) for (const button of row) checkButton(button);
  return markup;
}

function checkButton(button: unknown): void {
  if (typeof button !== "object" || button === null)
    throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  const fields = button as Record<string, unknown>;
  if (typeof fields["text"] !== "string")
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  if (!BUTTON_ACTIONS.some((action) => fields[action] !== undefined)) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  const data = fields["callback_data"];
  if (data !== undefined) {
    const bytes = typeof data === "string" ? Buffer.byteLength(data, "utf8") : 0;
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest("BUTTON_DATA_INVALID");
  }
  const url = fields["url"];
  if (url !== undefined && (typeof url !== "string" || !/^(https?|tg):\/\/\S+$/i.test(url))) {
    throw badRequest(`inline keyboard button URL '${String(url)}' is invalid: Wrong HTTP URL`);
  }
}

/** The message id to reply to, from `reply_to_message_id` or `reply_parameters.message_id`. */
export function readReplyTo(params: Params): { messageId: number; allowWithoutReply: boolean } | undefined {
  const parameters = params.object("reply_parameters");
  const nested = parameters?.["message_id"];
  const messageId = typeof nested === "number" ? nested : params.int("reply_to_message_id");
  if (messageId === undefined) return undefined;
  const allowWithoutReply =
    parameters?.["allow_sending_without_reply"] === true || params.bool("allow_sending_without_reply") === true;
  return { messageId, allowWithoutReply };
}

export function flattenButtons(markup: ReplyMarkup | undefined): InlineKeyboardButton[] {
  return markup?.inline_keyboard?.flat() ?? [];
}

/** The Bot API `Message` for a bot message, in its current state. */
export function toApiMessage(world: World, stored: StoredMessage, withReply = true): Message {
  const record = world.chats.get(stored.chatId);
  const chat = record?.chat ?? { id: stored.chatId, type: stored.chatId < 0 ? "group" : "private" };
  const message: Message = { message_id: stored.messageId, from: world.bot, chat, date: stored.date };
  if (stored.threadId !== undefined)
    Object.assign(message, { message_thread_id: stored.threadId, is_topic_message: true });
  if (stored.editDate !== undefined) message.edit_date = stored.editDate;
  if (stored.text !== undefined) {
    message.text = stored.plainText;
    if (stored.entities.length > 0) message.entities = stored.entities;
  } else if (stored.caption !== undefined) {
    message.caption = stored.plainText;
    if (stored.entities.length > 0) message.caption_entities = stored.entities;
  }
  if (stored.photo !== undefined) {
    const { fileId, fileUniqueId, size } = stored.photo;
    message.photo = [
      {
        file_id: fileId,
        file_unique_id: fileUniqueId,
        width: 800,
        height: 600,
        ...(size === undefined ? {} : { file_size: size }),
      },
    ];
  }
  if (stored.document !== undefined) {
    const { fileId, fileUniqueId, filename, mimeType, size } = stored.document;
    message.document = { file_id: fileId, file_unique_id: fileUniqueId };
    if (filename !== undefined) message.document.file_name = filename;
    if (mimeType !== undefined) message.document.mime_type = mimeType;
    if (size !== undefined) message.document.file_size = size;
  }
  if (stored.voice !== undefined)
    message.voice = {
      file_id: stored.voice.fileId,
      file_unique_id: stored.voice.fileUniqueId,
      duration: 3,
      ...sizeOf(stored.voice),
    };
  if (stored.video !== undefined)
    message.video = {
      file_id: stored.video.fileId,
      file_unique_id: stored.video.fileUniqueId,
      width: 640,
      height: 360,
      duration: 3,
      ...sizeOf(stored.video),
    };
  if (stored.videoNote !== undefined)
    message.video_note = {
      file_id: stored.videoNote.fileId,
      file_unique_id: stored.videoNote.fileUniqueId,
      length: 240,
      duration: 3,
      ...sizeOf(stored.videoNote),
    };
  if (stored.location !== undefined) message.location = stored.location;
  if (stored.replyMarkup?.inline_keyboard !== undefined)
    message.reply_markup = { inline_keyboard: stored.replyMarkup.inline_keyboard };
  if (stored.forwardedFrom !== undefined) message.forward_origin = forwardOrigin(world, stored);
  if (withReply && stored.replyToMessageId !== undefined && record !== undefined) {
    const target = world.findMessage(record, stored.replyToMessageId);
    if (target !== undefined)
      message.reply_to_message = "bot" in target ? toApiMessage(world, target.bot, false) : stripReply(target.user);
  }
  return message;
}

function forwardOrigin(world: World, stored: StoredMessage): Message["forward_origin"] {
  const source = stored.forwardedFrom;
  const record = source === undefined ? undefined : world.chats.get(source.chatId);
  const original =
    source === undefined || record === undefined ? undefined : world.findMessage(record, source.messageId);
  const sender = original === undefined ? world.bot : "bot" in original ? world.bot : original.user.from;
  const date = original === undefined ? stored.date : "bot" in original ? original.bot.date : original.user.date;
  return sender === undefined ? { type: "user", date } : { type: "user", date, sender_user: sender };
}

export function stripReply(message: Message): Message {
  const { reply_to_message: _omitted, ...rest } = message;
  return rest;
}

/** A `ChatMember` with the rights Telegram reports for that status. */
export function chatMember(user: User, status: ChatMemberStatus): ChatMember {
  if (status === "administrator") {
    return {
      status,
      user,
      is_anonymous: false,
      can_be_edited: false,
      can_manage_chat: true,
      can_delete_messages: true,
      can_restrict_members: true,
      can_promote_members: false,
      can_change_info: true,
      can_invite_users: true,
      can_pin_messages: true,
    };
  }
  if (status === "creator") return { status, user, is_anonymous: false };
  if (status === "kicked") return { status, user, until_date: 0 };
  return { status, user };
}

function sizeOf(file: SentFile): { file_size?: number } {
  return file.size === undefined ? {} : { file_size: file.size };
}
