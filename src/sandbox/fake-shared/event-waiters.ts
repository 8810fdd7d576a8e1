import type { FakeCallRecord } from "./types.js";

/** The part of an EventEmitter the waiters use. */
export interface EventSource<Name extends string> {
  on(name: Name, listener: () => void): unknown;
  off(name: Name, listener: () => void): unknown;
}

/** What a wait looks for. */
export interface WaitSpec<Name extends string, T> {
  /** Events after which `check` runs again. */
  events: readonly Name[];
  timeoutMs: number;
  /** The value once it is there; undefined until then. */
  check: () => T | undefined;
  /** The timeout's error message: what was expected and what happened instead. */
  describe: () => string;
}

/**
 * Promises that resolve when the bot has done something (checked at once, then after each of the
 * named events), failing after a timeout with a message that says what it did do.
 */
export class EventWaiters<Name extends string, Call extends { method: string }> {
  private readonly pending = new Set<(error: Error) => void>();

  constructor(
    private readonly events: EventSource<Name | "call">,
    private readonly calls: () => readonly Call[],
  ) {}

  waitFor<T>(spec: WaitSpec<Name | "call", T>): Promise<T> {
    const ready = spec.check();
    if (ready !== undefined) return Promise.resolve(ready);
    const { events } = this;
    return new Promise<T>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        for (const name of spec.events) events.off(name, onEvent);
        this.pending.delete(cancel);
      };
      const onEvent = (): void => {
        const value = spec.check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const cancel = (error: Error): void => {
        cleanup();
        reject(error);
      };
      const timer = setTimeout(() => cancel(new Error(spec.describe())), spec.timeoutMs);
      for (const name of spec.events) events.on(name, onEvent);
      this.pending.add(cancel);
    });
  }

  /** Resolves with all calls of `method` once there are at least `count`. */
  waitForCalls(method: string, count: number, timeoutMs: number): Promise<Call[]> {
    const matching = (): Call[] => this.calls().filter((call) => call.method === method);
    return this.waitFor({
      events: ["call"],
      timeoutMs,
      check: () => {
        const calls = matching();
        return calls.length >= count ? calls : undefined;
      },
      describe: () =>
        `waitForCalls(${method}, ${count}): only ${matching().length} within ${timeoutMs} ms. Calls seen: ${this.callSummary()}`,
    });
  }

  /** Rejects every pending wait (the server is stopping). */
  cancelAll(reason: string): void {
    for (const cancel of [...this.pending]) cancel(new Error(reason));
  }

  /** Calls so far by method, e.g. "getUpdates×3, sendMessage×1", or "none". */
  callSummary(): string {
    const counts = new Map<string, number>();
    for (const call of this.calls()) counts.set(call.method, (counts.get(call.method) ?? 0) + 1);
    return counts.size === 0 ? "none" : [...counts].map(([method, count]) => `${method}×${count}`).join(", ");
  }
}

/** A text cut to 120 characters for an error message. */
export function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** The timeout message of a wait for a bot message: what the chat got and which calls failed. */
export function describeMissingMessage<M>(options: {
  /** The call that timed out, e.g. `waitForMessage(42)`. */
  what: string;
  chatId: number | string;
  /** Whether the wait had a predicate. */
  filtered: boolean;
  timeoutMs: number;
  /** Whether the fake knows the chat. */
  known: boolean;
  messages: readonly M[];
  /** One message, briefly. */
  render: (message: M) => string;
  calls: readonly FakeCallRecord[];
  callSummary: string;
}): string {
  const { messages } = options;
  const shown = messages.slice(-10).map(options.render);
  const failed = options.calls
    .filter((call) => !call.ok && String(call.params["chat_id"]) === String(options.chatId))
    .slice(-10)
    .map((call) => `${call.method} → ${call.errorCode ?? call.status} ${call.description ?? ""}`);
  const known = options.known ? "" : " (the fake does not know this chat)";
  return [
    `${options.what}: no ${options.filtered ? "matching " : ""}message within ${options.timeoutMs} ms${known}.`,
    `The chat got ${messages.length} bot message(s)${messages.length > 10 ? ", the last 10" : ""}: ${shown.length === 0 ? "none" : shown.join(" | ")}.`,
    `Failed calls for this chat: ${failed.length === 0 ? "none" : failed.join(" | ")}.`,
    `Calls seen: ${options.callSummary}.`,
  ].join("\n");
}
