/**
 * The scheduler's sweep of the console's table: a link or session a day past its end (expired,
 * used up or ended) is deleted; the audit log keeps who signed in when.
 */
import type { Clock } from "../../core/ports.js";
import type { ConsoleSessionStore } from "./types.js";

const DAY_MS = 86_400_000;

export function purgeConsoleSessions(input: { sessions: ConsoleSessionStore; clock: Clock }): Promise<number> {
  return input.sessions.purgeBefore(new Date(input.clock.now().getTime() - DAY_MS));
}
