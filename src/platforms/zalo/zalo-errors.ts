/** Errors from our Zalo client are already PlatformErrors; anything else is a network failure. */
import { PlatformError } from "../../core/errors.js";

export function toPlatformErrorZalo(error: unknown): PlatformError {
  if (error instanceof PlatformError) return error;
  return new PlatformError({
    failure: "network",
    message: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}
