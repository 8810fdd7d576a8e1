import { badRequest, forbidden } from "./api-error.js";
import { chatMember } from "./message-shapes.js";
import type { MethodContext, MethodSpec } from "./method-context.js";
import type { Chat, ChatMember, ChatMemberStatus, User } from "./types.js";
import type { ChatRecord } from "./world.js";

function getMe(context: MethodContext): User {
  return {
    ...context.world.bot,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
}

function getUpdates(context: MethodContext): Promise<unknown[]> {
  const { params } = context;
  const offset = params.int("offset");
  return context.updates.getUpdates({
    ...(offset === undefined ? {} : { offset }),
    limit: params.int("limit") ?? 100,
    timeout: Math.max(0, params.int("timeout") ?? 0),
    signal: context.signal,
  });
}

function setWebhook(context: MethodContext): true {
  const { params, updates } = context;
  const url = params.string("url") ?? "";
  const dropPending = params.bool("drop_pending_updates") ?? false;
  if (url === "") {
    updates.deleteWebhook(dropPending);
    return true;
  }
  if (!/^https?:\/\/\S+$/i.test(url) || !URL.canParse(url)) throw badRequest("bad webhook: Wrong HTTP URL");
  if (!context.world.allowInsecureWebhooks) requireTelegramWebhookUrl(new URL(url));
  const secretToken = params.string("secret_token");
  if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw badRequest("bad webhook: Secret token contains unallowed characters");
  }
  const maxConnections = Math.min(100, Math.max(1, params.int("max_connections") ?? 40));
  const allowedUpdates = params.raw["allowed_updates"];
  updates.setWebhook(
    {
      url,
      maxConnections,
      ...(secretToken === undefined ? {} : { secretToken }),
      ...(allowedUpdates === undefined ? {} : { allowedUpdates }),
    },
    dropPending,
  );
  return true;
}

/** Telegram pushes updates only over HTTPS, and only to ports 443, 80, 88 and 8443. */
const WEBHOOK_PORTS = new Set(["", "443", "80", "88", "8443"]);

function requireTelegramWebhookUrl(url: URL): void {
  if (url.protocol !== "https:") throw badRequest("bad webhook: HTTPS url must be provided for webhook");
  if (!WEBHOOK_PORTS.has(url.port))
    throw badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
}

function deleteWebhook(context: MethodContext): true {
  context.updates.deleteWebhook(context.params.bool("drop_pending_updates") ?? false);
  return true;
}

/** The bot must still be in the chat to look into it. */
function chatForRead(context: MethodContext): ChatRecord {
  const record = context.world.resolveChat(context.params.raw["chat_id"]);
  if (record.botStatus === "kicked" || record.botStatus === "left") {
    throw forbidden(
      record.chat.type === "private"
        ? "bot was blocked by the user"
        : `bot is not a member of the ${record.chat.type} chat`,
    );
  }
  return record;
}

function getChat(context: MethodContext): Chat {
  return chatForRead(context).chat;
}

function memberStatus(record: ChatRecord, userId: number, botId: number): ChatMemberStatus {
  if (userId === botId) return record.botStatus;
  return record.members.get(userId) ?? "member";
}

/**
 * Telegram "guarantees" getChatMember about other people only to a bot that administers the group;
 * the fake takes the worst case the documentation allows and refuses a plain member bot.
 */
function getChatMember(context: MethodContext): ChatMember {
  const { world, params } = context;
  const record = chatForRead(context);
  const userId = params.requiredInt("user_id");
  const asksAboutOther = userId !== world.bot.id && record.chat.type !== "private";
  if (asksAboutOther && record.botStatus !== "administrator") throw badRequest("member list is inaccessible");
  return chatMember(world.userOrPlaceholder(userId), memberStatus(record, userId, world.bot.id));
}

function getChatAdministrators(context: MethodContext): ChatMember[] {
  const { world } = context;
  const record = chatForRead(context);
  if (record.chat.type === "private") throw badRequest("there are no administrators in the private chat");
  const admins: ChatMember[] = [];
  for (const [userId, status] of record.members) {
    if (status === "creator" || status === "administrator")
      admins.push(chatMember(world.userOrPlaceholder(userId), status));
  }
  if (record.botStatus === "administrator") admins.push(chatMember(world.bot, "administrator"));
  return admins;
}

function leaveChat(context: MethodContext): true {
  const record = chatForRead(context);
  if (record.chat.type === "private") throw badRequest("chat member status can't be changed in private chats");
  record.botStatus = "left";
  return true;
}

function sendChatAction(context: MethodContext): true {
  context.world.chatForSend(context.params.raw["chat_id"]);
  context.params.requiredString("action");
  return true;
}

const SCOPES_WITHOUT_CHAT = ["default", "all_private_chats", "all_group_chats", "all_chat_administrators"];

/**
 * The key a command list is stored under: the scope as Telegram understands it (checked as strictly
 * as Telegram does: known type, a chat that exists, a group for the administrator scopes) and the
 * language (empty, or two lower-case letters of ISO 639-1).
 */
function commandsKey(context: MethodContext): string {
  const { params, world } = context;
  const raw = params.raw["scope"];
  const scope = raw === undefined ? { type: "default" } : params.object("scope");
  if (scope === undefined) throw badRequest("can't parse BotCommandScope JSON object");
  const type = scope["type"];
  if (typeof type !== "string") throw badRequest("can't parse BotCommandScope JSON object");
  const language = params.string("language_code") ?? "";
  if (language !== "" && !/^[a-z]{2}$/.test(language)) throw badRequest("LANG_CODE_INVALID");
  if (SCOPES_WITHOUT_CHAT.includes(type)) return `${type}||${language}`;
  if (type !== "chat" && type !== "chat_administrators" && type !== "chat_member")
    throw badRequest("wrong BotCommandScope type specified");
  if (scope["chat_id"] === undefined) throw badRequest("can't parse BotCommandScope JSON object");
  const chat = world.resolveChat(scope["chat_id"]).chat;
  if (type !== "chat" && chat.type === "private")
    throw badRequest("can't use chat administrators scope in private chats");
  let user = "";
  if (type === "chat_member") {
    const userId = Number(scope["user_id"]);
    if (!Number.isInteger(userId)) throw badRequest("can't parse BotCommandScope JSON object");
    user = String(userId);
  }
  return `${type}|${chat.id}${user ? `:${user}` : ""}|${language}`;
}

function setMyCommands(context: MethodContext): true {
  const commands = context.params.array("commands");
  if (commands === undefined) throw badRequest("can't parse commands JSON object");
  if (commands.length > 100) throw badRequest("too many commands specified");
  const seen = new Set<string>();
  const stored: { command: string; description: string }[] = [];
  for (const command of commands) {
    const fields = typeof command === "object" && command !== null ? (command as Record<string, unknown>) : {};
    const name = fields["command"];
    const description = fields["description"];
    if (typeof name !== "string" || !/^[a-z0-9_]{1,32}$/.test(name)) throw badRequest("BOT_COMMAND_INVALID");
    if (typeof description !== "string" || description.trim().length < 1 || description.length > 256) {
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    if (seen.has(name)) throw badRequest("BOT_COMMAND_INVALID");
    seen.add(name);
    stored.push({ command: name, description });
  }
  const key = commandsKey(context);
  // An empty list is how Telegram is told to drop a scope's commands.
  if (stored.length === 0) context.world.commands.delete(key);
  else context.world.commands.set(key, stored);
  return true;
}

/** Exactly the list set for this scope and language (Telegram falls back only when showing menus). */
function getMyCommands(context: MethodContext): unknown[] {
  return context.world.commands.get(commandsKey(context)) ?? [];
}

function deleteMyCommands(context: MethodContext): true {
  context.world.commands.delete(commandsKey(context));
  return true;
}

function getFile(context: MethodContext): Record<string, unknown> {
  const fileId = context.params.requiredString("file_id");
  const file = context.world.files.get(fileId);
  if (file === undefined) throw badRequest("invalid file_id");
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.bytes.length,
    file_path: file.filePath,
  };
}

/** Updates, webhooks, chats, members, commands and files. */
export const CHAT_METHODS: Record<string, MethodSpec> = {
  getMe: { kind: "other", handler: getMe },
  getUpdates: { kind: "other", handler: getUpdates },
  setWebhook: { kind: "other", handler: setWebhook },
  deleteWebhook: { kind: "other", handler: deleteWebhook },
  getWebhookInfo: { kind: "other", handler: (context) => context.updates.webhookInfo() },
  getChat: { kind: "other", handler: getChat },
  getChatMember: { kind: "other", handler: getChatMember },
  getChatAdministrators: { kind: "other", handler: getChatAdministrators },
  leaveChat: { kind: "other", handler: leaveChat },
  sendChatAction: { kind: "other", handler: sendChatAction },
  setMyCommands: { kind: "other", handler: setMyCommands },
  getMyCommands: { kind: "other", handler: getMyCommands },
  deleteMyCommands: { kind: "other", handler: deleteMyCommands },
  getFile: { kind: "other", handler: getFile },
};
