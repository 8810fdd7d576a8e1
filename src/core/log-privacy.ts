/**
 * Keeping private chats out of log lines (DESIGN.md §5 Tips). A private chat's id is the person's
 * own id, and any private chat may be a tipster's, so no line may carry one — not even inside an
 * error message a platform or a driver wrote ("Bad Request: chat 7391826455 not found", a unique
 * key's detail). These helpers mask the ids a caller knows it holds.
 */
import { PlatformError } from "./errors.js";

const MASK = "[private]";

/** Shorter strings would mask digits everywhere; no platform id is this short. */
const MIN_ID_LENGTH = 3;

function maskable(ids: readonly (string | undefined)[]): string[] {
  return ids.filter((id): id is string => id !== undefined && id.length >= MIN_ID_LENGTH);
}

/** `text` with every occurrence of the given ids replaced by `[private]`. */
export function withoutIds(text: string, ids: readonly (string | undefined)[]): string {
  let out = text;
  for (const id of maskable(ids)) out = out.split(id).join(MASK);
  return out;
}

/** An error as a log field, as safe to print as the ids allow. */
export interface MaskedError {
  readonly type: string;
  /** The message and its causes' messages ("…; caused by: …"), ids masked. */
  readonly message: string;
  readonly stack?: string;
  readonly failure?: string;
  readonly code?: string | number;
}

function causesOf(error: Error): string {
  const parts: string[] = [];
  let cause: unknown = error.cause;
  for (let depth = 0; cause instanceof Error && depth < 5; depth++) {
    parts.push(`; caused by: ${cause.message}`);
    cause = cause.cause;
  }
  return parts.join("");
}

/**
 * An error for the `err` field of a line about a private chat: name, message (with its causes'),
 * stack and code, with the ids masked. Everything else an error object carries (a driver's request
 * and its parameters, a platform's payload) is left out, since it is where a chat id would sit.
 */
export function errorWithoutIds(error: unknown, ids: readonly (string | undefined)[]): MaskedError {
  if (!(error instanceof Error)) return { type: typeof error, message: withoutIds(String(error), ids) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: withoutIds(`${error.message}${causesOf(error)}`, ids),
    ...(error.stack ? { stack: withoutIds(error.stack, ids) } : {}),
    ...(error instanceof PlatformError ? { failure: error.failure } : {}),
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
  };
}

/**
 * The same failure with the chat id masked in its message and the platform's raw error (its
 * request, payload and description) dropped: what is logged and stored about a send to a private chat.
 */
export function platformErrorWithoutId(error: PlatformError, chatId: string): PlatformError {
  return new PlatformError({
    failure: error.failure,
    message: withoutIds(error.message, [chatId]),
    ...(error.code !== undefined ? { code: error.code } : {}),
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(error.migrateToChatId !== undefined ? { migrateToChatId: error.migrateToChatId } : {}),
  });
}
