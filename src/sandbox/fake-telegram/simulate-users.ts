/** Simulated people in chats: groups and private chats, their messages, button presses, raw updates. */
import { toApiMessage } from "./message-shapes.js";
import { openPrivateChat, textFields, type ChatAction, type UpdatePoster } from "./post-update.js";
import type { CallbackQuery, Chat, ChatMemberStatus, FakeUserInput, Message, Update, User } from "./types.js";
import type { UpdateQueue } from "./update-queue.js";
import { TINY_JPEG, type World } from "./world.js";

/** The kinds of clip a person can send, as the Bot API names their fields. */
export type ClipKind = "voice" | "video" | "video_note";

/** Builds realistic updates for what simulated people do, and queues them for the bot. */
export class UserSimulator {
  constructor(
    private readonly world: World,
    private readonly updates: UpdateQueue,
    private readonly poster: UpdatePoster,
  ) {}

  addGroup(options: {
    id: number;
    title: string;
    type?: "group" | "supergroup";
    username?: string;
    botStatus?: ChatMemberStatus;
    isForum?: boolean;
  }): Chat {
    if (options.id >= 0) throw new Error(`FakeTelegramServer.addGroup: group ids are negative, got ${options.id}`);
    const chat: Chat = {
      id: options.id,
      type: options.type ?? (options.id <= -1_000_000_000_000 || options.isForum ? "supergroup" : "group"),
      title: options.title,
    };
    if (options.isForum === true) {
      if (chat.type !== "supergroup") throw new Error("FakeTelegramServer.addGroup: only a supergroup can have topics");
      chat.is_forum = true;
    }
    if (options.username !== undefined) chat.username = options.username;
    this.world.addChat(chat, options.botStatus ?? "administrator");
    return chat;
  }

  addPrivateChatUser(input: FakeUserInput): User {
    return openPrivateChat(this.world, input);
  }

  setChatMemberStatus(chatId: number, userId: number, status: ChatMemberStatus): void {
    this.world.requireChat(chatId).members.set(userId, status);
  }

  sendText(options: ChatAction & { text: string; replyTo?: number }): Update {
    return this.poster.post(options, textFields(options.text), options.replyTo);
  }

  sendPhoto(
    options: ChatAction & {
      caption?: string;
      bytes?: Buffer | Uint8Array;
      asDocument?: boolean;
      replyTo?: number;
      mediaGroupId?: string;
    },
  ): Update {
    const bytes = options.bytes === undefined ? TINY_JPEG : Buffer.from(options.bytes);
    const fields: Partial<Message> = {
      ...(options.caption === undefined ? {} : { caption: options.caption }),
      ...(options.mediaGroupId === undefined ? {} : { media_group_id: options.mediaGroupId }),
    };
    if (options.asDocument === true) {
      const file = this.world.registerFile({ bytes, folder: "documents", extension: "jpg", mimeType: "image/jpeg" });
      fields.document = {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        file_name: "photo.jpg",
        mime_type: "image/jpeg",
        file_size: bytes.length,
      };
    } else {
      const thumb = this.world.registerFile({ bytes, folder: "photos", extension: "jpg", mimeType: "image/jpeg" });
      const full = this.world.registerFile({ bytes, folder: "photos", extension: "jpg", mimeType: "image/jpeg" });
      fields.photo = [
        { file_id: thumb.fileId, file_unique_id: thumb.fileUniqueId, width: 90, height: 68, file_size: bytes.length },
        { file_id: full.fileId, file_unique_id: full.fileUniqueId, width: 1280, height: 960, file_size: bytes.length },
      ];
    }
    return this.poster.post(options, fields, options.replyTo);
  }

  /** A voice note (`voice`), a video (`video`) or a round video note (`video_note`): a video note has no caption. */
  sendClip(options: ChatAction & { kind: ClipKind; caption?: string; mediaGroupId?: string }): Update {
    const bytes = Buffer.from(`fake ${options.kind} ${this.world.now()}`);
    const folder = options.kind === "voice" ? "voice" : options.kind === "video" ? "videos" : "video_notes";
    const file = this.world.registerFile({
      bytes,
      folder,
      extension: options.kind === "voice" ? "oga" : "mp4",
      mimeType: options.kind === "voice" ? "audio/ogg" : "video/mp4",
    });
    const ids = { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: bytes.length };
    const fields: Partial<Message> =
      options.kind === "voice"
        ? { voice: { ...ids, duration: 4, mime_type: "audio/ogg" } }
        : options.kind === "video"
          ? { video: { ...ids, width: 640, height: 360, duration: 4, mime_type: "video/mp4" } }
          : { video_note: { ...ids, length: 240, duration: 4 } };
    if (options.kind !== "video_note" && options.caption !== undefined) fields.caption = options.caption;
    if (options.kind === "video" && options.mediaGroupId !== undefined) fields.media_group_id = options.mediaGroupId;
    return this.poster.post(options, fields);
  }

  sendSticker(options: ChatAction & { emoji?: string }): Update {
    const file = this.world.registerFile({
      bytes: TINY_JPEG,
      folder: "documents",
      extension: "webp",
      mimeType: "image/webp",
    });
    return this.poster.post(options, {
      sticker: {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: options.emoji ?? "👍",
      },
    });
  }

  sendLocation(options: ChatAction & { latitude: number; longitude: number }): Update {
    return this.poster.post(options, { location: { latitude: options.latitude, longitude: options.longitude } });
  }

  pressButton(options: ChatAction & { messageId: number; data: string }): Update {
    const record = this.world.requireChat(options.chatId);
    const from = this.world.registerUser(options.from);
    const stored = record.botMessages.get(options.messageId);
    const query: CallbackQuery = {
      id: this.world.newCallbackQueryId(),
      from,
      // Telegram sends an inaccessible message (date 0) when the message is gone.
      message:
        stored === undefined || stored.deleted
          ? { chat: record.chat, message_id: options.messageId, date: 0 }
          : toApiMessage(this.world, stored),
      chat_instance: String(Math.abs(options.chatId) * 10 + (options.chatId < 0 ? 1 : 2)),
      data: options.data,
    };
    this.world.callbackQueries.set(query.id, { query, answered: false });
    return this.poster.deliver(record, { callback_query: query });
  }

  /** Queues anything as an update; well-formed messages and callback queries are remembered. */
  enqueueRawUpdate(update: unknown): void {
    if (typeof update === "object" && update !== null) {
      const fields = update as { message?: Message; callback_query?: CallbackQuery };
      const message = fields.message;
      if (typeof message?.message_id === "number" && typeof message.chat?.id === "number")
        this.world.storeUserMessage(message);
      const query = fields.callback_query;
      if (typeof query?.id === "string" && !this.world.callbackQueries.has(query.id)) {
        this.world.callbackQueries.set(query.id, { query, answered: false });
      }
    }
    this.updates.enqueue(update);
  }
}
