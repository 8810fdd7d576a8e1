/**
 * Long polling that does not stop. telegraf's own loop gives up for good on 409 Conflict (a second
 * getUpdates, e.g. the old container still running during a deploy) and on errors it does not know,
 * leaving a process that looks alive but hears nothing; it also passes its own abort signal, so our
 * request deadline never applied. This loop retries every failure with backoff and reports whether
 * updates are coming in, for /healthz.
 */
import type { Telegraf } from "telegraf";
import type { Update } from "telegraf/types";
import type { Logger } from "pino";
import { setTimeout as sleep } from "node:timers/promises";

/** How long Telegram may hold one getUpdates open (the request deadline adds to it). */
export const LONG_POLL_SECONDS = 50;
const FIRST_RETRY_MS = 500;
/** Telegram or the network back soon, or the old process of a deploy gone: look again within seconds. */
const MAX_RETRY_MS = 5000;
/** A rejected token stays rejected until someone fixes it: ask less often. */
const UNAUTHORIZED_RETRY_MS = 60_000;

interface ApiFailure {
  code?: unknown;
  parameters?: { retry_after?: unknown };
}

/** Doubling backoff; a 429 waits what Telegram asked for. */
function retryDelayMs(error: unknown, failures: number): number {
  const retryAfter = (error as ApiFailure).parameters?.retry_after;
  if (typeof retryAfter === "number") return retryAfter * 1000;
  if ((error as ApiFailure).code === 401) return UNAUTHORIZED_RETRY_MS;
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 10));
}

export class TelegramPoller {
  private readonly abort = new AbortController();
  private offset = 0;
  private receivingNow = false;
  private lastFailureCode: unknown;

  constructor(private readonly options: { bot: Telegraf; allowedUpdates: readonly string[]; logger: Logger }) {}

  /** True while the last getUpdates succeeded: this process is the one receiving. */
  get receiving(): boolean {
    return this.receivingNow;
  }

  start(): void {
    void this.loop().catch((error: unknown) => {
      this.options.logger.error({ err: error, event: "telegram_polling_stopped" }, "Telegram polling stopped");
    });
  }

  /** Ends the current long poll; updates being handled finish, then are confirmed. */
  stop(): void {
    this.receivingNow = false;
    this.abort.abort();
  }

  private async loop(): Promise<void> {
    const { bot, allowedUpdates, logger } = this.options;
    const signal = this.abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        // The first poll, and the first after a failure, is short: it shows at once (to /healthz)
        // whether this process receives; the long poll would answer only when an update comes.
        const timeout = this.receivingNow ? LONG_POLL_SECONDS : 0;
        const payload = { offset: this.offset, timeout, allowed_updates: allowedUpdates };
        // telegraf types the signal as its abort-controller polyfill's; a native one is what it passes on.
        const updates = (await bot.telegram.callApi("getUpdates", payload as never, { signal } as never)) as Update[];
        if (failures > 0) logger.info({ event: "telegram_polling_resumed", failures }, "Telegram polling resumed");
        this.receivingNow = !signal.aborted;
        this.lastFailureCode = undefined;
        failures = 0;
        await Promise.all(updates.map((update) => bot.handleUpdate(update)));
        const last = updates.at(-1);
        if (last !== undefined) this.offset = last.update_id + 1;
      } catch (error) {
        if (signal.aborted) break;
        this.receivingNow = false;
        failures++;
        this.lastFailureCode = (error as ApiFailure).code;
        const delayMs = retryDelayMs(error, failures);
        // 409: another process polls with this token (or a webhook is set); it may be the one leaving.
        logger.warn(
          { err: error, code: this.lastFailureCode, failures, delayMs, event: "telegram_polling_failed" },
          "Telegram getUpdates failed; retrying",
        );
        await sleep(delayMs, undefined, { signal }).catch(() => undefined);
      }
    }
    await this.confirmHandled();
  }

  /** Confirms what was handled, unless another poller now owns the token (that would cut it off). */
  private async confirmHandled(): Promise<void> {
    if (this.offset === 0 || this.lastFailureCode === 409 || this.lastFailureCode === 401) return;
    await this.options.bot.telegram
      .callApi("getUpdates", { offset: this.offset, limit: 1, timeout: 0 } as never)
      .catch(() => undefined);
  }
}
