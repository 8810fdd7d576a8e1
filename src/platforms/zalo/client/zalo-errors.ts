/** Translates Zalo Bot API answers and transport failures into PlatformError (STYLE.md: API said no / network failed). */
import { isAxiosError } from "axios";
import { PlatformError, type PlatformFailure } from "../../../core/errors.js";
import type { ZaloEnvelope } from "./results.js";

/** Zalo publishes no rate limits and sends no `retry_after`: wait this long after a 429 by default. */
export const DEFAULT_RETRY_AFTER_MS = 5000;

/**
 * Descriptions that mean the bot can no longer write to this chat, on a 4xx other than 403. Zalo
 * documents no "blocked" answer; these wordings are guesses kept from before (ZALO.md).
 */
const CHAT_GONE = /block|not (a )?follow|unfollow|chat not found|user not found|not a member|removed from/i;

/**
 * Which failure a Zalo error code means. 404 on getMe means the token (or the host) is wrong; on
 * another method it is a bad request. 408 outside getUpdates (where it is no error) is a timeout:
 * retried, since a lost alert is worse than a repeated one (DESIGN.md §7). 403 is Zalo's "Internal
 * server error" (ZALO.md, the docs' error table): a server fault, retried like a 5xx, never a
 * reason to give up on the chat, whatever its description says.
 */
export function classifyZaloFailure(options: { method: string; code: number; description: string }): PlatformFailure {
  const { method, code, description } = options;
  if (code === 429) return "rate_limited";
  if (code === 401) return "unauthorized";
  if (code === 403) return "server";
  if (code === 404) return method === "getMe" ? "unauthorized" : "bad_request";
  if (code === 408) return "network";
  if (code >= 500) return "server";
  if (code >= 400) return CHAT_GONE.test(description) ? "chat_gone" : "bad_request";
  // ok:false with a 2xx code or none: the API refused without saying why.
  return "bad_request";
}

/** A PlatformError for an `ok: false` envelope (or a non-2xx answer without one). */
export function toZaloApiError(options: {
  method: string;
  status: number;
  envelope: ZaloEnvelope | undefined;
  retryAfterHeader: unknown;
  redact: (text: string) => string;
}): PlatformError {
  const { method, status, envelope, redact } = options;
  const code = envelope?.error_code ?? (status >= 300 ? status : 400);
  const described =
    envelope?.description ?? (envelope === undefined ? `HTTP ${status}, not a Bot API answer` : "no description");
  const description = code === 404 && envelope?.description === undefined ? "not found" : redact(described);
  const failure = classifyZaloFailure({ method, code, description });
  const message = `Zalo ${method} failed: ${code} ${description}`;
  if (failure !== "rate_limited") return new PlatformError({ failure, code, message });
  return new PlatformError({
    failure,
    code,
    message,
    retryAfterMs: retryAfterMs(envelope?.parameters?.retry_after, options.retryAfterHeader),
  });
}

/** A PlatformError for a request that got no answer: refused, reset, timed out or aborted. */
export function toZaloNetworkError(options: {
  method: string;
  error: unknown;
  redact: (text: string) => string;
}): PlatformError {
  const { method, error, redact } = options;
  const code = isAxiosError(error)
    ? error.code
    : error instanceof Error
      ? (error as { code?: unknown }).code
      : undefined;
  const reason = error instanceof Error ? error.message : String(error);
  const message = redact(`Zalo ${method} failed: no answer (${typeof code === "string" ? `${code}: ` : ""}${reason})`);
  // The axios error carries the request URL, and with it the token: keep only a redacted copy.
  const cause = new Error(message);
  return new PlatformError({ failure: "network", message, cause });
}

/** A PlatformError raised before any request, for input the API would refuse anyway. */
export function localBadRequest(method: string, what: string): PlatformError {
  return new PlatformError({ failure: "bad_request", message: `Zalo ${method} refused locally: ${what}` });
}

/** Replaces every form of the token (and its secret half) in a text. */
export function createRedactor(token: string): (text: string) => string {
  const secret = token.includes(":") ? token.slice(token.indexOf(":") + 1) : "";
  const needles = [token, encodeURIComponent(token), secret, encodeURIComponent(secret)].filter(
    (needle) => needle.length >= 6,
  );
  const unique = [...new Set(needles)].sort((a, b) => b.length - a.length);
  return (text) => unique.reduce((result, needle) => result.split(needle).join("<redacted>"), text);
}

function retryAfterMs(retryAfterSeconds: number | undefined, header: unknown): number {
  if (retryAfterSeconds !== undefined && retryAfterSeconds > 0) return retryAfterSeconds * 1000;
  const fromHeader = typeof header === "string" ? Number(header) : Number.NaN;
  return Number.isFinite(fromHeader) && fromHeader > 0 ? fromHeader * 1000 : DEFAULT_RETRY_AFTER_MS;
}
