import { EventWaiters, clip, describeMissingMessage } from "../fake-shared/event-waiters.js";
import type { CallRecord, CallbackAnswer, FakeTelegramEventMap, StoredMessage } from "./types.js";
import type { World } from "./world.js";

/** Promises that resolve when the bot has done something, with failures that say what it did do. */
export class Waiters {
  private readonly waiters: EventWaiters<keyof FakeTelegramEventMap, CallRecord>;

  constructor(private readonly world: World) {
    this.waiters = new EventWaiters(world.events, () => world.calls);
  }

  /** The chat's bot messages in order, current state, without deleted ones. */
  messagesIn(chatId: number | string): StoredMessage[] {
    const record = this.world.chats.get(Number(chatId));
    return record === undefined ? [] : [...record.botMessages.values()].filter((message) => !message.deleted);
  }

  waitForMessage(
    chatId: number | string,
    predicate: ((message: StoredMessage) => boolean) | undefined,
    timeoutMs: number,
  ): Promise<StoredMessage> {
    return this.waiters.waitFor({
      events: ["botMessage", "botEdit"],
      timeoutMs,
      check: () => this.messagesIn(chatId).find((message) => predicate?.(message) ?? true),
      describe: () =>
        describeMissingMessage({
          what: `waitForMessage(${chatId})`,
          chatId,
          filtered: predicate !== undefined,
          timeoutMs,
          known: this.world.chats.has(Number(chatId)),
          messages: this.messagesIn(chatId),
          render: (message) => `#${message.messageId} ${JSON.stringify(clip(message.plainText))}${buttonsOf(message)}`,
          calls: this.world.calls,
          callSummary: this.waiters.callSummary(),
        }),
    });
  }

  waitForCalls(method: string, count: number, timeoutMs: number): Promise<CallRecord[]> {
    return this.waiters.waitForCalls(method, count, timeoutMs);
  }

  waitForCallbackAnswer(
    query: string | ((answer: CallbackAnswer) => boolean),
    timeoutMs: number,
  ): Promise<CallbackAnswer> {
    const matches = typeof query === "string" ? (answer: CallbackAnswer) => answer.callbackQueryId === query : query;
    return this.waiters.waitFor({
      events: ["callbackAnswer"],
      timeoutMs,
      check: () => this.world.callbackAnswers.find(matches),
      describe: () => {
        const answers = this.world.callbackAnswers.map(
          (answer) => `${answer.callbackQueryId}${answer.text === undefined ? "" : ` "${answer.text}"`}`,
        );
        const failed = this.world.calls
          .filter((call) => call.method === "answerCallbackQuery" && !call.ok)
          .map((call) => `${call.errorCode ?? call.status} ${call.description ?? ""}`);
        return `waitForCallbackAnswer(${typeof query === "string" ? query : "predicate"}): no matching answer within ${timeoutMs} ms. Answers: [${answers.join(", ")}]; failed answerCallbackQuery calls: [${failed.join("; ")}]`;
      },
    });
  }

  /** Rejects every pending wait (the server is stopping). */
  cancelAll(reason: string): void {
    this.waiters.cancelAll(reason);
  }
}

function buttonsOf(message: StoredMessage): string {
  return message.buttons.length === 0 ? "" : ` [${message.buttons.map((button) => button.text).join(", ")}]`;
}
