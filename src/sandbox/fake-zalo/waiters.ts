import type { FakeZaloCallRecord, FakeZaloEventMap, FakeZaloStoredMessage } from "./types.js";
import type { ZaloWorld } from "./world.js";

type EventName = keyof FakeZaloEventMap;

/** Promises that resolve when the bot has done something, with failures that say what it did do. */
export class ZaloWaiters {
  private readonly pending = new Set<(error: Error) => void>();

  constructor(private readonly world: ZaloWorld) {}

  /** The chat's bot messages, in order. */
  messagesIn(chatId: string): FakeZaloStoredMessage[] {
    return [...(this.world.chats.get(chatId)?.botMessages ?? [])];
  }

  waitForMessage(chatId: string, predicate: ((message: FakeZaloStoredMessage) => boolean) | undefined, timeoutMs: number): Promise<FakeZaloStoredMessage> {
    return this.waitFor({
      events: ["botMessage"],
      timeoutMs,
      check: () => this.messagesIn(chatId).find((message) => predicate?.(message) ?? true),
      describe: () => this.describeChat(chatId, predicate !== undefined, timeoutMs),
    });
  }

  waitForCalls(method: string, count: number, timeoutMs: number): Promise<FakeZaloCallRecord[]> {
    const matching = (): FakeZaloCallRecord[] => this.world.calls.filter((call) => call.method === method);
    return this.waitFor({
      events: ["call"],
      timeoutMs,
      check: () => {
        const calls = matching();
        return calls.length >= count ? calls : undefined;
      },
      describe: () => `waitForCalls(${method}, ${count}): only ${matching().length} within ${timeoutMs} ms. Calls seen: ${this.callSummary()}`,
    });
  }

  /** Rejects every pending wait (the server is stopping). */
  cancelAll(reason: string): void {
    for (const cancel of [...this.pending]) cancel(new Error(reason));
  }

  private waitFor<T>(options: { events: EventName[]; timeoutMs: number; check: () => T | undefined; describe: () => string }): Promise<T> {
    const ready = options.check();
    if (ready !== undefined) return Promise.resolve(ready);
    const { events } = this.world;
    return new Promise<T>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        for (const name of options.events) events.off(name, onEvent);
        this.pending.delete(cancel);
      };
      const onEvent = (): void => {
        const value = options.check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const cancel = (error: Error): void => {
        cleanup();
        reject(error);
      };
      const timer = setTimeout(() => cancel(new Error(options.describe())), options.timeoutMs);
      for (const name of options.events) events.on(name, onEvent);
      this.pending.add(cancel);
    });
  }

  private describeChat(chatId: string, filtered: boolean, timeoutMs: number): string {
    const messages = this.messagesIn(chatId);
    const shown = messages.slice(-10).map((message) => `${message.messageId} ${JSON.stringify(clip(message.plainText))}${message.photoUrl === undefined ? "" : ` [photo ${message.photoUrl}]`}`);
    const failed = this.world.calls
      .filter((call) => !call.ok && String(call.params["chat_id"]) === chatId)
      .slice(-10)
      .map((call) => `${call.method} → ${call.errorCode ?? call.status} ${call.description ?? ""}`);
    const known = this.world.chats.has(chatId) ? "" : " (the fake does not know this chat)";
    return [
      `waitForMessage(${chatId}): no ${filtered ? "matching " : ""}message within ${timeoutMs} ms${known}.`,
      `The chat got ${messages.length} bot message(s)${messages.length > 10 ? ", the last 10" : ""}: ${shown.length === 0 ? "none" : shown.join(" | ")}.`,
      `Failed calls for this chat: ${failed.length === 0 ? "none" : failed.join(" | ")}.`,
      `Calls seen: ${this.callSummary()}.`,
    ].join("\n");
  }

  private callSummary(): string {
    const counts = new Map<string, number>();
    for (const call of this.world.calls) counts.set(call.method, (counts.get(call.method) ?? 0) + 1);
    return counts.size === 0 ? "none" : [...counts].map(([method, count]) => `${method}×${count}`).join(", ");
  }
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
