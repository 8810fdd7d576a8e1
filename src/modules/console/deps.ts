/** What the console's use cases need, passed in by the composition root. */
import type { AttemptLimiter, AuditLog, Clock } from "../../core/ports.js";
import type { Translator } from "../../core/i18n.js";
import type { Access } from "../areas/access.js";
import type { ConsoleSessionStore } from "./types.js";

export interface ConsoleSettings {
  /** Minutes a sign-in link works (CONSOLE_LINK_MINUTES). */
  readonly linkMinutes: number;
  /** Hours a session lasts (CONSOLE_SESSION_HOURS). */
  readonly sessionHours: number;
  readonly timeZone: string;
}

export interface ConsoleDeps {
  readonly sessions: ConsoleSessionStore;
  readonly access: Access;
  readonly audit: AuditLog;
  readonly attempts: AttemptLimiter;
  readonly clock: Clock;
  readonly translator: Translator;
  readonly settings: ConsoleSettings;
  /** Where browsers reach the HTTP role (PUBLIC_BASE_URL, or this machine's port): known once it listens. */
  readonly baseUrl: () => string;
}
