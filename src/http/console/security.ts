/**
 * The console's HTTP rules: the session cookie (HttpOnly, SameSite=Strict, Secure behind HTTPS),
 * the CSRF token every POST carries, and the headers of every page (a strict Content-Security-Policy
 * with no inline script, no caching, no referrer — a sign-in link never leaks by Referer).
 */
import { isTrustedProxyPeer } from "../loopback.js";
import type { HttpRequestHead, HttpResponse } from "../server.js";
import { csrfTokenOf, sameToken } from "../../modules/console/tokens.js";

export const COOKIE = "keng_console";

export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/** HTTPS as the browser sees it: PUBLIC_BASE_URL is https, or a trusted proxy in front says so. */
export function isHttps(request: HttpRequestHead, publicBaseUrl: string | undefined): boolean {
  if (publicBaseUrl?.startsWith("https://")) return true;
  const proto = request.headers["x-forwarded-proto"];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(",")[0]?.trim().toLowerCase();
  return first === "https" && isTrustedProxyPeer(request.remoteAddress);
}

export function sessionCookie(token: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  const secure = options.secure ? "; Secure" : "";
  return `${COOKIE}=${token}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(options.maxAgeSeconds)}${secure}`;
}

export function clearedCookie(secure: boolean): string {
  return `${COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0${secure ? "; Secure" : ""}`;
}

export function cookieToken(request: HttpRequestHead): string | undefined {
  const header = request.headers.cookie ?? "";
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === COOKIE) return rest.join("=") || undefined;
  }
  return undefined;
}

/** A POST's form fields (application/x-www-form-urlencoded). */
export function formOf(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString("utf8"));
}

/** Whether the form carries the session's CSRF token. */
export function csrfValid(form: URLSearchParams, sessionToken: string): boolean {
  const sent = form.get("_csrf") ?? "";
  return sent.length > 0 && sameToken(sent, csrfTokenOf(sessionToken));
}

export function page(status: number, body: string, extra: Record<string, string> = {}): HttpResponse {
  return { status, headers: { ...CONSOLE_HEADERS, "content-type": "text/html; charset=utf-8", ...extra }, body };
}

export function redirect(location: string, extra: Record<string, string> = {}): HttpResponse {
  return { status: 303, headers: { ...CONSOLE_HEADERS, location, ...extra } };
}

export function download(input: { filename: string; contentType: string; body: string | Buffer }): HttpResponse {
  return {
    status: 200,
    headers: {
      ...CONSOLE_HEADERS,
      "content-type": input.contentType,
      "content-disposition": `attachment; filename="${input.filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    },
    body: input.body,
  };
}

/**
 * Whether a POST comes from a page of this site, as the browser tells it: `Sec-Fetch-Site` when
 * sent (a form on another site says `cross-site`), else the `Origin` it names (`null` under our
 * no-referrer policy says nothing). A form on another site cannot sign someone into a session of the
 * attacker's link; without either header (an old browser, a script) the form's own token decides.
 */
export function sameOrigin(request: HttpRequestHead): boolean {
  const site = request.headers["sec-fetch-site"];
  if (typeof site === "string") return site === "same-origin" || site === "none";
  const origin = request.headers.origin;
  if (origin === undefined || origin === "null") return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
