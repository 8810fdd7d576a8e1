/**
 * Turns a Zalo update into an InboundEvent. Zalo has no buttons: a bare number answers the chat's
 * newest open numbered prompt (unless that newest prompt is a question wanting typed words), and a reply (quote) to one of our messages presses its primary
 * choice (e.g. acknowledging an alert in a group) — both become `button` events.
 */
import type { ChatRef, InboundEvent, UserRef } from "../../core/messages.js";
import { parseCommand } from "../../core/parse-command.js";
import type { PromptStore } from "../../core/ports.js";
import { withStorableStrings } from "../../core/storable-text.js";
import type { ZaloKnownUpdate } from "./client/index.js";

export interface ZaloInboundOptions {
  readonly prompts: PromptStore;
  readonly chatKey: (chatId: string) => string;
  /** The bot's display name, stripped from @mentions in groups. */
  readonly botName: string | undefined;
  readonly now: () => Date;
}

/** Zalo message ids are unique per bot: they are the update key (and dedupe repeated deliveries). */
export async function zaloToInboundEvent(raw: ZaloKnownUpdate, options: ZaloInboundOptions): Promise<InboundEvent | null> {
  // What people wrote (names, texts, quoted ids) may hold characters PostgreSQL cannot store.
  const update = withStorableStrings(raw);
  const message = update.message;
  if (message.from.is_bot) return null;
  const chat: ChatRef = { platform: "zalo", chatId: message.chat.id, kind: message.chat.chat_type === "GROUP" ? "group" : "private" };
  const from: UserRef = { platform: "zalo", userId: message.from.id, ...(message.from.display_name ? { displayName: message.from.display_name } : {}) };
  const base = { platform: "zalo" as const, updateKey: message.message_id, chat, from, messageId: message.message_id };
  const quoted = message.quote_message_id;

  switch (update.event_name) {
    case "message.text.received": {
      const text = stripMention(update.message.text, options.botName);
      const asButton = await pressFromText({ text, quoted, chatId: chat.chatId, messageId: message.message_id, options });
      if (asButton) return { ...base, type: "button", data: asButton.data, callbackId: asButton.callbackId };
      if (text.startsWith("/")) {
        const parsed = parseCommand(text, undefined);
        if (!parsed) return null;
        return { ...base, type: "command", command: parsed.command, args: parsed.args, addressedToBot: true, ...(quoted ? { replyToMessageId: quoted } : {}) };
      }
      return { ...base, type: "text", text, ...(quoted ? { replyToMessageId: quoted } : {}) };
    }
    case "message.image.received": {
      const url = message.photo_url ?? message.photo ?? message.url;
      if (!url) return null;
      return { ...base, type: "photo", fileId: url, ...(message.caption ? { caption: message.caption } : {}), uncompressed: false };
    }
    case "message.voice.received": {
      // The address is temporary on Zalo's side, as a photo's is; it is relayed as the clip's file id.
      const url = message.voice ?? message.url;
      return url && /^https?:\/\//i.test(url) ? { ...base, type: "clip", kind: "voice", fileId: url } : { ...base, type: "unsupported" };
    }
    case "message.sticker.received":
    case "message.unsupported.received":
      // Answered in a private chat with what Kẻng can read, never with silence.
      return { ...base, type: "unsupported" };
    default: {
      const never: never = update;
      throw new Error(`unhandled Zalo update ${JSON.stringify(never)}`);
    }
  }
}

function stripMention(text: string, botName: string | undefined): string {
  const withoutName = botName ? text.split(`@${botName}`).join(" ") : text;
  return withoutName.replace(/^\s*@\S+\s+(?=\/)/, "").trim();
}

/** A numeric answer, or a plain reply to a message with a primary choice, as a button press. */
async function pressFromText(input: { text: string; quoted: string | undefined; chatId: string; messageId: string; options: ZaloInboundOptions }) {
  const { options } = input;
  const chatKey = options.chatKey(input.chatId);
  const callbackId = `zalo:${input.chatId}:${input.messageId}`;
  const number = /^\s*(\d{1,2})\s*\.?\s*$/.exec(input.text)?.[1];
  if (number) {
    // The person was asked for a number (how many arrested?): "2" is their answer, not choice 2.
    if (await options.prompts.awaitsText({ chatKey, now: options.now() })) return null;
    const data = await options.prompts.resolveNumber({ chatKey, number: Number(number), now: options.now() });
    return data ? { data, callbackId } : { data: `expired:${number}`, callbackId };
  }
  if (input.quoted && !input.text.startsWith("/")) {
    const data = await options.prompts.resolveReply({ chatKey, messageId: input.quoted, now: options.now() });
    if (data) return { data, callbackId };
  }
  return null;
}
