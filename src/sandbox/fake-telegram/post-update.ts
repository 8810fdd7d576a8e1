/** Turns what a simulated person does in a chat into a message update and queues it for the bot. */
import { requireTopic } from "./forum-topics.js";
import { stripReply, toApiMessage } from "./message-shapes.js";
import type { Chat, FakeUserInput, Message, MessageEntity, Update, User } from "./types.js";
import type { UpdateQueue } from "./update-queue.js";
import type { ChatRecord, World } from "./world.js";

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

/** A text message's fields; a leading "/command" gets its `bot_command` entity. */
export function textFields(text: string): Partial<Message> {
  const command = /^\/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,64})?/.exec(text);
  const entities: MessageEntity[] =
    command === null ? [] : [{ type: "bot_command", offset: 0, length: command[0].length }];
  return { text, ...(entities.length > 0 ? { entities } : {}) };
}

/** A person who has started a private chat with the bot (chat id = user id). */
export function openPrivateChat(world: World, input: FakeUserInput): User {
  const user = world.registerUser(input);
  const chat: Chat = { id: user.id, type: "private", first_name: user.first_name };
  if (user.last_name !== undefined) chat.last_name = user.last_name;
  if (user.username !== undefined) chat.username = user.username;
  world.addChat(chat, "member");
  return user;
}

/** Posts people's messages in chats and queues the updates the bot can see. */
export class UpdatePoster {
  constructor(
    private readonly world: World,
    private readonly updates: UpdateQueue,
  ) {}

  post(action: ChatAction, fields: Partial<Message>, replyTo?: number): Update {
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

  /** Queues the update unless the bot cannot see the chat; returns it either way. */
  deliver(record: ChatRecord, fields: Omit<Update, "update_id">, force = false): Update {
    const update: Update = { update_id: this.updates.nextUpdateId(), ...fields };
    const visible = record.botStatus !== "kicked" && record.botStatus !== "left";
    if (visible || force) this.updates.enqueue(update);
    return update;
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
      openPrivateChat(this.world, action.from);
      return this.world.requireChat(action.chatId);
    }
    return this.world.requireChat(action.chatId);
  }
}
