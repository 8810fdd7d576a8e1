/**
 * The worker-thread side of fake-telegram-thread.ts: a FakeTelegramServer on an event loop of its
 * own, so that it stamps each request's arrival when the request arrives, whatever the bot's or the
 * test's loop is doing. Calls come over `port` (the caller blocks until `signal` is set); events
 * and the answer to "stop" go to the parent port.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { FakeTelegramServer, type FakeTelegramOptions } from "../../src/sandbox/fake-telegram/index.js";

interface Data {
  options: FakeTelegramOptions;
  port: MessagePort;
  signal: SharedArrayBuffer;
}

/** What the caller may read as a property rather than call. */
const PROPERTIES = new Set(["calls", "callbackAnswers", "stats", "pendingUpdateCount", "starsBalance"]);

const { options, port, signal } = workerData as Data;
const flag = new Int32Array(signal);
const fake = new FakeTelegramServer(options);
const parent = parentPort;
if (parent === null) throw new Error("fake-telegram-worker.ts runs on a worker thread");

fake.on("botMessage", (message) => parent.postMessage({ event: "botMessage", args: [message] }));
fake.on("botEdit", (message, edit) => parent.postMessage({ event: "botEdit", args: [message, edit] }));
fake.on("botDelete", (message) => parent.postMessage({ event: "botDelete", args: [message] }));
fake.on("call", (call) => parent.postMessage({ event: "call", args: [call] }));
fake.on("update", (update) => parent.postMessage({ event: "update", args: [update] }));
fake.on("callbackAnswer", (answer) => parent.postMessage({ event: "callbackAnswer", args: [answer] }));

// How late this thread ran its callbacks: a late one stamps the requests waiting behind it late too.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

function run(method: string, args: unknown[]): unknown {
  if (method === "messagesInEach") return (args[0] as (number | string)[]).map((chatId) => fake.messagesIn(chatId));
  if (method === "loopDelay") return { maxMs: loopDelay.max / 1e6, p99Ms: loopDelay.percentile(99) / 1e6 };
  const member: unknown = Reflect.get(fake, method);
  if (PROPERTIES.has(method)) return member;
  if (typeof member !== "function") throw new Error(`FakeTelegramServer has no method ${method}`);
  return Reflect.apply(member, fake, args);
}

port.on("message", (request: { method: string; args: unknown[] }) => {
  try {
    port.postMessage({ ok: true, result: run(request.method, request.args) });
  } catch (error) {
    port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});

parent.on("message", (request: { stop: true }) => {
  if (!request.stop) return;
  void fake.stop().then(() => parent.postMessage({ stopped: true }));
});

await fake.start();
parent.postMessage({ ready: true, apiRoot: fake.apiRoot, token: fake.token, bot: fake.bot });
