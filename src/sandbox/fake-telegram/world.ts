import type { EventEmitter } from "node:events";
import { randomBytes } from "node:crypto";
import { badRequest, forbidden } from "./api-error.js";
import type {
  CallRecord,
  CallbackAnswer,
  CallbackQuery,
  Chat,
  ChatMemberStatus,
  FakeStats,
  FakeTelegramEventMap,
  FakeUserInput,
  Message,
  StoredMessage,
  User,
} from "./types.js";

/** A topic of a forum supergroup. */
export interface ForumTopic {
  name: string;
  closed: boolean;
}

/** Everything the fake knows about one chat. */
export interface ChatRecord {
  chat: Chat;
  nextMessageId: number;
  /** The bot's own membership: "administrator" unless kicked, left or set otherwise. */
  botStatus: ChatMemberStatus;
  /** Statuses set by tests; anyone else is a "member". */
  members: Map<number, ChatMemberStatus>;
  migratedTo?: number;
  /** Topics of a forum supergroup, by `message_thread_id`. */
  topics: Map<number, ForumTopic>;
  userMessages: Map<number, Message>;
  botMessages: Map<number, StoredMessage>;
}

/** A file whose bytes `getFile` and the download route serve. */
/** Telegram's folders of file paths, one per kind of file. */
export type FileFolder = "photos" | "documents" | "voice" | "videos" | "video_notes";

/** The first characters of a file id of each kind, as Telegram's look. */
const FILE_ID_PREFIX: Record<FileFolder, string> = {
  photos: "AgAC",
  documents: "BQAC",
  voice: "AwAC",
  videos: "BAAC",
  video_notes: "DQAC",
};

export interface StoredFile {
  fileId: string;
  folder: FileFolder;
  fileUniqueId: string;
  filePath: string;
  bytes: Buffer;
  mimeType: string;
}

export interface PendingQuery {
  query: CallbackQuery;
  answered: boolean;
}

/** A 1×1 JPEG, the default content of simulated photos. */
export const TINY_JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/9oACAEBAAA/APn+v//Z",
  "base64",
);

function emptyStats(): FakeStats {
  return {
    sends: 0,
    edits: 0,
    deletes: 0,
    rateLimited429: 0,
    paidBilled: 0,
    paidRefused: 0,
    byMethod: {},
    webhookDelivered: 0,
    webhookDropped: 0,
  };
}

/** The simulated Telegram: chats, people, messages, files and what the bot did. */
export class World {
  readonly chats = new Map<number, ChatRecord>();
  readonly users = new Map<number, User>();
  readonly files = new Map<string, StoredFile>();
  readonly filesByPath = new Map<string, StoredFile>();
  readonly callbackQueries = new Map<string, PendingQuery>();
  /** Bot commands by `<scope type>|<chat id>[:<user id>]|<language>` (see commandsKey in chat-methods.ts). */
  readonly commands = new Map<string, unknown[]>();
  callbackAnswers: CallbackAnswer[] = [];
  calls: CallRecord[] = [];
  stats: FakeStats = emptyStats();
  /** Where message ids of a new chat start (Telegram numbers each chat's messages from 1). */
  firstMessageId = 1;
  /** Not Telegram: setWebhook takes http URLs on any port (FakeTelegramOptions.allowInsecureWebhooks). */
  allowInsecureWebhooks = false;
  private fileSeq = 0;
  private querySeq = 0;

  constructor(
    readonly bot: User,
    readonly events: EventEmitter<FakeTelegramEventMap>,
  ) {}

  /** Unix seconds, the unit of every `date` in the Bot API. */
  now(): number {
    return Math.floor(Date.now() / 1000);
  }

  /** Remembers a person (latest details win) and returns their Bot API `User`. */
  registerUser(input: FakeUserInput): User {
    const user: User = { id: input.id, is_bot: input.is_bot ?? false, first_name: input.first_name };
    if (input.last_name !== undefined) user.last_name = input.last_name;
    if (input.username !== undefined) user.username = input.username;
    if (input.language_code !== undefined) user.language_code = input.language_code;
    if (input.id !== this.bot.id) this.users.set(user.id, user);
    return user;
  }

  userOrPlaceholder(id: number): User {
    if (id === this.bot.id) return this.bot;
    return this.users.get(id) ?? { id, is_bot: false, first_name: `User ${id}` };
  }

  addChat(chat: Chat, botStatus: ChatMemberStatus = "administrator"): ChatRecord {
    const existing = this.chats.get(chat.id);
    if (existing !== undefined) {
      existing.chat = chat;
      return existing;
    }
    const record: ChatRecord = {
      chat,
      nextMessageId: this.firstMessageId,
      botStatus,
      members: new Map(),
      topics: new Map(),
      userMessages: new Map(),
      botMessages: new Map(),
    };
    this.chats.set(chat.id, record);
    return record;
  }

  /** For the simulation API: a chat the test must have created first. */
  requireChat(chatId: number): ChatRecord {
    const record = this.chats.get(chatId);
    if (record === undefined)
      throw new Error(`FakeTelegramServer: unknown chat ${chatId} — call addGroup or addPrivateChatUser first`);
    return record;
  }

  /** Resolves a `chat_id` parameter (number, numeric string or @username) to a known chat. */
  resolveChat(raw: unknown): ChatRecord {
    const id = parseChatId(raw);
    const record = id === undefined ? this.findByUsername(raw) : this.chats.get(id);
    if (record !== undefined) return record;
    if (id !== undefined && id > 0 && this.users.has(id))
      throw forbidden("bot can't initiate conversation with a user");
    throw badRequest("chat not found");
  }

  /** Like `resolveChat`, plus the checks Telegram makes before the bot may post there. */
  chatForSend(raw: unknown): ChatRecord {
    const record = this.resolveChat(raw);
    const { chat } = record;
    if (record.migratedTo !== undefined) {
      throw badRequest("group chat was upgraded to a supergroup chat", { migrate_to_chat_id: record.migratedTo });
    }
    if (record.botStatus === "kicked") {
      throw forbidden(
        chat.type === "private" ? "bot was blocked by the user" : `bot was kicked from the ${chat.type} chat`,
      );
    }
    if (record.botStatus === "left") throw forbidden(`bot is not a member of the ${chat.type} chat`);
    return record;
  }

  private findByUsername(raw: unknown): ChatRecord | undefined {
    if (typeof raw !== "string" || !raw.startsWith("@")) return undefined;
    const name = raw.slice(1).toLowerCase();
    for (const record of this.chats.values()) if (record.chat.username?.toLowerCase() === name) return record;
    return undefined;
  }

  allocateMessageId(record: ChatRecord): number {
    const id = record.nextMessageId;
    record.nextMessageId = id + 1;
    return id;
  }

  /** A message of the chat (bot's or user's) that has not been deleted. */
  findMessage(record: ChatRecord, messageId: number): { bot: StoredMessage } | { user: Message } | undefined {
    const bot = record.botMessages.get(messageId);
    if (bot !== undefined) return bot.deleted ? undefined : { bot };
    const user = record.userMessages.get(messageId);
    return user === undefined ? undefined : { user };
  }

  storeBotMessage(message: StoredMessage): void {
    this.requireChat(message.chatId).botMessages.set(message.messageId, message);
  }

  storeUserMessage(message: Message): void {
    const record = this.chats.get(message.chat.id);
    if (record === undefined) return;
    record.userMessages.set(message.message_id, message);
    if (message.message_id >= record.nextMessageId) record.nextMessageId = message.message_id + 1;
  }

  registerFile(options: { bytes: Buffer; folder: FileFolder; extension: string; mimeType: string }): StoredFile {
    this.fileSeq++;
    const unique = randomBytes(6).toString("hex");
    const file: StoredFile = {
      fileId: `${FILE_ID_PREFIX[options.folder]}${this.fileSeq}_${unique}`,
      folder: options.folder,
      fileUniqueId: `AQAD${this.fileSeq}${unique.slice(0, 4)}`,
      filePath: `${options.folder}/file_${this.fileSeq}.${options.extension}`,
      bytes: options.bytes,
      mimeType: options.mimeType,
    };
    this.files.set(file.fileId, file);
    this.filesByPath.set(file.filePath, file);
    return file;
  }

  newCallbackQueryId(): string {
    this.querySeq++;
    return `${4_000_000_000 + this.querySeq}${randomBytes(3).readUIntBE(0, 3)}`;
  }

  recordCall(call: CallRecord): void {
    this.calls.push(call);
    this.stats.byMethod[call.method] = (this.stats.byMethod[call.method] ?? 0) + 1;
    this.events.emit("call", call);
  }

  /** Forgets every chat, person, message, file and observation. */
  reset(): void {
    this.chats.clear();
    this.users.clear();
    this.files.clear();
    this.filesByPath.clear();
    this.callbackQueries.clear();
    this.commands.clear();
    this.callbackAnswers = [];
    this.calls = [];
    this.stats = emptyStats();
  }
}

/** A numeric chat id from a number or numeric string; undefined for anything else. */
export function parseChatId(raw: unknown): number | undefined {
  if (typeof raw === "number" && Number.isSafeInteger(raw)) return raw;
  if (typeof raw === "string" && /^-?\d{1,16}$/.test(raw.trim())) return Number(raw.trim());
  return undefined;
}
