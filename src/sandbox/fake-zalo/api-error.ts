/** An error answer of the Zalo Bot API: `{ ok: false, error_code, description }`. */
export class ZaloApiError extends Error {
  override name = "ZaloApiError";

  constructor(
    readonly code: number,
    readonly description: string,
    /** HTTP status of the answer; default `code`. */
    readonly httpStatus: number = code,
    readonly parameters?: { retry_after?: number },
  ) {
    super(description);
  }
}

/** HTTP status and envelope of one answer. */
export interface ZaloReply {
  status: number;
  body: {
    ok: boolean;
    result?: unknown;
    error_code?: number;
    description?: string;
    parameters?: { retry_after?: number };
  };
}

/** Turns a ZaloApiError into the envelope Zalo answers. */
export function errorReply(error: ZaloApiError): ZaloReply {
  const body: ZaloReply["body"] = { ok: false, error_code: error.code, description: error.description };
  if (error.parameters !== undefined) body.parameters = { ...error.parameters };
  return { status: error.httpStatus, body };
}

/** 400, for parameters Zalo would refuse. */
export function badRequest(what: string): ZaloApiError {
  return new ZaloApiError(400, `Bad Request: ${what}`);
}

/**
 * 403 is "Internal server error" in Zalo's error table (ZALO.md). Zalo documents no answer for a
 * user who blocked the bot, so the fake gives this one: the bot must not read "blocked" into it.
 */
export function internalServerError(): ZaloApiError {
  return new ZaloApiError(403, "Internal server error");
}

/** The long poll ended without an update: Zalo's way of saying "nothing new". */
export function pollTimeout(): ZaloApiError {
  return new ZaloApiError(408, "Request timeout");
}

/** Zalo's only documented rate-limit answer; it carries no retry_after. */
export function quotaExceeded(): ZaloApiError {
  return new ZaloApiError(429, "Quota exceeded");
}
