import { WebhookPusher, type PushEntry } from "../fake-shared/webhook-pusher.js";
import { badRequest, type ZaloApiError } from "./api-error.js";
import { SECRET_HEADER } from "./webhook-client.js";
import type { ZaloWorld } from "./world.js";

/** A webhook set with setWebhook. */
export interface ZaloWebhookConfig {
  url: string;
  secretToken: string;
  /** Unix milliseconds. */
  updatedAt: number;
}

type Entry = PushEntry;

/** A getUpdates call waiting for an update. */
interface Poller {
  give: (update: unknown) => void;
  fail: (error: ZaloApiError) => void;
}

const WEBHOOK_ACTIVE = "getUpdates is not available while a webhook is set; call deleteWebhook first";
/** Webhook pushes in flight at once. */
const MAX_CONNECTIONS = 10;

/**
 * Pending updates, handed out one per getUpdates call (Zalo has no offset: an update handed out is
 * gone) or pushed to the webhook once: Zalo does not resend an update the bot failed to take
 * (ZALO.md), so a non-2xx answer or a network error loses it.
 */
export class ZaloUpdateQueue {
  private entries: Entry[] = [];
  private readonly pollers: Poller[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private webhook: ZaloWebhookConfig | undefined;
  private webhookUpdatedAt = 0;
  private stopped = false;
  /** Pushes updates as is (simulated ones are flat), one attempt each. */
  private readonly pusher: WebhookPusher<Entry, ZaloWebhookConfig>;

  constructor(
    private readonly world: ZaloWorld,
    /** Whether setWebhook takes `http://` (a local switch for tests and the sandbox). */
    readonly options: { allowPlainHttp: boolean },
  ) {
    this.pusher = new WebhookPusher({
      attempts: 1,
      baseDelayMs: 0,
      timeoutMs: 30_000,
      maxSockets: 50,
      stoppedMessage: "fake Zalo server stopped",
      pending: () => this.entries,
      webhook: () => this.webhook,
      maxConnections: () => MAX_CONNECTIONS,
      headers: (webhook) => ({ [SECRET_HEADER]: webhook.secretToken }),
      counters: () => this.world.stats,
    });
  }

  get pendingCount(): number {
    return this.entries.length;
  }

  enqueue(update: unknown): void {
    this.world.events.emit("update", update);
    const poller = this.webhook === undefined ? this.pollers.shift() : undefined;
    if (poller !== undefined) {
      poller.give(update);
      return;
    }
    this.entries.push({ update, inFlight: false });
    this.pusher.pump();
  }

  /** getUpdates: the oldest update, waiting up to `timeoutMs`; undefined when none came. */
  async poll(options: { timeoutMs: number; signal: AbortSignal }): Promise<unknown> {
    if (this.webhook !== undefined) throw badRequest(WEBHOOK_ACTIVE);
    const index = this.entries.findIndex((entry) => !entry.inFlight);
    const ready = index === -1 ? undefined : this.entries.splice(index, 1)[0];
    if (ready !== undefined) return ready.update;
    if (this.stopped || options.signal.aborted) return undefined;
    return new Promise<unknown>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.timers.delete(timer);
        options.signal.removeEventListener("abort", abandon);
        const at = this.pollers.indexOf(poller);
        if (at !== -1) this.pollers.splice(at, 1);
      };
      const abandon = (): void => {
        done();
        resolve(undefined);
      };
      const poller: Poller = {
        give: (update) => {
          done();
          resolve(update);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const timer = setTimeout(abandon, Math.max(0, options.timeoutMs));
      this.timers.add(timer);
      options.signal.addEventListener("abort", abandon, { once: true });
      this.pollers.push(poller);
    });
  }

  /** setWebhook: later updates (and pending ones) are pushed; waiting polls fail. */
  setWebhook(url: string, secretToken: string): ZaloWebhookConfig {
    this.webhookUpdatedAt = this.world.now();
    this.webhook = { url, secretToken, updatedAt: this.webhookUpdatedAt };
    for (const poller of [...this.pollers]) poller.fail(badRequest(WEBHOOK_ACTIVE));
    this.pusher.pump();
    return this.webhook;
  }

  /** deleteWebhook: back to polling; pending updates stay. */
  deleteWebhook(): void {
    this.webhook = undefined;
    this.webhookUpdatedAt = this.world.now();
  }

  /** getWebhookInfo's result. */
  webhookInfo(): { url: string; updated_at: number } {
    return { url: this.webhook?.url ?? "", updated_at: this.webhookUpdatedAt };
  }

  /** While paused (an outage), nothing is pushed to the webhook. */
  setPaused(paused: boolean): void {
    this.pusher.setPaused(paused);
  }

  /** Forgets pending updates and the webhook. */
  clear(): void {
    this.entries = [];
    this.webhook = undefined;
  }

  /** Ends long polls (they answer 408), retry sleeps and webhook connections. */
  stop(): void {
    this.stopped = true;
    for (const poller of [...this.pollers]) poller.give(undefined);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pusher.stop();
  }
}
