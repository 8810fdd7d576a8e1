/** The platform-agnostic models of what comes in (InboundEvent) and what goes out (OutboundMessage). */
import type { Locale, Text } from "./text.js";

export type PlatformName = "telegram" | "zalo";
export type ChatKind = "private" | "group";

/** A chat as the platform names it. Platform ids are strings: Telegram's exceed 32 bits. */
export interface ChatRef {
  readonly platform: PlatformName;
  readonly chatId: string;
  readonly kind: ChatKind;
  readonly title?: string;
}

/** A person as the platform names them. */
export interface UserRef {
  readonly platform: PlatformName;
  readonly userId: string;
  readonly displayName?: string;
  readonly username?: string;
  readonly languageCode?: string;
}

interface InboundBase {
  readonly platform: PlatformName;
  /** Unique per platform update; the same update delivered twice has the same key. */
  readonly updateKey: string;
  readonly chat: ChatRef;
  readonly from: UserRef;
}

export type InboundEvent =
  | (InboundBase & {
      readonly type: "command";
      readonly command: string;
      readonly args: string;
      readonly messageId: string;
      readonly replyToMessageId?: string;
      /** Written as `/cmd@OurBot`: in a group, unknown commands are answered only then. */
      readonly addressedToBot: boolean;
      /** Sent on behalf of a chat (an anonymous group admin, a linked channel): no person to check roles of. */
      readonly onBehalfOfChat?: true;
      /** The forum topic it was sent in (Telegram `message_thread_id`). */
      readonly threadId?: string;
    })
  | (InboundBase & {
      readonly type: "text";
      readonly text: string;
      readonly messageId: string;
      readonly replyToMessageId?: string;
    })
  | (InboundBase & {
      readonly type: "photo";
      readonly fileId: string;
      readonly caption?: string;
      readonly messageId: string;
      readonly uncompressed: boolean;
      /** Photos sent together as an album share it (Telegram `media_group_id`): one answer for all. */
      readonly mediaGroupId?: string;
    })
  /** A voice note, a video or a round video note. */
  | (InboundBase & {
      readonly type: "clip";
      readonly kind: ClipKind;
      readonly fileId: string;
      readonly caption?: string;
      readonly messageId: string;
      readonly mediaGroupId?: string;
    })
  /** A message the bot cannot take (sticker, other file, contact, poll…): answered, never ignored, in a private chat. */
  | (InboundBase & { readonly type: "unsupported"; readonly messageId: string })
  | (InboundBase & {
      readonly type: "location";
      readonly latitude: number;
      readonly longitude: number;
      readonly messageId: string;
    })
  | (InboundBase & {
      readonly type: "button";
      readonly data: string;
      readonly callbackId: string;
      readonly messageId: string;
    })
  /** The bot was added to or removed from a group; `from` is who did it. */
  | (InboundBase & { readonly type: "membership"; readonly status: "added" | "removed" })
  /** A basic group became a supergroup with a new id. */
  | (InboundBase & { readonly type: "migrated"; readonly newChatId: string });

export type InboundEventType = InboundEvent["type"];

/** Sound and moving pictures a tipster may attach besides photos. */
export const CLIP_KINDS = ["voice", "video", "videoNote"] as const;
export type ClipKind = (typeof CLIP_KINDS)[number];

export type Button =
  /** `primary`: on platforms without buttons, a plain reply to the message presses this one. */
  | { readonly text: Text; readonly callback: string; readonly primary?: boolean }
  | { readonly text: Text; readonly url: string };

/** Media either uploaded from bytes we hold or fetched by the platform from a URL. */
export type Media =
  | { readonly kind: "url"; readonly url: string }
  | { readonly kind: "file"; readonly platformFileId: string }
  | { readonly kind: "bytes"; readonly base64: string; readonly filename: string };

/** One message to one chat, rendered in `locale` when it is sent. */
export interface OutboundMessage {
  readonly locale: Locale;
  readonly text: Text;
  readonly buttons?: readonly (readonly Button[])[];
  readonly replyToMessageId?: string;
  readonly photo?: Media;
  readonly document?: Media;
  /** A voice note, video or video note, sent as itself (Telegram sendVoice/sendVideo/sendVideoNote). */
  readonly clip?: { readonly kind: ClipKind; readonly media: Media };
  readonly location?: { readonly latitude: number; readonly longitude: number };
  /** Edit this earlier message of ours instead of sending a new one. */
  readonly editMessageId?: string;
  /** An edit worth a new message where edits do not exist (a final summary): Zalo sends it anew. */
  readonly summary?: boolean;
  /** Not urgent (campaigns, quizzes): delivered without a sound (Telegram `disable_notification`). */
  readonly silent?: boolean;
  /** A question wanting typed words (a number…): on Zalo a bare number then answers it, not an older choice. */
  readonly expectsText?: boolean;
}

/**
 * Deliver-queue priorities (BullMQ: lower runs first; 0 is BullMQ's "no priority", which runs
 * before every prioritized job). `control` is for the few messages that tell an officer what their
 * own broadcast is doing (its id, its progress): they must not wait behind it.
 */
export const Priority = { control: 0, alert: 1, interactive: 2, bulk: 3 } as const;
export type PriorityName = keyof typeof Priority;

/** The name of a stored numeric priority (unknown numbers count as interactive). */
export function priorityName(value: number): PriorityName {
  if (value === Priority.control) return "control";
  if (value === Priority.alert) return "alert";
  if (value === Priority.bulk) return "bulk";
  return "interactive";
}
