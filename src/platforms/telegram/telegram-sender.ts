/**
 * Renders OutboundMessage for Telegram (HTML parse mode, every user string escaped, long text
 * split at 4096 / captions at 1024, never cut) and sends it through telegraf's API client.
 */
import type { Telegram } from "telegraf";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "telegraf/types";
import { escapeHtml, noEscape, type Translator } from "../../core/i18n.js";
import type { ChatKind, Media, OutboundMessage } from "../../core/messages.js";
import type { ButtonAnswerer, ChatSender, PlatformDirectory } from "../../core/ports.js";
import { splitHtml } from "../../core/split-html.js";
import type { Locale, Text } from "../../core/text.js";
import { isNotModified, toPlatformError } from "./telegram-errors.js";

export const TELEGRAM_TEXT_LIMIT = 4096;
export const TELEGRAM_CAPTION_LIMIT = 1024;

type InputFile = string | { source: Buffer; filename: string };

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

export class TelegramSender implements ChatSender, ButtonAnswerer, PlatformDirectory {
  readonly platform = "telegram" as const;

  constructor(private readonly options: { telegram: Telegram; translator: Translator; botUsername: () => string | undefined }) {}

  private keyboard(message: OutboundMessage): { reply_markup: InlineKeyboardMarkup } | Record<string, never> {
    if (!message.buttons || message.buttons.length === 0) return {};
    const render = (text: Text) => this.options.translator.render(text, message.locale, noEscape);
    const inline_keyboard: InlineKeyboardButton[][] = message.buttons.map((row) =>
      row.map((b): InlineKeyboardButton => ("url" in b ? { text: render(b.text), url: b.url } : { text: render(b.text), callback_data: b.callback })),
    );
    return { reply_markup: { inline_keyboard } };
  }

  async send(target: { chatId: string; kind: ChatKind }, message: OutboundMessage): Promise<{ messageId: string }> {
    try {
      return await this.sendUnsafe(target.chatId, message);
    } catch (error) {
      const failure = toPlatformError(error);
      if (message.editMessageId && isNotModified(failure)) return { messageId: message.editMessageId };
      throw failure;
    }
  }

  private async sendUnsafe(chatId: string, message: OutboundMessage): Promise<{ messageId: string }> {
    const tg = this.options.telegram;
    const html = this.options.translator.render(message.text, message.locale, escapeHtml);
    const keyboard = this.keyboard(message);
    // Campaigns and quizzes arrive without a sound; alerts and replies always ring.
    const silent = message.silent ? { disable_notification: true } : {};
    const replyTo = { ...silent, ...(message.replyToMessageId ? { reply_parameters: { message_id: Number(message.replyToMessageId), allow_sending_without_reply: true } } : {}) };
    const base = { parse_mode: "HTML" as const, link_preview_options: { is_disabled: true } };

    if (message.editMessageId) {
      const chunk = splitHtml(html, TELEGRAM_TEXT_LIMIT)[0] ?? html;
      await tg.editMessageText(chatId, Number(message.editMessageId), undefined, chunk, { ...base, ...keyboard });
      return { messageId: message.editMessageId };
    }

    let firstId: number | undefined;
    let rest: string[] = [];
    const media = message.photo ?? message.document;
    if (media) {
      const [caption, ...more] = html.trim() ? splitHtml(html, TELEGRAM_CAPTION_LIMIT) : [];
      const captionExtra = { ...(caption ? { caption, parse_mode: "HTML" as const } : {}), ...replyTo, ...(more.length === 0 ? keyboard : {}) };
      const sent = message.photo
        ? await tg.sendPhoto(chatId, inputFile(media), captionExtra)
        : await tg.sendDocument(chatId, inputFile(media), captionExtra);
      firstId = sent.message_id;
      rest = more.length > 0 ? splitHtml(more.join("\n"), TELEGRAM_TEXT_LIMIT) : [];
    } else if (message.clip) {
      const sent = await this.sendClip(chatId, message.clip, html, { replyTo, keyboard });
      firstId = sent.messageId;
      rest = sent.rest;
    } else if (message.location) {
      const sent = await tg.sendLocation(chatId, message.location.latitude, message.location.longitude, { ...replyTo });
      firstId = sent.message_id;
      rest = html.trim() ? splitHtml(html, TELEGRAM_TEXT_LIMIT) : [];
    } else {
      rest = splitHtml(html, TELEGRAM_TEXT_LIMIT);
    }

    for (const [index, chunk] of rest.entries()) {
      const last = index === rest.length - 1;
      const sent = await tg.sendMessage(chatId, chunk, { ...base, ...silent, ...(firstId === undefined ? replyTo : {}), ...(last ? keyboard : {}) });
      firstId ??= sent.message_id;
    }
    if (firstId === undefined) throw new Error("empty message");
    return { messageId: String(firstId) };
  }

  /** A voice note or video by its file id (a copy, never a forward); a video note takes no caption, so its text follows. */
  private async sendClip(chatId: string, clip: NonNullable<OutboundMessage["clip"]>, html: string, extra: { replyTo: object; keyboard: object }): Promise<{ messageId: number; rest: string[] }> {
    const tg = this.options.telegram;
    const file = inputFile(clip.media);
    if (clip.kind === "videoNote") {
      const rest = html.trim() ? splitHtml(html, TELEGRAM_TEXT_LIMIT) : [];
      const sent = await tg.sendVideoNote(chatId, typeof file === "string" ? file : { source: file.source }, { ...extra.replyTo, ...(rest.length === 0 ? extra.keyboard : {}) });
      return { messageId: sent.message_id, rest };
    }
    const [caption, ...more] = html.trim() ? splitHtml(html, TELEGRAM_CAPTION_LIMIT) : [];
    const captioned = { ...(caption ? { caption, parse_mode: "HTML" as const } : {}), ...extra.replyTo, ...(more.length === 0 ? extra.keyboard : {}) };
    const sent = clip.kind === "voice" ? await tg.sendVoice(chatId, file, captioned) : await tg.sendVideo(chatId, file, captioned);
    return { messageId: sent.message_id, rest: more.length > 0 ? splitHtml(more.join("\n"), TELEGRAM_TEXT_LIMIT) : [] };
  }

  async answer(options: { callbackId: string; text?: Text; locale: Locale; alert?: boolean }): Promise<void> {
    const text = options.text ? this.options.translator.render(options.text, options.locale, noEscape).slice(0, 200) : undefined;
    try {
      await this.options.telegram.answerCbQuery(options.callbackId, text, { show_alert: options.alert ?? false });
    } catch (error) {
      const failure = toPlatformError(error);
      // "Query is too old" (Telegram takes answers for ~15 s) or an unknown query id: the press can no
      // longer be answered, but what it asked for is done — not a failure of the update.
      if (failure.failure === "bad_request") return;
      throw failure;
    }
  }

  async isGroupAdmin(options: { chatId: string; userId: string }): Promise<boolean> {
    try {
      const member = await this.options.telegram.getChatMember(options.chatId, Number(options.userId));
      return member.status === "creator" || member.status === "administrator";
    } catch (error) {
      throw toPlatformError(error);
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
