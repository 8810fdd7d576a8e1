import { badRequest } from "./api-error.js";
import { flattenButtons, readCaption, readMessageText, readReplyMarkup, toApiMessage } from "./message-shapes.js";
import type { MethodContext, MethodSpec } from "./method-context.js";
import type {
  CallbackAnswer,
  Message,
  MessageEdit,
  MessageEntity,
  MessageSnapshot,
  ReplyMarkup,
  StoredMessage,
} from "./types.js";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
const QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";

/** The bot message an edit* call points at. */
function editTarget(context: MethodContext): StoredMessage {
  const { world, params } = context;
  if (params.has("inline_message_id")) throw badRequest("the fake Telegram server does not support inline messages");
  const record = world.chatForSend(params.raw["chat_id"]);
  const messageId = params.requiredInt("message_id");
  const stored = record.botMessages.get(messageId);
  if (stored !== undefined && !stored.deleted) return stored;
  if (record.userMessages.has(messageId)) throw badRequest("message can't be edited");
  throw badRequest("message to edit not found");
}

function snapshot(stored: StoredMessage): MessageSnapshot {
  const previous: MessageSnapshot = { plainText: stored.plainText };
  if (stored.text !== undefined) previous.text = stored.text;
  if (stored.caption !== undefined) previous.caption = stored.caption;
  if (stored.parseMode !== undefined) previous.parseMode = stored.parseMode;
  if (stored.replyMarkup !== undefined) previous.replyMarkup = stored.replyMarkup;
  return previous;
}

interface Change {
  text?: string;
  caption?: string;
  plainText: string;
  entities: MessageEntity[];
  parseMode: string | undefined;
}

/**
 * Applies an edit like Telegram: an edit without `reply_markup` removes the inline keyboard,
 * and an edit that changes nothing is refused with "message is not modified".
 */
function applyEdit(context: MethodContext, stored: StoredMessage, change: Change | undefined): Message {
  const markup = readReplyMarkup(context.params);
  const sameMarkup =
    JSON.stringify(markup?.inline_keyboard ?? null) === JSON.stringify(stored.replyMarkup?.inline_keyboard ?? null);
  const sameContent =
    change === undefined ||
    (change.plainText === stored.plainText && JSON.stringify(change.entities) === JSON.stringify(stored.entities));
  if (sameMarkup && sameContent) throw badRequest(NOT_MODIFIED);
  const edit: MessageEdit = { method: context.method, date: context.world.now(), previous: snapshot(stored) };
  if (change !== undefined) {
    if (change.text !== undefined) stored.text = change.text;
    if (change.caption !== undefined) stored.caption = change.caption;
    stored.plainText = change.plainText;
    stored.entities = change.entities;
    if (change.parseMode === undefined) delete stored.parseMode;
    else stored.parseMode = change.parseMode;
  }
  setMarkup(stored, markup);
  stored.editDate = edit.date;
  stored.edits.push(edit);
  context.later(() => context.world.events.emit("botEdit", stored, edit));
  return toApiMessage(context.world, stored);
}

function setMarkup(stored: StoredMessage, markup: ReplyMarkup | undefined): void {
  if (markup === undefined) delete stored.replyMarkup;
  else stored.replyMarkup = markup;
  stored.buttons = flattenButtons(markup);
}

function editMessageText(context: MethodContext): Message {
  const stored = editTarget(context);
  if (stored.text === undefined) throw badRequest("there is no text in the message to edit");
  const formatted = readMessageText(context.params);
  const text = context.params.string("text") ?? "";
  return applyEdit(context, stored, {
    text,
    plainText: formatted.text,
    entities: formatted.entities,
    parseMode: context.params.string("parse_mode"),
  });
}

function editMessageCaption(context: MethodContext): Message {
  const stored = editTarget(context);
  if (stored.photo === undefined && stored.document === undefined)
    throw badRequest("there is no caption in the message to edit");
  const formatted = readCaption(context.params);
  const caption = context.params.string("caption") ?? "";
  return applyEdit(context, stored, {
    caption,
    plainText: formatted?.text ?? "",
    entities: formatted?.entities ?? [],
    parseMode: context.params.string("parse_mode"),
  });
}

function editMessageReplyMarkup(context: MethodContext): Message {
  return applyEdit(context, editTarget(context), undefined);
}

function deleteMessage(context: MethodContext): true {
  const { world, params } = context;
  const record = world.chatForSend(params.raw["chat_id"]);
  const messageId = params.requiredInt("message_id");
  const stored = record.botMessages.get(messageId);
  if (stored !== undefined && !stored.deleted) {
    stored.deleted = true;
    world.stats.deletes++;
    context.later(() => world.events.emit("botDelete", stored));
    return true;
  }
  if (record.userMessages.delete(messageId)) {
    world.stats.deletes++;
    return true;
  }
  throw badRequest("message to delete not found");
}

function answerCallbackQuery(context: MethodContext): true {
  const { world, params } = context;
  const id = params.requiredString("callback_query_id");
  const pending = world.callbackQueries.get(id);
  if (pending === undefined || pending.answered) throw badRequest(QUERY_INVALID);
  pending.answered = true;
  const answer: CallbackAnswer = {
    callbackQueryId: id,
    query: pending.query,
    showAlert: params.bool("show_alert") ?? false,
    time: Date.now(),
  };
  const text = params.string("text");
  const url = params.string("url");
  const cacheTime = params.int("cache_time");
  if (text !== undefined) answer.text = text;
  if (url !== undefined) answer.url = url;
  if (cacheTime !== undefined) answer.cacheTime = cacheTime;
  world.callbackAnswers.push(answer);
  context.later(() => world.events.emit("callbackAnswer", answer));
  return true;
}

/** edit*, deleteMessage and answerCallbackQuery. */
export const EDIT_METHODS: Record<string, MethodSpec> = {
  editMessageText: { kind: "edit", handler: editMessageText },
  editMessageCaption: { kind: "edit", handler: editMessageCaption },
  editMessageReplyMarkup: { kind: "edit", handler: editMessageReplyMarkup },
  deleteMessage: { kind: "other", handler: deleteMessage },
  answerCallbackQuery: { kind: "other", handler: answerCallbackQuery },
};
