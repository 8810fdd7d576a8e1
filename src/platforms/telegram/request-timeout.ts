/**
 * telegraf has no request timeout: a Bot API call whose connection hangs would hold a delivery (and
 * its rate-limit slot) forever. Every call gets a deadline unless its caller passed a signal of its
 * own; long polling waits up to 50 s by design, and uploads of files we hold get longer.
 */
import type { Telegram } from "telegraf";

/** Sends, edits, answers: a healthy Bot API answers in well under a second. */
export const REQUEST_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 120_000;
/** getUpdates holds the request for up to 50 s (telegraf's long-polling timeout). */
const POLL_TIMEOUT_MS = 50_000 + REQUEST_TIMEOUT_MS;

const UPLOADS = new Set(["sendPhoto", "sendDocument", "sendMediaGroup"]);

function timeoutFor(method: string): number {
  if (method === "getUpdates") return POLL_TIMEOUT_MS;
  return UPLOADS.has(method) ? UPLOAD_TIMEOUT_MS : REQUEST_TIMEOUT_MS;
}

/** Makes every call of `telegram` time out (an abort surfaces as a network failure, retried). */
export function addRequestTimeouts(telegram: Telegram): void {
  const callApi = telegram.callApi.bind(telegram) as (method: string, payload: unknown, options?: { signal?: AbortSignal }) => Promise<unknown>;
  const withTimeout = (method: string, payload: unknown, options: { signal?: AbortSignal } = {}) =>
    callApi(method, payload, { ...options, signal: options.signal ?? AbortSignal.timeout(timeoutFor(method)) });
  telegram.callApi = withTimeout as Telegram["callApi"];
}
