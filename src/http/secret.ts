/** Constant-time comparison of a shared secret header. */
import { createHash, timingSafeEqual } from "node:crypto";

export function secretMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  // Hash both sides so lengths match and the comparison leaks nothing about the expected length.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
