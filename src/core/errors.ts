/** The few named errors of Kẻng. Adapters translate platform failures into PlatformError. */

export type PlatformFailure =
  | "rate_limited" // 429: wait retryAfterMs
  | "chat_gone" // 403: bot kicked or blocked; never retry
  | "chat_migrated" // 400 with migrate_to_chat_id
  | "bad_request" // other 4xx: retrying will not help
  | "unauthorized" // 401: the token was rejected
  | "server" // 5xx
  | "network"; // no answer

export class PlatformError extends Error {
  override name = "PlatformError";
  readonly failure: PlatformFailure;
  readonly retryAfterMs: number | undefined;
  readonly migrateToChatId: string | undefined;
  readonly code: number | undefined;

  constructor(options: {
    failure: PlatformFailure;
    message: string;
    code?: number;
    retryAfterMs?: number;
    migrateToChatId?: string;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.failure = options.failure;
    this.code = options.code;
    this.retryAfterMs = options.retryAfterMs;
    this.migrateToChatId = options.migrateToChatId;
  }

  /** Network failures, 5xx and 429 are worth another try; the rest are not. */
  get retryable(): boolean {
    return this.failure === "rate_limited" || this.failure === "server" || this.failure === "network";
  }
}

/** A user did something they may not, or gave bad input: shown to them as a reply, not logged as a fault. */
export class UserFacingError extends Error {
  override name = "UserFacingError";
  constructor(
    readonly key: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(key);
  }
}

/**
 * A button's data that no parser of ours reads: a bug (or a forged press), never a guess. The router
 * logs it (the button's prefix and length, not the data) and tells the person the button is no
 * longer valid.
 */
export class UnreadableButtonError extends Error {
  override name = "UnreadableButtonError";
  constructor(readonly prefix: string) {
    super(`unreadable button data (${prefix})`);
  }
}

/** Postgres or Redis could not be reached. */
export class DependencyUnavailableError extends Error {
  override name = "DependencyUnavailableError";
}
