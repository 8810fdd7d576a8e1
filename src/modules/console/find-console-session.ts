/** The session behind a cookie: live, and its person still holds a role (a revoked role ends it at once). */
import type { ConsoleDeps } from "./deps.js";
import { hashToken } from "./tokens.js";
import type { ConsoleSessionRecord } from "./types.js";

export async function findConsoleSession(input: {
  deps: ConsoleDeps;
  token: string | undefined;
}): Promise<ConsoleSessionRecord | null> {
  const { deps, token } = input;
  if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const session = await deps.sessions.findLive({ sessionHash: hashToken(token), now: deps.clock.now() });
  if (!session) return null;
  if ((await deps.access.roleNames(session.user)).size === 0) return null;
  return session;
}
