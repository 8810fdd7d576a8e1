/**
 * The fake Telegram Bot API on a worker thread (issue 19). The fake stamps each request's arrival
 * when its handler runs and counts Telegram's limits on those stamps; sharing a thread with the bot
 * (the harness runs the bot in the test's process) or with a busy test, a pause of that thread
 * stamped requests already on their way as one burst, and 429s appeared that Telegram would not
 * have answered. On its own thread the fake is as strict as the platform.
 *
 * Same API as FakeTelegramServer for what tests use: calls block until the worker answers (the
 * worker never waits for this thread), events are forwarded, waits run here on those events.
 */
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { EventWaiters, describeMissingMessage } from "../../src/sandbox/fake-shared/event-waiters.js";
import type { FakeTelegramServer } from "../../src/sandbox/fake-telegram/index.js";
import type {
  CallRecord,
  CallbackAnswer,
  FakeStats,
  FakeTelegramEventMap,
  FakeTelegramOptions,
  StoredMessage,
  User,
} from "../../src/sandbox/fake-telegram/types.js";

const DEFAULT_TIMEOUT_MS = 10_000;
/** A call the worker does not answer within this is a bug (it never waits for this thread). */
const CALL_TIMEOUT_MS = 30_000;

/** Loads tsx in the worker, then the worker's TypeScript entry. */
const BOOT = `
const { workerData } = require("node:worker_threads");
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

/** Methods of FakeTelegramServer that run in the worker as they are. */
type Forwarded =
  | "addGroup"
  | "addForumTopic"
  | "addPrivateChatUser"
  | "setChatAdmin"
  | "setChatMemberStatus"
  | "sendText"
  | "pressButton"
  | "addBotToGroup"
  | "removeBotFromGroup"
  | "migrateGroup"
  | "enqueueRawUpdate"
  | "failNext"
  | "kickBotFrom"
  | "setLatency"
  | "setDown"
  | "setLimits"
  | "setStarsBalance"
  | "messagesIn"
  | "userMessagesIn"
  | "lastMessage"
  | "reset";

/** tsx's ESM API as a file URL (require.resolve would give its CommonJS build, which cannot register hooks). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const exports = JSON.parse(readFileSync(manifest, "utf8")) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const entry = exports.exports["./esm/api"]?.import.default;
  if (entry === undefined) throw new Error("tsx has no ./esm/api export");
  return new URL(entry, pathToFileURL(manifest)).href;
}

type Ready = { ready: true; apiRoot: string; token: string; bot: User };

export class ThreadedFakeTelegram extends EventEmitter<FakeTelegramEventMap> {
  private readonly waiters: EventWaiters<keyof FakeTelegramEventMap, CallRecord>;

  private constructor(
    private readonly worker: Worker,
    /** Calls go out and answers come back here; `flag` (shared with the worker) says an answer is in. */
    private readonly port: MessagePort,
    private readonly flag: Int32Array,
    private readonly ready: Ready,
  ) {
    super();
    this.waiters = new EventWaiters(this, () => this.calls);
  }

  /** Starts the worker and its server (on 127.0.0.1, a free port). */
  static async start(options: FakeTelegramOptions = {}): Promise<ThreadedFakeTelegram> {
    const { port1, port2 } = new MessageChannel();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: {
        tsx: tsxEsmApi(),
        entry: new URL("./fake-telegram-worker.ts", import.meta.url).href,
        options,
        port: port2,
        signal: flag.buffer,
      },
      transferList: [port2],
    });
    const ready = await new Promise<Ready>((resolve, reject) => {
      const onExit = (code: number) =>
        reject(new Error(`the fake Telegram worker exited (${code}) before it listened`));
      worker.once("error", reject);
      worker.once("exit", onExit);
      worker.once("message", (message: Ready) => {
        // Only these listeners: Worker keeps its own (removeAllListeners would stop its messages).
        worker.off("error", reject);
        worker.off("exit", onExit);
        resolve(message);
      });
    });
    const fake = new ThreadedFakeTelegram(worker, port1, flag, ready);
    worker.on("message", (message: { event?: keyof FakeTelegramEventMap; args?: unknown[] }) => {
      // The worker sent what the fake emitted there: the same event with the same arguments.
      if (message.event !== undefined)
        Reflect.apply(EventEmitter.prototype.emit, fake, [message.event, ...(message.args ?? [])]);
    });
    worker.on("error", (error) => console.error("fake Telegram worker:", error));
    return fake;
  }

  get token(): string {
    return this.ready.token;
  }

  get apiRoot(): string {
    return this.ready.apiRoot;
  }

  get bot(): User {
    return this.ready.bot;
  }

  /** Runs a method of the fake in the worker and waits for its answer. */
  private call<T>(method: string, args: readonly unknown[] = []): T {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage({ method, args });
    // The previous call's notify can come after its flag was seen (and wake this wait early): only the flag says the answer is in.
    const deadline = Date.now() + CALL_TIMEOUT_MS;
    while (Atomics.load(this.flag, 0) === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`fake Telegram worker: ${method} unanswered`);
      Atomics.wait(this.flag, 0, 0, left);
    }
    const reply = receiveMessageOnPort(this.port)?.message as
      { ok: true; result: T } | { ok: false; error: string } | undefined;
    if (reply === undefined) throw new Error(`fake Telegram worker: no answer to ${method}`);
    if (!reply.ok) throw new Error(reply.error);
    return reply.result;
  }

  private forward<M extends Forwarded>(
    method: M,
    args: Parameters<FakeTelegramServer[M]>,
  ): ReturnType<FakeTelegramServer[M]> {
    return this.call(method, args);
  }

  addGroup = (...args: Parameters<FakeTelegramServer["addGroup"]>) => this.forward("addGroup", args);
  addForumTopic = (...args: Parameters<FakeTelegramServer["addForumTopic"]>) => this.forward("addForumTopic", args);
  addPrivateChatUser = (...args: Parameters<FakeTelegramServer["addPrivateChatUser"]>) =>
    this.forward("addPrivateChatUser", args);
  setChatAdmin = (...args: Parameters<FakeTelegramServer["setChatAdmin"]>) => this.forward("setChatAdmin", args);
  setChatMemberStatus = (...args: Parameters<FakeTelegramServer["setChatMemberStatus"]>) =>
    this.forward("setChatMemberStatus", args);
  sendText = (...args: Parameters<FakeTelegramServer["sendText"]>) => this.forward("sendText", args);
  pressButton = (...args: Parameters<FakeTelegramServer["pressButton"]>) => this.forward("pressButton", args);
  addBotToGroup = (...args: Parameters<FakeTelegramServer["addBotToGroup"]>) => this.forward("addBotToGroup", args);
  removeBotFromGroup = (...args: Parameters<FakeTelegramServer["removeBotFromGroup"]>) =>
    this.forward("removeBotFromGroup", args);
  migrateGroup = (...args: Parameters<FakeTelegramServer["migrateGroup"]>) => this.forward("migrateGroup", args);
  enqueueRawUpdate = (...args: Parameters<FakeTelegramServer["enqueueRawUpdate"]>) =>
    this.forward("enqueueRawUpdate", args);
  failNext = (...args: Parameters<FakeTelegramServer["failNext"]>) => this.forward("failNext", args);
  kickBotFrom = (...args: Parameters<FakeTelegramServer["kickBotFrom"]>) => this.forward("kickBotFrom", args);
  setLatency = (...args: Parameters<FakeTelegramServer["setLatency"]>) => this.forward("setLatency", args);
  setDown = (...args: Parameters<FakeTelegramServer["setDown"]>) => this.forward("setDown", args);
  setLimits = (...args: Parameters<FakeTelegramServer["setLimits"]>) => this.forward("setLimits", args);
  setStarsBalance = (...args: Parameters<FakeTelegramServer["setStarsBalance"]>) =>
    this.forward("setStarsBalance", args);
  messagesIn = (...args: Parameters<FakeTelegramServer["messagesIn"]>) => this.forward("messagesIn", args);
  userMessagesIn = (...args: Parameters<FakeTelegramServer["userMessagesIn"]>) => this.forward("userMessagesIn", args);
  lastMessage = (...args: Parameters<FakeTelegramServer["lastMessage"]>) => this.forward("lastMessage", args);
  reset = (...args: Parameters<FakeTelegramServer["reset"]>) => this.forward("reset", args);

  /** Every API request so far, in arrival order (a copy, as it is now). */
  get calls(): readonly CallRecord[] {
    return this.call("calls");
  }

  get callbackAnswers(): readonly CallbackAnswer[] {
    return this.call("callbackAnswers");
  }

  get stats(): FakeStats {
    return this.call("stats");
  }

  get starsBalance(): number {
    return this.call("starsBalance");
  }

  get pendingUpdateCount(): number {
    return this.call("pendingUpdateCount");
  }

  /**
   * messagesIn for many chats in one call: a test polling hundreds of chats one call each keeps the
   * fake's thread busy, and requests arriving meanwhile are stamped late.
   */
  messagesInEach(chatIds: readonly (number | string)[]): StoredMessage[][] {
    return this.call("messagesInEach", [chatIds]);
  }

  /** How late the fake's own thread ran so far (its worst and 99th percentile): above ~50 ms it stamps arrivals late. */
  loopDelay(): { maxMs: number; p99Ms: number } {
    return this.call("loopDelay");
  }

  /** The 429s so far (see describeRefusals) and how late the fake's own thread ran: for a failure message. */
  describeRefusals(): string {
    const { maxMs, p99Ms } = this.loopDelay();
    return `${describeRefusals(this.calls)}\nthe fake's event loop ran up to ${maxMs.toFixed(0)} ms late (p99 ${p99Ms.toFixed(0)} ms)`;
  }

  /** As FakeTelegramServer.waitForMessage; the predicate runs here, on the messages as they are now. */
  waitForMessage(
    chatId: number | string,
    predicate?: (message: StoredMessage) => boolean,
    timeoutMs = DEFAULT_TIMEOUT_MS,
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
          known: true,
          messages: this.messagesIn(chatId),
          render: (message) => `#${message.messageId} ${JSON.stringify(message.plainText.slice(0, 200))}`,
          calls: this.calls,
          callSummary: this.waiters.callSummary(),
        }),
    });
  }

  waitForCalls(method: string, count = 1, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<CallRecord[]> {
    return this.waiters.waitForCalls(method, count, timeoutMs);
  }

  waitForCallbackAnswer(
    query: string | ((answer: CallbackAnswer) => boolean),
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<CallbackAnswer> {
    const matches = typeof query === "string" ? (answer: CallbackAnswer) => answer.callbackQueryId === query : query;
    return this.waiters.waitFor({
      events: ["callbackAnswer"],
      timeoutMs,
      check: () => this.callbackAnswers.find(matches),
      describe: () =>
        `waitForCallbackAnswer(${typeof query === "string" ? query : "predicate"}): no matching answer within ${timeoutMs} ms`,
    });
  }

  /** Stops the server (connections included) and ends the worker. */
  async stop(): Promise<void> {
    this.waiters.cancelAll("fake Telegram stopped");
    const stopped = new Promise<void>((resolve) => {
      const onMessage = (message: { stopped?: boolean }): void => {
        if (!message.stopped) return;
        this.worker.off("message", onMessage);
        resolve();
      };
      this.worker.on("message", onMessage);
      this.worker.once("exit", () => resolve());
    });
    this.worker.postMessage({ stop: true });
    await stopped;
    this.port.close();
    await this.worker.terminate();
  }
}

/**
 * The 429s among `calls`, each with what the fake counted against it: the sends it took in the
 * second before (bot-wide) and to that chat. For a failure message: a limiter bug and a late
 * arrival look different here.
 */
export function describeRefusals(calls: readonly CallRecord[]): string {
  const taken = calls.filter(
    (call) =>
      call.ok &&
      (call.method.startsWith("send") ||
        call.method.startsWith("edit") ||
        call.method === "copyMessage" ||
        call.method === "forwardMessage"),
  );
  return calls
    .filter((call) => call.status === 429)
    .map((refused) => {
      const second = taken.filter((call) => call.time > refused.time - 1000 && call.time <= refused.time);
      const spacing = second.map((call, i) => call.time - (second[i - 1]?.time ?? call.time)).slice(1);
      const toChat = taken.filter(
        (call) =>
          String(call.params.chat_id) === String(refused.params.chat_id) &&
          call.time > refused.time - 60_000 &&
          call.time <= refused.time,
      ).length;
      return `${refused.method} to ${String(refused.params.chat_id)} at ${refused.time}: ${second.length} sends in the second before (gaps ${spacing.join(",")} ms), ${toChat} to that chat in the minute before`;
    })
    .join("\n");
}
