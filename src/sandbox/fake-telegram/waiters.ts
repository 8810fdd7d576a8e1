import type { CallRecord, CallbackAnswer, FakeTelegramEventMap, StoredMessage } from "./types.js";
import type { World } from "./world.js";

type EventName = keyof FakeTelegramEventMap;

/** Promises that resolve when the bot has done something, with failures that say what it did do. */
export class Waiters {
  private readonly pending = new Set<(error: Error) => void>();

  constructor(private readonly world: World) {}

  /** The chat's bot messages in order, current state, without deleted ones. */
  messagesIn(chatId: number | string): StoredMessage[] {
    const record = this.world.chats.get(Number(chatId));
    return record === undefined ? [] : [...record.botMessages.values()].filter((message) => !message.deleted);
  }

  waitForMessage(chatId: number | string, predicate: ((message: StoredMessage) => boolean) | undefined, timeoutMs: number): Promise<StoredMessage> {
    return this.waitFor({
      events: ["botMessage", "botEdit"],
      timeoutMs,
      check: () => this.messagesIn(chatId).find((message) => predicate?.(message) ?? true),
      describe: () => this.describeChat(`waitForMessage(${chatId})`, chatId, predicate !== undefined, timeoutMs),
    });
  }

  waitForCalls(method: string, count: number, timeoutMs: number): Promise<CallRecord[]> {
    const matching = (): CallRecord[] => this.world.calls.filter((call) => call.method === method);
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

  waitForCallbackAnswer(query: string | ((answer: CallbackAnswer) => boolean), timeoutMs: number): Promise<CallbackAnswer> {
    const matches = typeof query === "string" ? (answer: CallbackAnswer) => answer.callbackQueryId === query : query;
    return this.waitFor({
      events: ["callbackAnswer"],
      timeoutMs,
      check: () => this.world.callbackAnswers.find(matches),
      describe: () => {
        const answers = this.world.callbackAnswers.map((answer) => `${answer.callbackQueryId}${answer.text === undefined ? "" : ` "${answer.text}"`}`);
        const failed = this.world.calls.filter((call) => call.method === "answerCallbackQuery" && !call.ok).map((call) => `${call.errorCode ?? call.status} ${call.description ?? ""}`);
        return `waitForCallbackAnswer(${typeof query === "string" ? query : "predicate"}): no matching answer within ${timeoutMs} ms. Answers: [${answers.join(", ")}]; failed answerCallbackQuery calls: [${failed.join("; ")}]`;
      },
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

  private describeChat(what: string, chatId: number | string, filtered: boolean, timeoutMs: number): string {
    const messages = this.messagesIn(chatId);
    const shown = messages.slice(-10).map((message) => `#${message.messageId} ${JSON.stringify(clip(message.plainText))}${buttonsOf(message)}`);
    const failed = this.world.calls
      .filter((call) => !call.ok && String(call.params["chat_id"]) === String(chatId))
      .slice(-10)
      .map((call) => `${call.method} → ${call.errorCode ?? call.status} ${call.description ?? ""}`);
    const known = this.world.chats.has(Number(chatId)) ? "" : " (the fake does not know this chat)";
    return [
      `${what}: no ${filtered ? "matching " : ""}message within ${timeoutMs} ms${known}.`,
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

function buttonsOf(message: StoredMessage): string {
  return message.buttons.length === 0 ? "" : ` [${message.buttons.map((button) => button.text).join(", ")}]`;
}
