import type { EventEmitter } from "node:events";
import { randomBytes } from "node:crypto";
import { badRequest, internalServerError } from "./api-error.js";
import type {
  FakeZaloBotInfo,
  FakeZaloCallRecord,
  FakeZaloEventMap,
  FakeZaloStats,
  FakeZaloStoredMessage,
  FakeZaloUserInput,
  ZaloChatType,
} from "./types.js";

/** Everything the fake knows about one chat. */
export interface ZaloChatRecord {
  id: string;
  type: ZaloChatType;
  title?: string;
  /** The user blocked the bot, or the bot left the group: sends answer 403 "Internal server error". */
  blocked: boolean;
  /** The bot's messages, in order. */
  botMessages: FakeZaloStoredMessage[];
  /** Ids of every message in the chat (the bot's and people's), for replies. */
  messageAuthors: Map<string, "bot" | "user">;
}

/** A person the fake has seen. */
export interface ZaloUserRecord {
  id: string;
  displayName: string;
  isBot: boolean;
}

function emptyStats(): FakeZaloStats {
  return {
    sends: 0,
    rateLimited429: 0,
    byMethod: {},
    polled: 0,
    notDelivered: 0,
    webhookDelivered: 0,
    webhookDropped: 0,
  };
}

/** The simulated Zalo: chats, people, the bot's messages and the calls it made. */
export class ZaloWorld {
  readonly chats = new Map<string, ZaloChatRecord>();
  readonly users = new Map<string, ZaloUserRecord>();
  calls: FakeZaloCallRecord[] = [];
  stats: FakeZaloStats = emptyStats();
  private messageSeq = 0;

  constructor(
    readonly bot: FakeZaloBotInfo,
    readonly events: EventEmitter<FakeZaloEventMap>,
  ) {}

  /** Unix milliseconds, the unit of every `date` in the Zalo Bot API. */
  now(): number {
    return Date.now();
  }

  /** A fresh message id in Zalo's form: 20 hex digits (a counter first, so ids sort by age). */
  newMessageId(): string {
    this.messageSeq++;
    return `${this.messageSeq.toString(16).padStart(6, "0")}${randomBytes(7).toString("hex")}`;
  }

  /** Remembers a person (latest details win). */
  registerUser(input: FakeZaloUserInput): ZaloUserRecord {
    const known = this.users.get(input.id);
    const user: ZaloUserRecord = {
      id: input.id,
      displayName: input.displayName ?? known?.displayName ?? `Người dùng ${input.id.slice(0, 6)}`,
      isBot: input.isBot ?? known?.isBot ?? false,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** Adds a chat, or updates the title of a known one. */
  addChat(options: { id: string; type: ZaloChatType; title?: string }): ZaloChatRecord {
    const existing = this.chats.get(options.id);
    if (existing !== undefined) {
      if (existing.type !== options.type)
        throw new Error(`FakeZaloServer: chat ${options.id} is ${existing.type}, not ${options.type}`);
      if (options.title !== undefined) existing.title = options.title;
      return existing;
    }
    const record: ZaloChatRecord = {
      id: options.id,
      type: options.type,
      blocked: false,
      botMessages: [],
      messageAuthors: new Map(),
    };
    if (options.title !== undefined) record.title = options.title;
    this.chats.set(record.id, record);
    return record;
  }

  /** For the simulation API: a chat the test must have created first. */
  requireChat(chatId: string): ZaloChatRecord {
    const record = this.chats.get(chatId);
    if (record === undefined)
      throw new Error(`FakeZaloServer: unknown chat ${chatId} — call addUser or addGroup first`);
    return record;
  }

  /** The chat a send goes to, with the checks Zalo makes first. */
  chatForSend(raw: unknown): ZaloChatRecord {
    const chatId = typeof raw === "number" ? String(raw) : raw;
    if (typeof chatId !== "string" || chatId.trim() === "") throw badRequest("chat_id is required");
    const record = this.chats.get(chatId);
    if (record === undefined) throw badRequest("chat not found");
    if (record.blocked) throw internalServerError();
    return record;
  }

  storeBotMessage(record: ZaloChatRecord, message: FakeZaloStoredMessage): void {
    record.botMessages.push(message);
    record.messageAuthors.set(message.messageId, "bot");
  }

  recordCall(call: FakeZaloCallRecord): void {
    this.calls.push(call);
    this.stats.byMethod[call.method] = (this.stats.byMethod[call.method] ?? 0) + 1;
    this.events.emit("call", call);
  }

  /** Forgets every chat, person, message and observation (message ids keep growing). */
  reset(): void {
    this.chats.clear();
    this.users.clear();
    this.calls = [];
    this.stats = emptyStats();
  }
}
