/**
 * telegraf has no request timeout: a Bot API call whose connection hangs would hold a delivery (and
 * its rate-limit slot) forever. Every call gets a deadline, also when its caller passed a signal of
 * its own (the poller's stop signal): long polling waits up to 50 s by design, uploads get longer.
 */
import type { Telegram } from "telegraf";
import { LONG_POLL_SECONDS } from "./telegram-polling.js";

/** Sends, edits, answers: a healthy Bot API answers in well under a second. */
export const REQUEST_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 120_000;
/** getUpdates holds the request for up to LONG_POLL_SECONDS by design. */
const POLL_TIMEOUT_MS = LONG_POLL_SECONDS * 1000 + REQUEST_TIMEOUT_MS;

const UPLOADS = new Set(["sendPhoto", "sendDocument", "sendMediaGroup"]);

/** Deadlines in ms by kind of call; a test may shorten them. */
export interface RequestTimeouts {
  readonly request: number;
  readonly upload: number;
  readonly poll: number;
}

const DEFAULT_TIMEOUTS: RequestTimeouts = {
  request: REQUEST_TIMEOUT_MS,
  upload: UPLOAD_TIMEOUT_MS,
  poll: POLL_TIMEOUT_MS,
};

function timeoutFor(method: string, timeouts: RequestTimeouts): number {
  if (method === "getUpdates") return timeouts.poll;
  return UPLOADS.has(method) ? timeouts.upload : timeouts.request;
}

/** Makes every call of `telegram` time out (an abort surfaces as a network failure, retried). */
export function addRequestTimeouts(telegram: Telegram, timeouts: RequestTimeouts = DEFAULT_TIMEOUTS): void {
  const callApi = telegram.callApi.bind(telegram) as (
    method: string,
    payload: unknown,
    options?: { signal?: AbortSignal },
  ) => Promise<unknown>;
  const withTimeout = (method: string, payload: unknown, options: { signal?: AbortSignal } = {}) => {
    const deadline = AbortSignal.timeout(timeoutFor(method, timeouts));
    return callApi(method, payload, {
      ...options,
      signal: options.signal ? AbortSignal.any([options.signal, deadline]) : deadline,
    });
  };
  telegram.callApi = withTimeout as Telegram["callApi"];
}
