import { requireTopic } from "./forum-topics.js";
import { chatMember, stripReply, toApiMessage } from "./message-shapes.js";
import type {
  CallbackQuery,
  Chat,
  ChatMemberStatus,
  FakeUserInput,
  Message,
  MessageEntity,
  Update,
  User,
} from "./types.js";
import type { UpdateQueue } from "./update-queue.js";
import { TINY_JPEG, type ChatRecord, type World } from "./world.js";

/** Who does something in a chat, and where. */
export interface ChatAction {
  chatId: number;
  from: FakeUserInput;
  /** A group admin who "remains anonymous": the message comes from GroupAnonymousBot on behalf of the group. */
  asAnonymousAdmin?: boolean;
  /** In a forum supergroup, the topic written in (see addForumTopic). */
  threadId?: number;
}

/** Who Telegram names as the sender of an anonymous group admin's messages. */
export const GROUP_ANONYMOUS_BOT: FakeUserInput = {
  id: 1087968824,
  is_bot: true,
  first_name: "Group",
  username: "GroupAnonymousBot",
};

/** The kinds of clip a person can send, as the Bot API names their fields. */
export type ClipKind = "voice" | "video" | "video_note";

const TELEGRAM_SERVICE_USER: FakeUserInput = { id: 777000, first_name: "Telegram" };

/** Builds realistic updates for what simulated people do, and queues them for the bot. */
export class UserSimulator {
  constructor(
    private readonly world: World,
    private readonly updates: UpdateQueue,
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
    const user = this.world.registerUser(input);
    const chat: Chat = { id: user.id, type: "private", first_name: user.first_name };
    if (user.last_name !== undefined) chat.last_name = user.last_name;
    if (user.username !== undefined) chat.username = user.username;
    this.world.addChat(chat, "member");
    return user;
  }

  setChatMemberStatus(chatId: number, userId: number, status: ChatMemberStatus): void {
    this.world.requireChat(chatId).members.set(userId, status);
  }

  sendText(options: ChatAction & { text: string; replyTo?: number }): Update {
    const command = /^\/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,64})?/.exec(options.text);
    const entities: MessageEntity[] =
      command === null ? [] : [{ type: "bot_command", offset: 0, length: command[0].length }];
    const fields: Partial<Message> = { text: options.text, ...(entities.length > 0 ? { entities } : {}) };
    return this.post(options, fields, options.replyTo);
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
    return this.post(options, fields, options.replyTo);
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
    return this.post(options, fields);
  }

  sendSticker(options: ChatAction & { emoji?: string }): Update {
    const file = this.world.registerFile({
      bytes: TINY_JPEG,
      folder: "documents",
      extension: "webp",
      mimeType: "image/webp",
    });
    return this.post(options, {
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
    return this.post(options, { location: { latitude: options.latitude, longitude: options.longitude } });
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
    return this.deliver(record, { callback_query: query });
  }

  addBotToGroup(options: {
    chatId: number;
    by: FakeUserInput;
    title?: string;
    status?: "member" | "administrator";
  }): Update {
    const record =
      this.world.chats.get(options.chatId) ??
      this.world.addChat(
        {
          id: options.chatId,
          type: options.chatId <= -1_000_000_000_000 ? "supergroup" : "group",
          title: options.title ?? `Group ${-options.chatId}`,
        },
        "left",
      );
    // Telegram adds a bot as a plain member unless the person grants it admin rights.
    const status = options.status ?? "member";
    const before = record.botStatus === status ? "left" : record.botStatus;
    return this.changeBotStatus(record, options.by, before, status);
  }

  /**
   * `https://t.me/<bot>?startgroup=<payload>` as Telegram's apps do it: the person picks a group, the
   * bot is added (`my_chat_member`, unless it is already there) and `/start@<bot> <payload>` is sent
   * in the group from that person (messages.startBot). Returns the `/start` message's update.
   */
  startGroupLink(options: {
    chatId: number;
    by: FakeUserInput;
    payload: string;
    title?: string;
    status?: "member" | "administrator";
  }): Update {
    // Telegram accepts up to 64 characters of A-Za-z0-9_- (START_PARAM_INVALID otherwise).
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(options.payload))
      throw new Error(`FakeTelegramServer.startGroupLink: START_PARAM_INVALID ${JSON.stringify(options.payload)}`);
    const known = this.world.chats.get(options.chatId);
    const adder = known?.members.get(options.by.id);
    // Only groups the person is in (and may add members to) are offered by the app.
    if (adder === "left" || adder === "kicked" || adder === "restricted")
      throw new Error(
        `FakeTelegramServer.startGroupLink: user ${options.by.id} cannot add members to ${options.chatId}`,
      );
    const inGroup = known !== undefined && (known.botStatus === "member" || known.botStatus === "administrator");
    if (!inGroup)
      this.addBotToGroup({
        chatId: options.chatId,
        by: options.by,
        status: options.status ?? "member",
        ...(options.title === undefined ? {} : { title: options.title }),
      });
    if (known === undefined) this.world.requireChat(options.chatId).members.set(options.by.id, "creator");
    const bot = this.world.bot.username ?? "";
    return this.sendText({ chatId: options.chatId, from: options.by, text: `/start@${bot} ${options.payload}` });
  }

  removeBotFromGroup(options: { chatId: number; by: FakeUserInput }): Update {
    const record = this.world.requireChat(options.chatId);
    return this.changeBotStatus(record, options.by, record.botStatus, "kicked");
  }

  private changeBotStatus(
    record: ChatRecord,
    by: FakeUserInput,
    before: ChatMemberStatus,
    after: ChatMemberStatus,
  ): Update {
    const from = this.world.registerUser(by);
    record.botStatus = after;
    return this.deliver(
      record,
      {
        my_chat_member: {
          chat: record.chat,
          from,
          date: this.world.now(),
          old_chat_member: chatMember(this.world.bot, before),
          new_chat_member: chatMember(this.world.bot, after),
        },
      },
      true,
    );
  }

  /** Upgrades a group: `migrate_to_chat_id` in the old chat, then `migrate_from_chat_id` in the new one. */
  migrateGroup(oldId: number, newId: number, by?: FakeUserInput): Update {
    const old = this.world.requireChat(oldId);
    if (old.chat.type !== "group") throw new Error(`FakeTelegramServer.migrateGroup: ${oldId} is not a basic group`);
    const title = old.chat.title ?? `Group ${-newId}`;
    const target = this.world.addChat({ id: newId, type: "supergroup", title }, old.botStatus);
    for (const [userId, status] of old.members) target.members.set(userId, status);
    const actor = by ?? TELEGRAM_SERVICE_USER;
    const update = this.post({ chatId: oldId, from: actor }, { migrate_to_chat_id: newId });
    old.migratedTo = newId;
    this.post({ chatId: newId, from: actor }, { migrate_from_chat_id: oldId });
    return update;
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

  private post(action: ChatAction, fields: Partial<Message>, replyTo?: number): Update {
    const record = this.chatFor(action);
    if (record.migratedTo !== undefined)
      throw new Error(`FakeTelegramServer: chat ${action.chatId} was migrated to ${record.migratedTo}`);
    const message: Message = {
      message_id: this.world.allocateMessageId(record),
      from: this.world.registerUser(action.asAnonymousAdmin ? this.anonymousAdmin(record, action.from) : action.from),
      ...(action.asAnonymousAdmin ? { sender_chat: record.chat } : {}),
      chat: record.chat,
      date: this.world.now(),
      ...fields,
    };
    if (action.threadId !== undefined) {
      requireTopic(record, action.threadId);
      Object.assign(message, { message_thread_id: action.threadId, is_topic_message: true });
    }
    if (replyTo !== undefined) message.reply_to_message = this.replyTarget(record, replyTo);
    this.world.storeUserMessage(message);
    return this.deliver(record, { message });
  }

  /** Only an administrator of a group may remain anonymous there. */
  private anonymousAdmin(record: ChatRecord, person: FakeUserInput): FakeUserInput {
    const status = record.members.get(person.id);
    if (record.chat.type === "private" || (status !== "administrator" && status !== "creator")) {
      throw new Error(
        `FakeTelegramServer: user ${person.id} is not an administrator of ${record.chat.id} and cannot post anonymously`,
      );
    }
    return GROUP_ANONYMOUS_BOT;
  }

  private replyTarget(record: ChatRecord, messageId: number): Message {
    const found = this.world.findMessage(record, messageId);
    if (found === undefined)
      throw new Error(`FakeTelegramServer: no message ${messageId} in chat ${record.chat.id} to reply to`);
    return "bot" in found ? toApiMessage(this.world, found.bot, false) : stripReply(found.user);
  }

  /** The chat a person writes in; a private chat is opened when someone writes to the bot. */
  private chatFor(action: ChatAction): ChatRecord {
    const existing = this.world.chats.get(action.chatId);
    if (existing !== undefined) return existing;
    if (action.chatId === action.from.id) {
      this.addPrivateChatUser(action.from);
      return this.world.requireChat(action.chatId);
    }
    return this.world.requireChat(action.chatId);
  }

  /** Queues the update unless the bot cannot see the chat; returns it either way. */
  private deliver(record: ChatRecord, fields: Omit<Update, "update_id">, force = false): Update {
    const update: Update = { update_id: this.updates.nextUpdateId(), ...fields };
    const visible = record.botStatus !== "kicked" && record.botStatus !== "left";
    if (visible || force) this.updates.enqueue(update);
    return update;
  }
}
