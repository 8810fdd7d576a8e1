/**
 * The Zalo side of Kẻng: our Bot API client, long polling (development) or the webhook route
 * (production), updates turned into InboundEvents for the dispatcher. Zalo has no member lists:
 * registering a group needs only the officer role; it has no deep links either.
 */
import type { PlatformConnectionOptions } from "../connection-options.js";
import type { Logger } from "pino";
import { errorWithoutIds } from "../../core/log-privacy.js";
import type { InboundEvent } from "../../core/messages.js";
import type { Outbox, PlatformDirectory, PromptStore } from "../../core/ports.js";
import type { IdentityStore } from "../../modules/identity/types.js";
import { t, type Locale, type Text } from "../../core/text.js";
import type { PublicMedia } from "../public-media.js";
import { isKnownZaloUpdate, ZaloBotClient, type ZaloUpdate } from "./client/index.js";
import type { KeepInboundPhoto } from "./keep-inbound-photo.js";
import { takeInboundPhoto } from "./take-inbound-photo.js";
import { zaloToInboundEvent } from "./to-inbound-event.js";
import { ZaloAnswerer } from "./zalo-answerer.js";
import { ZaloSender } from "./zalo-sender.js";

export interface ZaloPlatformOptions extends PlatformConnectionOptions {
  readonly prompts: PromptStore;
  /** Keyed hash of a Zalo chat id (prompt keys never hold the id). */
  readonly chatKey: (chatId: string) => string;
  readonly outbox: Outbox;
  readonly identity: IdentityStore;
  readonly logger: Logger;
  /** Links for photos and documents given as bytes or Telegram files; absent without PUBLIC_BASE_URL. */
  readonly media?: PublicMedia;
  /** Called once for each message Zalo accepted (the monthly quota count); must not throw. */
  readonly onSent?: () => Promise<void>;
  /** Keeps a photo people send before its Zalo link expires; absent without PUBLIC_BASE_URL (the Zalo link is passed on). */
  readonly keepPhoto?: KeepInboundPhoto;
  /** The language of a notice to someone who has not chosen one. */
  readonly defaultLocale: Locale;
}

const POLL_SECONDS = 30;

export class ZaloPlatform implements PlatformDirectory {
  readonly client: ZaloBotClient;
  readonly sender: ZaloSender;
  readonly answerer: ZaloAnswerer;
  private dispatch: ((event: InboundEvent) => Promise<void>) | undefined;
  private botName: string | undefined;
  /** getMe's `can_join_groups`, once read. */
  private canJoinGroups: boolean | undefined;
  private polling = false;
  private pollLoop: Promise<void> | undefined;

  constructor(private readonly options: ZaloPlatformOptions) {
    this.client = new ZaloBotClient({
      token: options.token,
      apiRoot: options.apiRoot,
      timeoutMs: (POLL_SECONDS + 10) * 1000,
      ...(options.onSent ? { onSent: options.onSent } : {}),
    });
    this.sender = new ZaloSender({
      client: this.client,
      translator: options.translator,
      prompts: options.prompts,
      chatKey: options.chatKey,
      ...(options.media ? { media: options.media } : {}),
    });
    this.answerer = new ZaloAnswerer({ outbox: options.outbox, identity: options.identity });
  }

  /** Calls getMe (a rejected token fails here, loudly), then polls or sets the webhook. */
  async start(dispatch: (event: InboundEvent) => Promise<void>, options: { receive: boolean }): Promise<void> {
    this.dispatch = dispatch;
    try {
      const me = await this.client.getMe();
      this.botName = me.account_name;
      this.canJoinGroups = me.can_join_groups;
    } catch (error) {
      this.options.logger.error(
        { event: "platform_token_rejected", platform: "zalo", err: error },
        "Zalo rejected the bot token or cannot be reached",
      );
      throw error;
    }
    // Groups are "in internal testing" on Zalo (ZALO.md): say so at once when this bot has none.
    if (this.canJoinGroups === false)
      this.options.logger.warn(
        { event: "zalo_groups_unavailable" },
        "Zalo getMe: can_join_groups is false, so no Zalo group can hear the gong; private chats still work",
      );
    if (!options.receive) return;
    if (this.options.mode === "webhook") {
      if (!this.options.webhookUrl || !this.options.webhookSecret)
        throw new Error("ZALO_WEBHOOK_URL and ZALO_WEBHOOK_SECRET are required in webhook mode");
      await this.client.setWebhook({ url: this.options.webhookUrl, secretToken: this.options.webhookSecret });
      return;
    }
    await this.client.deleteWebhook().catch(() => undefined);
    this.polling = true;
    this.pollLoop = this.poll();
  }

  /** Handles one update (from the webhook route or the poller). */
  async handleUpdate(update: ZaloUpdate): Promise<void> {
    if (!isKnownZaloUpdate(update)) {
      this.options.logger.info({ event: "zalo_unknown_event", name: update.original_event_name }, "Zalo event ignored");
      return;
    }
    const message = update.message;
    if (message === undefined) {
      // An unsupported event with nothing in it (ZALO.md): no one to answer, nothing to keep.
      this.options.logger.info(
        { event: "zalo_empty_event", name: update.event_name },
        "Zalo event without a message ignored",
      );
      return;
    }
    let event: InboundEvent | null;
    try {
      event = await zaloToInboundEvent(update, {
        prompts: this.options.prompts,
        chatKey: this.options.chatKey,
        botName: this.botName,
        now: () => new Date(),
      });
    } catch (error) {
      // Logged here without the sender's ids; the caller (poller, webhook) logs only that it failed.
      this.options.logger.error(
        { event: "zalo_update_failed", err: errorWithoutIds(error, [message.from.id, message.chat.id]) },
        "Zalo update failed",
      );
      throw new Error("Zalo update failed (see zalo_update_failed)");
    }
    // Only a private chat's photo is read (a tip); group photos are chatter the bot ignores.
    if (event?.type === "photo" && event.chat.kind === "private" && this.options.keepPhoto) {
      const { keepPhoto: keep, outbox, identity, defaultLocale, logger } = this.options;
      event = await takeInboundPhoto(event, { keep, outbox, identity, defaultLocale, logger });
    }
    if (!event) {
      // A bot's own message, an image without a link, a command for no one: nothing to do.
      this.options.logger.debug(
        { event: "update_ignored", platform: "zalo", messageId: message.message_id },
        "Zalo update ignored",
      );
      return;
    }
    if (this.dispatch) await this.dispatch(event);
  }

  private async poll(): Promise<void> {
    let backoff = 1000;
    while (this.polling) {
      try {
        const update = await this.client.getUpdates({ timeoutSeconds: POLL_SECONDS });
        backoff = 1000;
        if (update) await this.handleUpdate(update);
      } catch (error) {
        if (!this.polling) break;
        this.options.logger.warn({ event: "zalo_poll_failed", err: error }, "Zalo polling failed; retrying");
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  async stop(): Promise<void> {
    this.polling = false;
    this.client.abort?.();
    await this.pollLoop?.catch(() => undefined);
  }

  /** What an officer's report should say about this bot (read from getMe at start). */
  notices(): Text[] {
    return this.canJoinGroups === false ? [t("reports:platform.zaloNoGroups")] : [];
  }

  async isGroupAdmin(): Promise<boolean> {
    return true;
  }

  botUsername(): string | undefined {
    return undefined;
  }

  /** The Zalo Bot API cannot delete messages. */
  async deleteMessage(): Promise<boolean> {
    return false;
  }
}
