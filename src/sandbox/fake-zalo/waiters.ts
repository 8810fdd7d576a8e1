import { EventWaiters, clip, describeMissingMessage } from "../fake-shared/event-waiters.js";
import type { FakeZaloCallRecord, FakeZaloEventMap, FakeZaloStoredMessage } from "./types.js";
import type { ZaloWorld } from "./world.js";

/** Promises that resolve when the bot has done something, with failures that say what it did do. */
export class ZaloWaiters {
  private readonly waiters: EventWaiters<keyof FakeZaloEventMap, FakeZaloCallRecord>;

  constructor(private readonly world: ZaloWorld) {
    this.waiters = new EventWaiters(world.events, () => world.calls);
  }

  /** The chat's bot messages, in order. */
  messagesIn(chatId: string): FakeZaloStoredMessage[] {
    return [...(this.world.chats.get(chatId)?.botMessages ?? [])];
  }

  waitForMessage(
    chatId: string,
    predicate: ((message: FakeZaloStoredMessage) => boolean) | undefined,
    timeoutMs: number,
  ): Promise<FakeZaloStoredMessage> {
    return this.waiters.waitFor({
      events: ["botMessage"],
      timeoutMs,
      check: () => this.messagesIn(chatId).find((message) => predicate?.(message) ?? true),
      describe: () =>
        describeMissingMessage({
          what: `waitForMessage(${chatId})`,
          chatId,
          filtered: predicate !== undefined,
          timeoutMs,
          known: this.world.chats.has(chatId),
          messages: this.messagesIn(chatId),
          render: (message) =>
            `${message.messageId} ${JSON.stringify(clip(message.plainText))}${message.photoUrl === undefined ? "" : ` [photo ${message.photoUrl}]`}`,
          calls: this.world.calls,
          callSummary: this.waiters.callSummary(),
        }),
    });
  }

  waitForCalls(method: string, count: number, timeoutMs: number): Promise<FakeZaloCallRecord[]> {
    return this.waiters.waitForCalls(method, count, timeoutMs);
  }

  /** Rejects every pending wait (the server is stopping). */
  cancelAll(reason: string): void {
    this.waiters.cancelAll(reason);
  }
}
