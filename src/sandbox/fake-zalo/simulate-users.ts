import type { FakeZaloEventName, FakeZaloMessage, FakeZaloUpdate, FakeZaloUserInput, ZaloChatType } from "./types.js";
import type { ZaloUpdateQueue } from "./update-queue.js";
import type { ZaloChatRecord, ZaloUserRecord, ZaloWorld } from "./world.js";

/** Who does something, where, and how the platform decides whether the bot sees it. */
export interface ZaloChatAction {
  chatId: string;
  /** Needed only when the chat is not known yet (it is then created). */
  chatType?: ZaloChatType;
  from: FakeZaloUserInput;
  /**
   * The person @mentions the bot by picking its display name (getMe `account_name`, which starts
   * with "Bot " and may hold spaces, ZALO.md): the text then starts with `@Bot Kẻng Test `. A string
   * is the name as the person saw it (the bot renamed since the bot read getMe).
   */
  mentionBot?: boolean | string;
  /**
   * Id of the message this one replies to. It decides only whether a group message reaches the
   * bot: Zalo documents no field naming the quoted message (ZALO.md), so the update carries none.
   */
  replyTo?: string;
}

/** The content part of a message. */
type Content = Pick<FakeZaloMessage, "text" | "photo" | "caption" | "sticker" | "voice" | "url">;

/** Builds realistic updates for what simulated people do, and queues those the bot would receive. */
export class ZaloUserSimulator {
  constructor(
    private readonly world: ZaloWorld,
    private readonly updates: ZaloUpdateQueue,
  ) {}

  /** A person with a private chat with the bot (chat id = user id, as on Zalo). */
  addUser(options: { id: string; displayName: string; isBot?: boolean }): ZaloUserRecord {
    const user = this.world.registerUser(options);
    this.world.addChat({ id: user.id, type: "PRIVATE" });
    return user;
  }

  /** A group the bot has been added to. */
  addGroup(options: { id: string; title: string }): void {
    this.world.addChat({ id: options.id, type: "GROUP", title: options.title });
  }

  sendText(action: ZaloChatAction & { text: string }): FakeZaloUpdate | null {
    const mention = `@${typeof action.mentionBot === "string" ? action.mentionBot : this.world.bot.account_name}`;
    const text =
      action.mentionBot !== undefined && action.mentionBot !== false && !action.text.includes(mention)
        ? `${mention} ${action.text}`
        : action.text;
    return this.post(action, "message.text.received", { text });
  }

  /** A photo by its temporary link (see PhotoHost), in the documented `photo` field. */
  sendImage(action: ZaloChatAction & { photoUrl: string; caption?: string }): FakeZaloUpdate | null {
    const caption = action.caption === undefined ? {} : { caption: action.caption };
    return this.post(action, "message.image.received", { photo: action.photoUrl, ...caption });
  }

  /** A voice message (Zalo's newer docs: `message.voice.received`), by its address on Zalo's CDN. */
  sendVoice(action: ZaloChatAction & { voiceUrl: string }): FakeZaloUpdate | null {
    return this.post(action, "message.voice.received", { voice: action.voiceUrl, url: action.voiceUrl });
  }

  sendSticker(action: ZaloChatAction & { sticker?: string }): FakeZaloUpdate | null {
    const sticker = action.sticker ?? "0e078a2fb66a5f34067b";
    return this.post(action, "message.sticker.received", {
      sticker,
      url: `https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=${sticker}`,
    });
  }

  /** What a protected sender (e.g. a child account) produces: the event without any content. */
  sendUnsupported(action: ZaloChatAction): FakeZaloUpdate | null {
    return this.post(action, "message.unsupported.received", {});
  }

  /** Queues any object as an update, as is; enqueue the same object twice to simulate a redelivery. */
  enqueueRawUpdate(update: unknown): void {
    this.updates.enqueue(update);
  }

  private post(action: ZaloChatAction, eventName: FakeZaloEventName, content: Content): FakeZaloUpdate | null {
    const record = this.chatFor(action);
    const from = this.world.registerUser(action.from);
    if (action.replyTo !== undefined && !record.messageAuthors.has(action.replyTo)) {
      throw new Error(`FakeZaloServer: no message ${action.replyTo} in chat ${record.id} to reply to`);
    }
    const message: FakeZaloMessage = {
      message_id: this.world.newMessageId(),
      date: this.world.now(),
      from: { id: from.id, display_name: from.displayName, is_bot: from.isBot },
      chat: { id: record.id, chat_type: record.type },
      ...withoutUndefined(content),
    };
    record.messageAuthors.set(message.message_id, "user");
    if (!this.reachesBot(record, action)) {
      this.world.stats.notDelivered++;
      return null;
    }
    const update: FakeZaloUpdate = { event_name: eventName, message };
    this.updates.enqueue(update);
    return update;
  }

  /** In groups the bot receives only @mentions of itself and replies to its own messages. */
  private reachesBot(record: ZaloChatRecord, action: ZaloChatAction): boolean {
    if (record.type === "PRIVATE") return true;
    if (action.mentionBot !== undefined && action.mentionBot !== false) return true;
    return action.replyTo !== undefined && record.messageAuthors.get(action.replyTo) === "bot";
  }

  /** The chat a person writes in; a private chat opens when someone writes to the bot. */
  private chatFor(action: ZaloChatAction): ZaloChatRecord {
    const existing = this.world.chats.get(action.chatId);
    if (existing !== undefined) {
      if (action.chatType !== undefined && action.chatType !== existing.type) {
        throw new Error(`FakeZaloServer: chat ${action.chatId} is ${existing.type}, not ${action.chatType}`);
      }
      return existing;
    }
    if (action.chatType === "GROUP") return this.world.addChat({ id: action.chatId, type: "GROUP" });
    if (action.chatType === "PRIVATE" || action.chatId === action.from.id)
      return this.world.addChat({ id: action.chatId, type: "PRIVATE" });
    return this.world.requireChat(action.chatId);
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
