import { badRequest } from "./api-error.js";
import { topicForSend } from "./forum-topics.js";
import {
  flattenButtons,
  readCaption,
  readMessageText,
  readReplyMarkup,
  readReplyTo,
  toApiMessage,
} from "./message-shapes.js";
import type { MethodContext, MethodSpec } from "./method-context.js";
import { isUploadedFile } from "./request-body.js";
import type { Location, Message, SentFile, StoredMessage, UploadedFile } from "./types.js";
import type { ChatRecord, FileFolder, World } from "./world.js";

/** The content part of a stored message. */
type Content = Pick<
  StoredMessage,
  | "text"
  | "caption"
  | "plainText"
  | "entities"
  | "parseMode"
  | "photo"
  | "document"
  | "voice"
  | "video"
  | "videoNote"
  | "location"
>;

/** The send methods that carry one file, by their file field: the folder of that kind and the stored field. */
const MEDIA_FIELDS = {
  photo: { folder: "photos", stored: "photo", extension: "jpg", mimeType: "image/jpeg" },
  document: { folder: "documents", stored: "document", extension: "dat", mimeType: "application/octet-stream" },
  voice: { folder: "voice", stored: "voice", extension: "oga", mimeType: "audio/ogg" },
  video: { folder: "videos", stored: "video", extension: "mp4", mimeType: "video/mp4" },
  video_note: { folder: "video_notes", stored: "videoNote", extension: "mp4", mimeType: "video/mp4" },
} as const satisfies Record<string, { folder: FileFolder; stored: keyof Content; extension: string; mimeType: string }>;
type MediaField = keyof typeof MEDIA_FIELDS;

/** Checks reply and markup, allocates the message id and stores the bot message. */
function store(
  context: MethodContext,
  record: ChatRecord,
  content: Content,
  extra: Partial<StoredMessage> = {},
): StoredMessage {
  const { world, params, method } = context;
  const replyMarkup = readReplyMarkup(params);
  const replyTo = readReplyTo(params);
  let replyToMessageId: number | undefined;
  if (replyTo !== undefined) {
    const found = world.findMessage(record, replyTo.messageId) !== undefined;
    if (!found && !replyTo.allowWithoutReply) throw badRequest("message to be replied not found");
    if (found) replyToMessageId = replyTo.messageId;
  }
  const threadId = topicForSend({ world, record, params, replyToMessageId });
  const stored: StoredMessage = {
    ...withoutUndefined(content),
    chatId: record.chat.id,
    messageId: world.allocateMessageId(record),
    method,
    date: world.now(),
    buttons: flattenButtons(replyMarkup),
    edits: [],
    deleted: false,
    ...extra,
  };
  if (replyMarkup !== undefined) stored.replyMarkup = replyMarkup;
  if (replyToMessageId !== undefined) stored.replyToMessageId = replyToMessageId;
  if (threadId !== undefined) stored.threadId = threadId;
  // Recorded as sent, so a test can tell a silent campaign from a ringing alert.
  if (params.bool("disable_notification") === true) stored.disableNotification = true;
  if (params.bool("allow_paid_broadcast") === true) stored.paidBroadcast = true;
  world.storeBotMessage(stored);
  context.later(() => world.events.emit("botMessage", stored));
  return stored;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function sendMessage(context: MethodContext): Message {
  const record = context.world.chatForSend(context.params.raw["chat_id"]);
  const formatted = readMessageText(context.params);
  const content: Content = {
    text: context.params.string("text") ?? "",
    plainText: formatted.text,
    entities: formatted.entities,
    parseMode: context.params.string("parse_mode"),
  };
  return toApiMessage(context.world, store(context, record, content));
}

/** Turns an upload, a known file_id or a URL into the file the message shows. */
function resolveFile(world: World, value: UploadedFile | string, field: MediaField): SentFile {
  const kind = MEDIA_FIELDS[field];
  if (isUploadedFile(value)) {
    if (value.bytes.length === 0) throw badRequest("file must be non-empty");
    const mimeType = value.contentType ?? kind.mimeType;
    const extension = /\.([a-z0-9]{1,5})$/i.exec(value.filename)?.[1] ?? kind.extension;
    const file = world.registerFile({ bytes: value.bytes, folder: kind.folder, extension, mimeType });
    return {
      fileId: file.fileId,
      fileUniqueId: file.fileUniqueId,
      filename: value.filename,
      mimeType,
      size: value.bytes.length,
      bytes: value.bytes,
    };
  }
  const known = world.files.get(value);
  if (known !== undefined) {
    // Telegram refuses a voice note's file id as a video and so on (photos and documents stay lenient here).
    const clip = field === "voice" || field === "video" || field === "video_note";
    if (clip && known.folder !== kind.folder) throw badRequest("type of file mismatch");
    return {
      fileId: known.fileId,
      fileUniqueId: known.fileUniqueId,
      mimeType: known.mimeType,
      size: known.bytes.length,
      bytes: known.bytes,
    };
  }
  if (/^https?:\/\/\S+$/i.test(value)) {
    if (field === "video_note") throw badRequest("sending video notes by a URL is currently unsupported");
    // The fake does not download URLs; the file exists with no bytes.
    const file = world.registerFile({
      bytes: Buffer.alloc(0),
      folder: kind.folder,
      extension: kind.extension,
      mimeType: "application/octet-stream",
    });
    return { fileId: file.fileId, fileUniqueId: file.fileUniqueId, url: value };
  }
  throw badRequest("wrong file identifier/HTTP URL specified");
}

function sendMedia(context: MethodContext, field: MediaField): Message {
  const { world, params } = context;
  const record = world.chatForSend(params.raw["chat_id"]);
  const value = params.file(field);
  if (value === undefined || value === "") throw badRequest(`there is no ${field} in the request`);
  // A video note has no caption in the Bot API: one passed anyway is not shown.
  const caption = field === "video_note" ? undefined : readCaption(params);
  const file = resolveFile(world, value, field);
  const content: Content = {
    ...(field === "video_note" ? {} : { caption: params.string("caption") ?? "" }),
    plainText: caption?.text ?? "",
    entities: caption?.entities ?? [],
    parseMode: field === "video_note" ? undefined : params.string("parse_mode"),
    [MEDIA_FIELDS[field].stored]: file,
  };
  return toApiMessage(world, store(context, record, content));
}

function sendLocation(context: MethodContext): Message {
  const { world, params } = context;
  const record = world.chatForSend(params.raw["chat_id"]);
  const latitude = params.number("latitude");
  const longitude = params.number("longitude");
  if (latitude === undefined || latitude < -90 || latitude > 90) throw badRequest("wrong latitude specified");
  if (longitude === undefined || longitude < -180 || longitude > 180) throw badRequest("wrong longitude specified");
  const content: Content = { plainText: "", entities: [], location: { latitude, longitude } };
  return toApiMessage(world, store(context, record, content));
}

/** The content of any message, to copy or forward it. */
function contentOf(world: World, found: NonNullable<ReturnType<World["findMessage"]>>): Content | undefined {
  if ("bot" in found) {
    const { text, caption, plainText, entities, parseMode, photo, document, location } = found.bot;
    return { text, caption, plainText, entities, parseMode, photo, document, location };
  }
  const message = found.user;
  const largest = message.photo?.[message.photo.length - 1];
  const photo = largest === undefined ? undefined : fileOf(world, largest.file_id);
  const document = message.document === undefined ? undefined : fileOf(world, message.document.file_id);
  const location: Location | undefined = message.location;
  if (message.text !== undefined)
    return { text: message.text, plainText: message.text, entities: message.entities ?? [] };
  if (photo === undefined && document === undefined && location === undefined) return undefined;
  return {
    caption: message.caption,
    plainText: message.caption ?? "",
    entities: message.caption_entities ?? [],
    photo,
    document,
    location,
  };
}

function fileOf(world: World, fileId: string): SentFile {
  const file = world.files.get(fileId);
  if (file === undefined) return { fileId, fileUniqueId: fileId };
  return {
    fileId,
    fileUniqueId: file.fileUniqueId,
    mimeType: file.mimeType,
    size: file.bytes.length,
    bytes: file.bytes,
  };
}

function copyOrForward(context: MethodContext, verb: "copy" | "forward"): StoredMessage {
  const { world, params } = context;
  const record = world.chatForSend(params.raw["chat_id"]);
  const source = world.resolveChat(params.raw["from_chat_id"]);
  const messageId = params.requiredInt("message_id");
  const found = world.findMessage(source, messageId);
  if (found === undefined) throw badRequest(`message to ${verb} not found`);
  const content = contentOf(world, found);
  if (content === undefined) throw badRequest(`message can't be ${verb === "copy" ? "copied" : "forwarded"}`);
  const origin = { chatId: source.chat.id, messageId };
  if (verb === "forward") return store(context, record, content, { forwardedFrom: origin });
  const caption = content.text === undefined && params.has("caption") ? readCaption(params) : undefined;
  if (caption !== undefined) {
    Object.assign(content, {
      caption: params.string("caption"),
      plainText: caption.text,
      entities: caption.entities,
      parseMode: params.string("parse_mode"),
    });
  }
  return store(context, record, content, { copiedFrom: origin });
}

/** send*, copyMessage and forwardMessage. */
export const SEND_METHODS: Record<string, MethodSpec> = {
  sendMessage: { kind: "send", handler: sendMessage },
  sendPhoto: { kind: "send", handler: (context) => sendMedia(context, "photo") },
  sendDocument: { kind: "send", handler: (context) => sendMedia(context, "document") },
  sendVoice: { kind: "send", handler: (context) => sendMedia(context, "voice") },
  sendVideo: { kind: "send", handler: (context) => sendMedia(context, "video") },
  sendVideoNote: { kind: "send", handler: (context) => sendMedia(context, "video_note") },
  sendLocation: { kind: "send", handler: sendLocation },
  copyMessage: { kind: "send", handler: (context) => ({ message_id: copyOrForward(context, "copy").messageId }) },
  forwardMessage: {
    kind: "send",
    handler: (context) => toApiMessage(context.world, copyOrForward(context, "forward")),
  },
};
