/**
 * Renders OutboundMessage for Zalo: plain text (no HTML), split at 2000 characters, buttons as
 * numbered lines whose numbers are remembered (PromptStore) so a bare numeric reply presses them,
 * no edits (a final summary is sent anew), no reply-to (cancellations and closures name the alert).
 * Zalo takes photos only by URL and no documents: bytes and Telegram files get a link of ours
 * (PublicMedia, when PUBLIC_BASE_URL is set), a photo is sent by it and a document, voice note or
 * video as a link line.
 */
import { escapeHtml, type Translator } from "../../core/i18n.js";
import type { Button, ChatKind, Media, OutboundMessage } from "../../core/messages.js";
import type { ChatSender, PromptStore } from "../../core/ports.js";
import { lines, t, type Text } from "../../core/text.js";
import { splitToPlain } from "../plain-text.js";
import type { PublicMedia } from "../public-media.js";
import type { ZaloBotClient } from "./client/index.js";
import { choiceLines } from "./zalo-choices.js";
import { toPlatformErrorZalo } from "./zalo-errors.js";

export const ZALO_TEXT_LIMIT = 2000;
/** How long a numbered choice stays answerable. */
export const PROMPT_TTL_MS = 48 * 3600_000;

export class ZaloSender implements ChatSender {
  readonly platform = "zalo" as const;

  constructor(
    private readonly options: {
      client: ZaloBotClient;
      translator: Translator;
      prompts: PromptStore;
      chatKey: (chatId: string) => string;
      /** Links for photos and documents Zalo cannot take as they are; absent without PUBLIC_BASE_URL (text only). */
      media?: PublicMedia;
    },
  ) {}

  async send(target: { chatId: string; kind: ChatKind }, message: OutboundMessage): Promise<{ messageId: string }> {
    // Zalo cannot edit: progress edits are skipped, a final summary goes out as a new message.
    if (message.editMessageId && !message.summary) return { messageId: message.editMessageId };
    const chatKey = this.options.chatKey(target.chatId);
    // Links are made before sending: a database failure here retries the whole message.
    const photoUrl = await this.photoUrl(message.photo);
    // A voice note or video goes as a link line, as a document does (the Bot API's sendVoice is unconfirmed).
    const documentLine = await this.documentLine(
      message.document ?? message.clip?.media,
      message.clip ? t("common:zalo.clip") : undefined,
    );
    // A photo we tried and failed to link (a fetch failed): the text goes, saying so. Without PUBLIC_BASE_URL it goes alone (logged at start).
    const photoLost = message.photo !== undefined && photoUrl === undefined && this.options.media !== undefined;
    const extra = [...(documentLine ? [documentLine] : []), ...(photoLost ? [t("common:zalo.photoNotAttached")] : [])];
    const text = await this.withChoices(
      message,
      chatKey,
      extra.length > 0 ? lines(message.text, ...extra) : message.text,
    );
    // Marked before the question goes out: the person may answer the instant they read it.
    if (message.expectsText)
      await this.options.prompts.expectText({ chatKey, expiresAt: new Date(Date.now() + PROMPT_TTL_MS) });
    const html = this.options.translator.render(text, message.locale, escapeHtml);
    const chunks = splitToPlain(html, ZALO_TEXT_LIMIT);
    try {
      let firstId: string | undefined;
      if (photoUrl !== undefined) {
        const [caption, ...rest] = chunks;
        const sent = await this.options.client.sendPhoto({
          chatId: target.chatId,
          photoUrl,
          ...(caption ? { caption } : {}),
        });
        firstId = String(sent.message_id);
        chunks.splice(0, chunks.length, ...rest);
      }
      for (const chunk of chunks) {
        const sent = await this.options.client.sendMessage({ chatId: target.chatId, text: chunk });
        firstId ??= String(sent.message_id);
      }
      if (firstId === undefined) throw new Error("empty message");
      return { messageId: firstId };
    } catch (error) {
      throw toPlatformErrorZalo(error);
    }
  }

  /** The URL Zalo fetches the photo from, if it can have one. */
  private async photoUrl(photo: Media | undefined): Promise<string | undefined> {
    if (!photo) return undefined;
    if (photo.kind === "url") return photo.url;
    return (await this.options.media?.link(photo))?.url;
  }

  /** Zalo has no document upload: a line with a link to the file (ours expires: the line says when). */
  private async documentLine(document: Media | undefined, label?: Text): Promise<Text | undefined> {
    if (!document) return undefined;
    const link =
      document.kind === "url"
        ? { url: document.url, expiresAt: undefined, filename: undefined }
        : await this.options.media?.link(document);
    if (!link) return undefined;
    const name = link.filename ?? (document.kind === "bytes" ? document.filename : undefined);
    const params = { name: label ?? (name ? { raw: name } : t("common:zalo.attachment")), url: link.url };
    if (!link.expiresAt) return t("common:zalo.document", params);
    const hours = Math.max(1, Math.floor((link.expiresAt.getTime() - Date.now()) / 3600_000));
    return t("common:zalo.documentExpires", { ...params, hours });
  }

  /** Appends numbered lines for callback buttons and hints for links. */
  private async withChoices(message: OutboundMessage, chatKey: string, body: Text): Promise<Text> {
    const buttons: Button[] = (message.buttons ?? []).flat();
    const callbacks = buttons.flatMap((b) => ("callback" in b ? [b] : []));
    if (buttons.length === 0) return body;
    const numbers = await this.options.prompts.allocate({
      chatKey,
      options: callbacks.map((b) => ({ data: b.callback, primary: b.primary === true })),
      expiresAt: new Date(Date.now() + PROMPT_TTL_MS),
    });
    return lines(body, ...choiceLines(buttons, numbers));
  }
}
