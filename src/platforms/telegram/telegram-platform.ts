/**
 * The Telegram side of Kẻng: one Telegraf instance pointed at `TELEGRAM_API_ROOT`, receiving
 * updates by long polling or through our HTTP server's webhook route, and handing each one, as an
 * InboundEvent, to the dispatcher.
 */
import type { PlatformConnectionOptions } from "../connection-options.js";
import { Telegraf } from "telegraf";
import type { Update } from "telegraf/types";
import type { Logger } from "pino";
import type { InboundEvent } from "../../core/messages.js";
import { DependencyUnavailableError } from "../../core/errors.js";
import { errorWithoutIds } from "../../core/log-privacy.js";
import { toPlatformError } from "./telegram-errors.js";
import { addRequestTimeouts } from "./request-timeout.js";
import { TelegramPoller } from "./telegram-polling.js";
import { TelegramSender, type WebhookReply } from "./telegram-sender.js";
import { toInboundEvent } from "./to-inbound-event.js";

export interface TelegramPlatformOptions extends PlatformConnectionOptions {
  readonly logger: Logger;
}

/**
 * How long telegraf waits for the dispatcher before it gives up on an update. Long polling confirms
 * a batch with the next getUpdates, so this must outlast the dispatcher's wait for Postgres/Redis
 * to come back (OUTAGE_WAIT_MS, 2 min): an update still waiting must not be confirmed, or a
 * process killed during the outage would lose it (Telegram keeps unconfirmed updates for 24 h).
 */
const HANDLER_TIMEOUT_MS = 150_000;

const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

export class TelegramPlatform {
  readonly bot: Telegraf;
  readonly sender: TelegramSender;
  private dispatch: ((event: InboundEvent) => Promise<void>) | undefined;
  private poller: TelegramPoller | undefined;
  private webhookSet = false;

  constructor(private readonly options: TelegramPlatformOptions) {
    this.bot = new Telegraf(options.token, {
      telegram: { apiRoot: options.apiRoot, webhookReply: false },
      handlerTimeout: HANDLER_TIMEOUT_MS,
    });
    addRequestTimeouts(this.bot.telegram);
    this.sender = new TelegramSender({
      telegram: this.bot.telegram,
      translator: options.translator,
      botUsername: () => this.bot.botInfo?.username,
    });
    this.bot.use(async (ctx) => {
      const event = toInboundEvent(ctx.update, this.bot.botInfo?.username);
      if (!event) return;
      if (!this.dispatch) throw new Error("Telegram update before the dispatcher was attached");
      await this.dispatch(event);
    });
    this.bot.catch((error, ctx) => {
      // Without the sender's ids, and without a Bot API error's request (it names the chat).
      const ids = [
        ctx.from ? String(ctx.from.id) : undefined,
        ctx.from?.username,
        ctx.chat ? String(ctx.chat.id) : undefined,
      ];
      options.logger.error(
        { err: errorWithoutIds(error, ids), updateId: ctx.update.update_id, event: "telegram_update_failed" },
        "Telegram update failed",
      );
    });
  }

  /** Calls getMe (fails fast on a rejected token), then starts polling or sets the webhook. */
  async start(dispatch: (event: InboundEvent) => Promise<void>, options: { receive: boolean }): Promise<void> {
    this.dispatch = dispatch;
    try {
      this.bot.botInfo = await this.bot.telegram.getMe();
    } catch (error) {
      const failure = toPlatformError(error);
      if (failure.failure !== "unauthorized") throw failure;
      // One structured line to alert on, and one line for the person starting it.
      this.options.logger.error(
        { event: "platform_token_rejected", platform: "telegram" },
        "Telegram rejected the bot token",
      );
      throw new DependencyUnavailableError(
        "Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized). Check the token from @BotFather.",
      );
    }
    if (!options.receive) return;
    if (this.options.mode === "webhook") {
      if (!this.options.webhookUrl) throw new Error("TELEGRAM_WEBHOOK_URL is required in webhook mode");
      await this.bot.telegram.setWebhook(this.options.webhookUrl, {
        ...(this.options.webhookSecret ? { secret_token: this.options.webhookSecret } : {}),
        allowed_updates: ALLOWED_UPDATES,
      });
      this.webhookSet = true;
      return;
    }
    // getUpdates answers 409 while a webhook is set.
    await this.bot.telegram.deleteWebhook();
    this.poller = new TelegramPoller({ bot: this.bot, allowedUpdates: ALLOWED_UPDATES, logger: this.options.logger });
    this.poller.start();
  }

  /**
   * Whether updates reach this process: the webhook is set, or the last getUpdates succeeded.
   * Undefined when this process does not receive Telegram updates at all.
   */
  receiving(): boolean | undefined {
    if (this.poller) return this.poller.receiving;
    return this.webhookSet ? true : undefined;
  }

  /**
   * Handles one webhook body (already authenticated and validated by the HTTP layer). A button
   * press is answered in the webhook's own response (Telegram takes one method call there): the
   * call to send back is returned, and no answerCallbackQuery request of ours is made.
   */
  async handleWebhookUpdate(update: Update): Promise<Record<string, unknown> | undefined> {
    const pressId = "callback_query" in update ? update.callback_query.id : undefined;
    if (pressId === undefined) {
      await this.bot.handleUpdate(update);
      return undefined;
    }
    const reply: WebhookReply = {};
    this.sender.webhookReplies.set(pressId, reply);
    try {
      await this.bot.handleUpdate(update);
    } finally {
      this.sender.webhookReplies.delete(pressId);
    }
    return reply.call;
  }

  stop(): Promise<void> {
    this.poller?.stop();
    this.poller = undefined;
    this.webhookSet = false;
    return Promise.resolve();
  }
}
