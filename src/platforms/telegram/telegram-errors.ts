/** Translates telegraf's errors into PlatformError (STYLE.md: API said no / network failed). */
import { TelegramError } from "telegraf";
import { PlatformError } from "../../core/errors.js";

export function toPlatformError(error: unknown): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof TelegramError) {
    const code = error.code;
    const description = error.description;
    const parameters = error.parameters;
    if (code === 429) {
      return new PlatformError({
        failure: "rate_limited",
        code,
        message: description,
        retryAfterMs: (parameters?.retry_after ?? 5) * 1000,
        cause: error,
      });
    }
    if (code === 400 && parameters?.migrate_to_chat_id) {
      return new PlatformError({
        failure: "chat_migrated",
        code,
        message: description,
        migrateToChatId: String(parameters.migrate_to_chat_id),
        cause: error,
      });
    }
    if (code === 403) return new PlatformError({ failure: "chat_gone", code, message: description, cause: error });
    if (code === 400 && /chat not found|user is deactivated|group chat was deactivated/i.test(description)) {
      return new PlatformError({ failure: "chat_gone", code, message: description, cause: error });
    }
    if (code === 401 || code === 404)
      return new PlatformError({ failure: "unauthorized", code, message: description, cause: error });
    if (code >= 500) return new PlatformError({ failure: "server", code, message: description, cause: error });
    return new PlatformError({ failure: "bad_request", code, message: description, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new PlatformError({ failure: "network", message, cause: error });
}

/** Telegram answers 400 "message is not modified" to an edit that changes nothing: that is success. */
export function isNotModified(error: PlatformError): boolean {
  return error.failure === "bad_request" && /message is not modified/i.test(error.message);
}
