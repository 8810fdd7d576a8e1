/**
 * Minimal Bot API shapes produced by the fake Telegram server — what goes over the wire.
 * Deliberately independent of telegraf's typings.
 */

/** A Telegram user or bot (Bot API `User`). */
export interface User {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  can_join_groups?: boolean;
  can_read_all_group_messages?: boolean;
  supports_inline_queries?: boolean;
}

/** What a test passes to describe a simulated person; `is_bot` defaults to false. */
export interface FakeUserInput {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_bot?: boolean;
}

export type ChatType = "private" | "group" | "supergroup";

/** Bot API `Chat`. */
export interface Chat {
  id: number;
  type: ChatType;
  title?: string;
  /** A supergroup with topics. */
  is_forum?: boolean;
  username?: string;
  first_name?: string;
  last_name?: string;
}

/** Bot API `MessageEntity`; offsets and lengths are in UTF-16 code units. */
export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

export interface PhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size?: number;
}

export interface Document {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface Location {
  latitude: number;
  longitude: number;
}

export interface InlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  [field: string]: unknown;
}

/** Any of the four reply markups; only the inline keyboard is looked into. */
export interface ReplyMarkup {
  inline_keyboard?: InlineKeyboardButton[][];
  keyboard?: unknown[][];
  remove_keyboard?: boolean;
  force_reply?: boolean;
  [field: string]: unknown;
}

export interface MessageOrigin {
  type: "user" | "chat";
  date: number;
  sender_user?: User;
  sender_chat?: Chat;
}

/** Bot API `Voice`. */
export interface Voice {
  file_id: string;
  file_unique_id: string;
  duration: number;
  mime_type?: string;
  file_size?: number;
}

/** Bot API `Video`. */
export interface Video {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  duration: number;
  mime_type?: string;
  file_size?: number;
}

/** Bot API `VideoNote` (a round video). */
export interface VideoNote {
  file_id: string;
  file_unique_id: string;
  length: number;
  duration: number;
  file_size?: number;
}

/** Bot API `Sticker`, the fields this fake fills in. */
export interface Sticker {
  file_id: string;
  file_unique_id: string;
  type: "regular";
  width: number;
  height: number;
  is_animated: boolean;
  is_video: boolean;
  emoji?: string;
}

/** Bot API `Message`, with the fields this fake produces. */
export interface Message {
  message_id: number;
  /** In a forum supergroup, the topic the message belongs to. */
  message_thread_id?: number;
  is_topic_message?: boolean;
  from?: User;
  /** Set when the message was sent on behalf of a chat (an anonymous group admin: the group itself). */
  sender_chat?: Chat;
  chat: Chat;
  date: number;
  edit_date?: number;
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  caption_entities?: MessageEntity[];
  photo?: PhotoSize[];
  document?: Document;
  voice?: Voice;
  video?: Video;
  video_note?: VideoNote;
  sticker?: Sticker;
  /** Photos and videos sent together as an album share it. */
  media_group_id?: string;
  location?: Location;
  reply_to_message?: Message;
  reply_markup?: ReplyMarkup;
  forward_origin?: MessageOrigin;
  migrate_to_chat_id?: number;
  migrate_from_chat_id?: number;
}

/** What a callback query carries when the message is unknown or too old. */
export interface InaccessibleMessage {
  chat: Chat;
  message_id: number;
  date: 0;
}

export interface CallbackQuery {
  id: string;
  from: User;
  message?: Message | InaccessibleMessage;
  chat_instance: string;
  data?: string;
}

export type ChatMemberStatus = "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";

/** Bot API `ChatMember` (the union flattened; only the fields this fake fills in). */
export interface ChatMember {
  status: ChatMemberStatus;
  user: User;
  is_anonymous?: boolean;
  can_be_edited?: boolean;
  can_manage_chat?: boolean;
  can_delete_messages?: boolean;
  can_restrict_members?: boolean;
  can_promote_members?: boolean;
  can_change_info?: boolean;
  can_invite_users?: boolean;
  can_pin_messages?: boolean;
  until_date?: number;
}

export interface ChatMemberUpdated {
  chat: Chat;
  from: User;
  date: number;
  old_chat_member: ChatMember;
  new_chat_member: ChatMember;
}

/** Bot API `Update` as built by the user simulation. Raw updates may be anything. */
export interface Update {
  update_id: number;
  message?: Message;
  edited_message?: Message;
  callback_query?: CallbackQuery;
  my_chat_member?: ChatMemberUpdated;
}
