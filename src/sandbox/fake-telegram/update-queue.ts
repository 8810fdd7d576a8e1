import type { WebhookAnswer } from "../fake-shared/webhook-poster.js";
import { WebhookPusher } from "../fake-shared/webhook-pusher.js";
import { conflict, type ApiError } from "./api-error.js";
import type { World } from "./world.js";

/** A webhook set with setWebhook. */
export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections: number;
  allowedUpdates?: unknown;
}

interface Entry {
  id: number | undefined;
  update: unknown;
  delivered: boolean;
  inFlight: boolean;
}

interface PollHandle {
  terminate: (error: ApiError) => void;
}

const WEBHOOK_ACTIVE =
  "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const OTHER_POLL = "terminated by other getUpdates request; make sure that only one bot instance is running";

/**
 * Pending updates, served by long polling or pushed to a webhook.
 *
 * Confirmation follows Telegram: `getUpdates(offset)` forgets delivered updates with a smaller id.
 * An update that was never delivered is kept even when its id is below the offset, so a test can
 * enqueue an already-seen update again to simulate a redelivery.
 */
export class UpdateQueue {
  private entries: Entry[] = [];
  private lastUpdateId = 0;
  private readonly waiters = new Set<() => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private activePoll: PollHandle | undefined;
  private webhook: WebhookConfig | undefined;
  private lastError: { date: number; message: string } | undefined;
  private stopped = false;
  private readonly pusher: WebhookPusher<Entry, WebhookConfig>;

  constructor(
    private readonly world: World,
    private readonly options: {
      attempts: number;
      baseDelayMs: number;
      /** Runs a method call the bot put in its answer to a webhook request. */
      onWebhookReply: (answer: WebhookAnswer) => Promise<void>;
      /** update_id of the first simulated update; default 1. */
      firstUpdateId?: number;
    },
  ) {
    this.lastUpdateId = (options.firstUpdateId ?? 1) - 1;
    this.pusher = new WebhookPusher({
      attempts: options.attempts,
      baseDelayMs: options.baseDelayMs,
      timeoutMs: 60_000,
      maxSockets: 100,
      stoppedMessage: "fake Telegram server stopped",
      pending: () => this.entries,
      webhook: () => this.webhook,
      maxConnections: (webhook) => webhook.maxConnections,
      headers: (webhook): Record<string, string> =>
        webhook.secretToken === undefined ? {} : { "x-telegram-bot-api-secret-token": webhook.secretToken },
      counters: () => this.world.stats,
      onFailure: (failure) => {
        const message =
          failure instanceof Error
            ? connectionError(failure)
            : `Wrong response from the webhook: ${failure.status} ${failure.statusMessage}`;
        this.lastError = { date: this.world.now(), message };
      },
      onDelivered: (answer) => (answer.body.length > 0 ? options.onWebhookReply(answer) : Promise.resolve()),
    });
  }

  /** The next update_id for a simulated update. */
  nextUpdateId(): number {
    this.lastUpdateId++;
    return this.lastUpdateId;
  }

  get pendingCount(): number {
    return this.entries.length;
  }

  enqueue(update: unknown): void {
    const id = readUpdateId(update);
    if (id !== undefined && id > this.lastUpdateId) this.lastUpdateId = id;
    const entry: Entry = { id, update, delivered: false, inFlight: false };
    let index = this.entries.length;
    if (id !== undefined) {
      while (index > 0 && (this.entries[index - 1]?.id ?? Infinity) > id) index--;
    }
    this.entries.splice(index, 0, entry);
    this.world.events.emit("update", update);
    for (const wake of [...this.waiters]) wake();
    this.pusher.pump();
  }

  /** Bot API getUpdates: confirm below `offset`, return up to `limit`, wait up to `timeout` s. */
  async getUpdates(options: {
    offset?: number;
    limit: number;
    timeout: number;
    signal: AbortSignal;
  }): Promise<unknown[]> {
    if (this.webhook !== undefined) throw conflict(WEBHOOK_ACTIVE);
    this.activePoll?.terminate(conflict(OTHER_POLL));
    const handle: PollHandle = { terminate: () => undefined };
    this.activePoll = handle;
    try {
      this.confirm(options.offset);
      const deadline = Date.now() + options.timeout * 1000;
      let batch = this.select(options.limit);
      while (batch.length === 0 && Date.now() < deadline && !options.signal.aborted && !this.stopped) {
        await this.wait(deadline - Date.now(), options.signal, handle);
        batch = this.select(options.limit);
      }
      if (options.signal.aborted) return [];
      for (const entry of batch) entry.delivered = true;
      // An update without a numeric id can never be confirmed: deliver it once.
      this.entries = this.entries.filter((entry) => entry.id !== undefined || !entry.delivered);
      return batch.map((entry) => entry.update);
    } finally {
      if (this.activePoll === handle) this.activePoll = undefined;
    }
  }

  private confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) {
      this.entries = this.entries.slice(offset);
      return;
    }
    this.entries = this.entries.filter((entry) => !(entry.delivered && entry.id !== undefined && entry.id < offset));
  }

  private select(limit: number): Entry[] {
    return this.entries.filter((entry) => !entry.inFlight).slice(0, Math.min(Math.max(limit, 1), 100));
  }

  private wait(ms: number, signal: AbortSignal, handle: PollHandle): Promise<void> {
    return new Promise((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.waiters.delete(finish);
        signal.removeEventListener("abort", finish);
        handle.terminate = () => undefined;
      };
      const finish = (): void => {
        cleanup();
        resolve();
      };
      const timer = setTimeout(finish, Math.max(0, ms));
      this.timers.add(timer);
      this.waiters.add(finish);
      signal.addEventListener("abort", finish, { once: true });
      handle.terminate = (error) => {
        cleanup();
        reject(error);
      };
    });
  }

  setWebhook(config: WebhookConfig, dropPending: boolean): void {
    if (dropPending) this.entries = [];
    this.webhook = config;
    this.lastError = undefined;
    this.activePoll?.terminate(conflict(WEBHOOK_ACTIVE));
    this.pusher.pump();
  }

  deleteWebhook(dropPending: boolean): void {
    this.webhook = undefined;
    if (dropPending) this.entries = [];
  }

  /** Bot API getWebhookInfo. */
  webhookInfo(): Record<string, unknown> {
    const info: Record<string, unknown> = {
      url: this.webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.entries.length,
    };
    if (this.webhook !== undefined) info["max_connections"] = this.webhook.maxConnections;
    if (this.webhook?.allowedUpdates !== undefined) info["allowed_updates"] = this.webhook.allowedUpdates;
    if (this.lastError !== undefined) {
      info["last_error_date"] = this.lastError.date;
      info["last_error_message"] = this.lastError.message;
    }
    return info;
  }

  /** While paused (an outage), nothing is pushed to the webhook. */
  setPaused(paused: boolean): void {
    this.pusher.setPaused(paused);
  }

  /** Forgets pending updates and the webhook; update ids keep increasing. */
  clear(): void {
    this.entries = [];
    this.webhook = undefined;
    this.lastError = undefined;
  }

  /** Ends long polls, timers and webhook connections. */
  stop(): void {
    this.stopped = true;
    for (const wake of [...this.waiters]) wake();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pusher.stop();
  }
}

function readUpdateId(update: unknown): number | undefined {
  if (typeof update !== "object" || update === null) return undefined;
  const id = (update as { update_id?: unknown }).update_id;
  return typeof id === "number" && Number.isFinite(id) ? id : undefined;
}

function connectionError(error: Error): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ECONNREFUSED") return "Connection refused";
  if (code === "ECONNRESET") return "Connection reset by peer";
  return error.message;
}
