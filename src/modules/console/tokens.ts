/** Tokens of sign-in links, sessions and forms: 256 random bits; only their sha256 is stored. */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The CSRF token of a session: derived from its cookie (never stored), so only a page of the session knows it. */
export function csrfTokenOf(sessionToken: string): string {
  return createHash("sha256").update("keng-console-csrf\0").update(sessionToken, "utf8").digest("base64url");
}

/** Compares two tokens in constant time. */
export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
