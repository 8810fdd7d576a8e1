/**
 * Turns a Zalo update into an InboundEvent. Zalo has no buttons: a bare number answers the chat's
 * newest open numbered prompt (unless that newest prompt is a question wanting typed words) and
 * becomes a `button` event. Zalo documents no field naming a quoted message (ZALO.md), so a reply
 * is read by its words alone: acknowledging an alert in a group is done by its number too.
 */
import type { ChatRef, InboundEvent, UserRef } from "../../core/messages.js";
import { parseCommand } from "../../core/parse-command.js";
import type { PromptStore } from "../../core/ports.js";
import { withStorableStrings } from "../../core/storable-text.js";
import type { ZaloKnownUpdate } from "./client/index.js";

export interface ZaloInboundOptions {
  readonly prompts: PromptStore;
  readonly chatKey: (chatId: string) => string;
  /** The bot's display name (getMe `account_name`), stripped from @mentions in groups. */
  readonly botName: string | undefined;
  readonly now: () => Date;
}

/** Zalo message ids are unique per bot: they are the update key (and dedupe repeated deliveries). */
export async function zaloToInboundEvent(
  raw: ZaloKnownUpdate,
  options: ZaloInboundOptions,
): Promise<InboundEvent | null> {
  // What people wrote (names, texts) may hold characters PostgreSQL cannot store.
  const update = withStorableStrings(raw);
  const message = update.message;
  // An unsupported event may come with no message at all (ZALO.md): no one to answer.
  if (message === undefined || message.from.is_bot) return null;
  const chat: ChatRef = {
    platform: "zalo",
    chatId: message.chat.id,
    kind: message.chat.chat_type === "GROUP" ? "group" : "private",
  };
  const from: UserRef = {
    platform: "zalo",
    userId: message.from.id,
    ...(message.from.display_name ? { displayName: message.from.display_name } : {}),
  };
  const base = { platform: "zalo" as const, updateKey: message.message_id, chat, from, messageId: message.message_id };

  switch (update.event_name) {
    case "message.text.received": {
      const text = stripMention(update.message.text, options.botName);
      const asButton = await pressFromText({ text, chatId: chat.chatId, messageId: message.message_id, options });
      if (asButton) return { ...base, type: "button", data: asButton.data, callbackId: asButton.callbackId };
      if (text.startsWith("/")) {
        const parsed = parseCommand(text, undefined);
        if (!parsed) return null;
        return { ...base, type: "command", command: parsed.command, args: parsed.args, addressedToBot: true };
      }
      return { ...base, type: "text", text };
    }
    case "message.image.received": {
      const url = message.photo_url ?? message.photo ?? message.url;
      if (!url) return null;
      return {
        ...base,
        type: "photo",
        fileId: url,
        ...(message.caption ? { caption: message.caption } : {}),
        uncompressed: false,
      };
    }
    case "message.voice.received": {
      // The address is temporary on Zalo's side, as a photo's is; it is relayed as the clip's file id.
      const url = message.voice ?? message.url;
      return url && /^https?:\/\//i.test(url)
        ? { ...base, type: "clip", kind: "voice", fileId: url }
        : { ...base, type: "unsupported" };
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

/**
 * In groups people pick the bot's display name to mention it: it starts with "Bot " and may hold
 * spaces ("@Bot Kẻng Phường 5 /dangky …", ZALO.md). The known name is removed wherever it stands;
 * any other leading mention is removed before a command (the name may have changed since getMe).
 * A bare number keeps an unknown mention: "@Bot Kẻng Phường 5" must not press choice 5.
 */
export function stripMention(text: string, botName: string | undefined): string {
  const withoutName = botName ? text.split(`@${botName}`).join(" ") : text;
  return withoutName.replace(/^\s*@[^/]*?\s+(?=\/)/u, "").trim();
}

/** A numeric answer as a button press. */
async function pressFromText(input: { text: string; chatId: string; messageId: string; options: ZaloInboundOptions }) {
  const { options } = input;
  const chatKey = options.chatKey(input.chatId);
  // Zalo has no callback queries: the answer goes to the chat (ZaloAnswerer), the id only names the message.
  const callbackId = input.messageId;
  const number = /^\s*(\d{1,2})\s*\.?\s*$/.exec(input.text)?.[1];
  if (number) {
    // The person was asked for a number (how many arrested?): "2" is their answer, not choice 2.
    if (await options.prompts.awaitsText({ chatKey, now: options.now() })) return null;
    const data = await options.prompts.resolveNumber({ chatKey, number: Number(number), now: options.now() });
    return data ? { data, callbackId } : { data: `expired:${number}`, callbackId };
  }
  return null;
}
