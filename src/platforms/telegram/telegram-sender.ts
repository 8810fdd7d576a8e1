/**
 * Renders OutboundMessage for Telegram (HTML parse mode, every user string escaped, long text
 * split at 4096 / captions at 1024, never cut) and sends it through telegraf's API client.
 */
import type { Telegram } from "telegraf";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "telegraf/types";
import { escapeHtml, noEscape, type Translator } from "../../core/i18n.js";
import type { ChatKind, Media, OutboundMessage } from "../../core/messages.js";
import type {
  ButtonAnswerer,
  ButtonPress,
  ChatSender,
  GroupAdminAnswer,
  PlatformDirectory,
  SendProgress,
} from "../../core/ports.js";
import { splitHtml } from "../../core/split-html.js";
import type { Locale, Text } from "../../core/text.js";
import { isNotModified, toPlatformError } from "./telegram-errors.js";

export const TELEGRAM_TEXT_LIMIT = 4096;
export const TELEGRAM_CAPTION_LIMIT = 1024;

type InputFile = string | { source: Buffer; filename: string };

/** One Bot API call of a message; resolves with the id of the message it created. */
type Part = () => Promise<number>;

const BASE = { parse_mode: "HTML" as const, link_preview_options: { is_disabled: true } };

/**
 * Sends the parts an earlier attempt did not: a long message whose third part failed is retried
 * from the third part, never from the first (each sent part is recorded before the next goes).
 */
async function sendParts(parts: readonly Part[], progress: SendProgress | undefined): Promise<{ messageId: string }> {
  const start = Math.min(progress?.partsSent ?? 0, parts.length);
  let firstId = start > 0 ? progress?.firstMessageId : undefined;
  for (const [index, part] of parts.entries()) {
    if (index < start) continue;
    const id = String(await part());
    firstId ??= id;
    if (progress && index < parts.length - 1)
      await progress.recordPart({ partsSent: index + 1, firstMessageId: firstId });
  }
  if (firstId === undefined) throw new Error("empty message");
  return { messageId: firstId };
}

function inputFile(media: Media): InputFile {
  switch (media.kind) {
    case "url":
      return media.url;
    case "file":
      return media.platformFileId;
    case "bytes":
      return { source: Buffer.from(media.base64, "base64"), filename: media.filename };
    default: {
      const never: never = media;
      throw new Error(`unknown media ${JSON.stringify(never)}`);
    }
  }
}

/** The method call a webhook request may carry back in its response, once the press is answered. */
export interface WebhookReply {
  call?: Record<string, unknown>;
}

export class TelegramSender implements ChatSender, ButtonAnswerer, PlatformDirectory {
  readonly platform = "telegram" as const;
  /** Presses that came in a webhook request still open: their answer goes back in its response. */
  readonly webhookReplies = new Map<string, WebhookReply>();

  constructor(
    private readonly options: { telegram: Telegram; translator: Translator; botUsername: () => string | undefined },
  ) {}

  private keyboard(message: OutboundMessage): { reply_markup: InlineKeyboardMarkup } | Record<string, never> {
    if (!message.buttons || message.buttons.length === 0) return {};
    const render = (text: Text) => this.options.translator.render(text, message.locale, noEscape);
    const inline_keyboard: InlineKeyboardButton[][] = message.buttons.map((row) =>
      row.map((b): InlineKeyboardButton =>
        "url" in b ? { text: render(b.text), url: b.url } : { text: render(b.text), callback_data: b.callback },
      ),
    );
    return { reply_markup: { inline_keyboard } };
  }

  async send(
    target: { chatId: string; kind: ChatKind; threadId?: string; paidBroadcast?: boolean },
    message: OutboundMessage,
    progress?: SendProgress,
  ): Promise<{ messageId: string }> {
    try {
      if (message.editMessageId) return await this.edit(target.chatId, message.editMessageId, message);
      const paid = target.paidBroadcast === true;
      return await sendParts(this.parts(target.chatId, message, target.threadId, paid), progress);
    } catch (error) {
      const failure = toPlatformError(error);
      if (message.editMessageId && isNotModified(failure)) return { messageId: message.editMessageId };
      throw failure;
    }
  }

  private async edit(chatId: string, messageId: string, message: OutboundMessage): Promise<{ messageId: string }> {
    const html = this.options.translator.render(message.text, message.locale, escapeHtml);
    const chunk = splitHtml(html, TELEGRAM_TEXT_LIMIT)[0] ?? html;
    await this.options.telegram.editMessageText(chatId, Number(messageId), undefined, chunk, {
      ...BASE,
      ...this.keyboard(message),
    });
    return { messageId };
  }

  /** The Bot API calls that make up a message, in order: its media (if any), then its text in parts. */
  private parts(chatId: string, message: OutboundMessage, threadId: string | undefined, paid: boolean): Part[] {
    const tg = this.options.telegram;
    const html = this.options.translator.render(message.text, message.locale, escapeHtml);
    const keyboard = this.keyboard(message);
    // Every part in the group's topic; a reply goes where the message it answers is (Telegram puts it there).
    const topic = threadId && !message.replyToMessageId ? { message_thread_id: Number(threadId) } : {};
    // Campaigns and quizzes arrive without a sound; alerts and replies always ring.
    const everyPart = {
      ...topic,
      ...(message.silent ? { disable_notification: true } : {}),
      // A paid broadcast (a khẩn alert, TELEGRAM_PAID_BROADCAST=khan): up to 1,000/s for 0.1 Star each.
      ...(paid ? { allow_paid_broadcast: true } : {}),
    };
    const replyTo = {
      ...everyPart,
      ...(message.replyToMessageId
        ? { reply_parameters: { message_id: Number(message.replyToMessageId), allow_sending_without_reply: true } }
        : {}),
    };
    const media = message.photo ?? message.document;
    let first: ((extra: object) => Promise<number>) | undefined;
    let rest: string[];
    let captionAndKeyboard: (last: boolean) => object = () => ({});
    if (media || (message.clip && message.clip.kind !== "videoNote")) {
      const [caption, ...more] = html.trim() ? splitHtml(html, TELEGRAM_CAPTION_LIMIT) : [];
      rest = more.length > 0 ? splitHtml(more.join("\n"), TELEGRAM_TEXT_LIMIT) : [];
      captionAndKeyboard = (last) => ({
        ...(caption ? { caption, parse_mode: "HTML" as const } : {}),
        ...(last ? keyboard : {}),
      });
      first = media ? this.sendMedia(chatId, message, media) : this.sendClip(chatId, message);
    } else if (message.clip) {
      // A video note takes no caption: its text follows.
      rest = html.trim() ? splitHtml(html, TELEGRAM_TEXT_LIMIT) : [];
      captionAndKeyboard = (last) => (last ? keyboard : {});
      first = this.sendClip(chatId, message);
    } else if (message.location) {
      const { latitude, longitude } = message.location;
      rest = html.trim() ? splitHtml(html, TELEGRAM_TEXT_LIMIT) : [];
      first = async (extra) => (await tg.sendLocation(chatId, latitude, longitude, extra)).message_id;
    } else {
      rest = splitHtml(html, TELEGRAM_TEXT_LIMIT);
    }
    const parts: Part[] = [];
    const opening = first;
    if (opening) parts.push(() => opening({ ...replyTo, ...captionAndKeyboard(rest.length === 0) }));
    for (const [index, chunk] of rest.entries()) {
      const extra = {
        ...BASE,
        ...everyPart,
        ...(parts.length === 0 ? replyTo : {}),
        ...(index === rest.length - 1 ? keyboard : {}),
      };
      parts.push(async () => (await tg.sendMessage(chatId, chunk, extra)).message_id);
    }
    return parts;
  }

  private sendMedia(chatId: string, message: OutboundMessage, media: Media): (extra: object) => Promise<number> {
    const tg = this.options.telegram;
    return async (extra) =>
      (message.photo
        ? await tg.sendPhoto(chatId, inputFile(media), extra)
        : await tg.sendDocument(chatId, inputFile(media), extra)
      ).message_id;
  }

  /** A voice note or video by its file id (a copy, never a forward). */
  private sendClip(chatId: string, message: OutboundMessage): (extra: object) => Promise<number> {
    const tg = this.options.telegram;
    return async (extra) => {
      const clip = message.clip;
      if (!clip) throw new Error("no clip");
      const file = inputFile(clip.media);
      if (clip.kind === "videoNote")
        return (await tg.sendVideoNote(chatId, typeof file === "string" ? file : { source: file.source }, extra))
          .message_id;
      return (clip.kind === "voice" ? await tg.sendVoice(chatId, file, extra) : await tg.sendVideo(chatId, file, extra))
        .message_id;
    };
  }

  async answer(options: { press: ButtonPress; text?: Text; locale: Locale; alert?: boolean }): Promise<void> {
    const text = options.text
      ? this.options.translator.render(options.text, options.locale, noEscape).slice(0, 200)
      : undefined;
    const reply = this.webhookReplies.get(options.press.callbackId);
    if (reply && !reply.call) {
      // No request of our own: Telegram runs the call the webhook response carries (and tells nothing back).
      reply.call = {
        method: "answerCallbackQuery",
        callback_query_id: options.press.callbackId,
        ...(text ? { text } : {}),
        show_alert: options.alert ?? false,
      };
      return;
    }
    try {
      await this.options.telegram.answerCbQuery(options.press.callbackId, text, { show_alert: options.alert ?? false });
    } catch (error) {
      const failure = toPlatformError(error);
      // "Query is too old" (Telegram takes answers for ~15 s) or an unknown query id: the press can no
      // longer be answered, but what it asked for is done — not a failure of the update.
      if (failure.failure === "bad_request") return;
      throw failure;
    }
  }

  /**
   * getChatMember about another person is guaranteed only to a bot that administers the group; a
   * plain member bot asks for the administrators' list instead, which any member may read.
   */
  async isGroupAdmin(options: { chatId: string; userId: string }): Promise<GroupAdminAnswer> {
    const tg = this.options.telegram;
    try {
      const member = await tg.getChatMember(options.chatId, Number(options.userId));
      return member.status === "creator" || member.status === "administrator";
    } catch (error) {
      if (toPlatformError(error).failure !== "bad_request") throw toPlatformError(error);
    }
    try {
      const admins = await tg.getChatAdministrators(options.chatId);
      return admins.some((admin) => String(admin.user.id) === options.userId);
    } catch (error) {
      if (toPlatformError(error).failure !== "bad_request") throw toPlatformError(error);
      return "unknown";
    }
  }

  botUsername(): string | undefined {
    return this.options.botUsername();
  }

  async deleteMessage(options: { chatId: string; messageId: string }): Promise<boolean> {
    try {
      return await this.options.telegram.deleteMessage(options.chatId, Number(options.messageId));
    } catch (error) {
      const failure = toPlatformError(error);
      // A refusal (no right to delete, message too old or gone) is an answer; a network failure is not.
      if (failure.failure === "bad_request" || failure.failure === "chat_gone") return false;
      throw failure;
    }
  }
}
