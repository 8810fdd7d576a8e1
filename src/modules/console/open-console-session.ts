/**
 * A sign-in link pressed in the browser: used once, within its minutes, by a person who still holds
 * a role. Returns the new session's cookie token (only its hash is stored).
 */
import type { ConsoleDeps } from "./deps.js";
import { hashToken, newToken } from "./tokens.js";
import type { ConsoleSessionRecord } from "./types.js";

export type OpenOutcome =
  { readonly ok: true; readonly session: ConsoleSessionRecord; readonly token: string } | { readonly ok: false };

export async function openConsoleSession(input: { deps: ConsoleDeps; linkToken: string }): Promise<OpenOutcome> {
  const { deps } = input;
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(input.linkToken)) return { ok: false };
  const token = newToken();
  const now = deps.clock.now();
  const session = await deps.sessions.openLink({
    linkHash: hashToken(input.linkToken),
    sessionHash: hashToken(token),
    now,
    expiresAt: new Date(now.getTime() + deps.settings.sessionHours * 3600_000),
  });
  if (!session) return { ok: false };
  if ((await deps.access.roleNames(session.user)).size === 0) {
    await deps.sessions.end({ userId: session.user.id, id: session.id, now });
    return { ok: false };
  }
  await deps.audit.record({ actorUserId: session.user.id, action: "console.open", subject: `session:${session.id}` });
  return { ok: true, session, token };
}
