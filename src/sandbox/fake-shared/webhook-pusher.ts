import { WebhookPoster, type WebhookAnswer } from "./webhook-poster.js";

/** A pending update; `inFlight` while a push of it is under way. */
export interface PushEntry {
  update: unknown;
  inFlight: boolean;
}

/** The counters a pusher keeps up to date. */
export interface WebhookCounters {
  webhookDelivered: number;
  webhookDropped: number;
}

/** How a WebhookPusher reaches its queue and what it does around each POST. */
export interface WebhookPusherOptions<E extends PushEntry, W extends { url: string }> {
  /** Attempts per update before it is dropped; waits between them double from `baseDelayMs`. */
  attempts: number;
  baseDelayMs: number;
  /** Per POST. */
  timeoutMs: number;
  /** Connections per host of the HTTP agents. */
  maxSockets: number;
  /** The error POSTs in flight fail with on `stop`. */
  stoppedMessage: string;
  /** The queue's pending entries, oldest first; the pusher removes delivered and dropped ones from it. */
  pending: () => E[];
  /** The webhook now set, if any; an update stops being retried when it changes. */
  webhook: () => W | undefined;
  /** Pushes in flight at once. */
  maxConnections: (webhook: W) => number;
  /** Extra headers of each POST (the secret token). */
  headers: (webhook: W) => Record<string, string>;
  /** Read at each count: the owner may replace its counters on reset. */
  counters: () => WebhookCounters;
  /** A failed attempt: a network error, or an answer outside 2xx. */
  onFailure?: (failure: Error | WebhookAnswer) => void;
  /** After a 2xx answer, once the entry is removed; its errors are ignored. */
  onDelivered?: (answer: WebhookAnswer) => Promise<void>;
}

/**
 * Pushes a queue's pending updates to its webhook, `maxConnections` at a time, each until a 2xx
 * answer, the last attempt, an outage (`setPaused`), a change of webhook or `stop`.
 */
export class WebhookPusher<E extends PushEntry, W extends { url: string }> {
  private inFlight = 0;
  private paused = false;
  private stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sleepers = new Set<() => void>();
  private readonly poster: WebhookPoster;

  constructor(private readonly options: WebhookPusherOptions<E, W>) {
    this.poster = new WebhookPoster({ maxSockets: options.maxSockets, stoppedMessage: options.stoppedMessage });
  }

  /** While paused (an outage), nothing is pushed; unpausing resumes. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    this.pump();
  }

  /** Starts pushing entries not yet in flight, up to the webhook's connections (none without a webhook). */
  pump(): void {
    const webhook = this.options.webhook();
    if (webhook === undefined || this.stopped || this.paused) return;
    while (this.inFlight < this.options.maxConnections(webhook)) {
      const entry = this.options.pending().find((candidate) => !candidate.inFlight);
      if (entry === undefined) return;
      entry.inFlight = true;
      this.inFlight++;
      void this.deliver(entry, webhook).finally(() => {
        entry.inFlight = false;
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** Ends retry waits and closes the webhook connections; nothing is pushed afterwards. */
  stop(): void {
    this.stopped = true;
    for (const wake of [...this.sleepers]) wake();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.poster.close();
  }

  /** POSTs one update (as is) until a 2xx, the last attempt, or a change. */
  private async deliver(entry: E, webhook: W): Promise<void> {
    const { options } = this;
    const body = JSON.stringify(entry.update);
    for (let attempt = 1; !this.stopped && !this.paused && options.webhook() === webhook; attempt++) {
      const answer = await this.poster
        .post({ url: webhook.url, body, headers: options.headers(webhook), timeoutMs: options.timeoutMs })
        .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      if (!(answer instanceof Error) && answer.status >= 200 && answer.status < 300) {
        this.remove(entry);
        options.counters().webhookDelivered++;
        if (options.onDelivered !== undefined) await options.onDelivered(answer).catch(() => undefined);
        return;
      }
      options.onFailure?.(answer);
      if (attempt >= options.attempts) {
        this.remove(entry);
        options.counters().webhookDropped++;
        return;
      }
      await this.sleep(options.baseDelayMs * 2 ** (attempt - 1));
    }
  }

  private remove(entry: E): void {
    const pending = this.options.pending();
    const index = pending.indexOf(entry);
    if (index !== -1) pending.splice(index, 1);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.timers.add(timer);
      this.sleepers.add(done);
    });
  }
}
