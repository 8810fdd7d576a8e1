/**
 * Forum supergroups (topics): which topic a bot message lands in, checked as Telegram checks it.
 * A topic's id is the id of the service message that created it, as in Telegram.
 */
import { badRequest } from "./api-error.js";
import type { Params } from "./params.js";
import type { ChatRecord, ForumTopic, World } from "./world.js";

/** Creates a topic in a forum supergroup; returns its `message_thread_id`. */
export function addForumTopic(world: World, chatId: number, name: string): number {
  const record = world.requireChat(chatId);
  if (record.chat.is_forum !== true)
    throw new Error(`FakeTelegramServer: chat ${chatId} is not a forum (addGroup with isForum: true)`);
  const threadId = world.allocateMessageId(record);
  record.topics.set(threadId, { name, closed: false });
  return threadId;
}

export function requireTopic(record: ChatRecord, threadId: number): ForumTopic {
  const topic = record.topics.get(threadId);
  if (topic === undefined) throw new Error(`FakeTelegramServer: no topic ${threadId} in chat ${record.chat.id}`);
  return topic;
}

/**
 * The topic a bot message goes to: `message_thread_id`, else the topic of the message it replies to,
 * else none (General). A closed topic refuses the bot, as it refuses a bot without the right to
 * manage topics; an unknown one is "not found".
 */
export function topicForSend(input: {
  world: World;
  record: ChatRecord;
  params: Params;
  replyToMessageId: number | undefined;
}): number | undefined {
  const { world, record, params, replyToMessageId } = input;
  const asked = params.int("message_thread_id");
  if (asked === undefined)
    return replyToMessageId === undefined ? undefined : threadOf(world, record, replyToMessageId);
  const topic = record.chat.is_forum === true ? record.topics.get(asked) : undefined;
  if (topic === undefined) throw badRequest("message thread not found");
  if (topic.closed) throw badRequest("TOPIC_CLOSED");
  return asked;
}

function threadOf(world: World, record: ChatRecord, messageId: number): number | undefined {
  const found = world.findMessage(record, messageId);
  if (found === undefined) return undefined;
  return "bot" in found ? found.bot.threadId : found.user.message_thread_id;
}
