/** What every platform adapter is given to reach its Bot API and to take updates. */
import type { Translator } from "../core/i18n.js";

export interface PlatformConnectionOptions {
  readonly token: string;
  /** The Bot API's root URL (a fake server's in tests and the sandbox). */
  readonly apiRoot: string;
  readonly mode: "polling" | "webhook";
  readonly webhookUrl?: string;
  readonly webhookSecret?: string;
  readonly translator: Translator;
}
