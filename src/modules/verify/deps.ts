/** What `/kiemtra` and `GET /verify` need, passed in by the composition root. */
import type { OutboundMessage, PlatformName } from "../../core/messages.js";
import type { Clock } from "../../core/ports.js";
import type { MessageSigner } from "../../core/verification.js";
import type { SignedMessageStore } from "./types.js";

export interface VerifyDeps {
  readonly store: SignedMessageStore;
  /** Recomputes a stored code over the stored text (old keys included), so a forged row never verifies. */
  readonly signer: MessageSigner;
  readonly clock: Clock;
  /** Time zone the messages printed their times in (TZ). */
  readonly timeZone: string;
  /**
   * The plain texts a resident may hold after copying this message out of a chat, one per way a
   * platform shows it; choice numbers that differ per chat are `ANY_NUMBER`.
   */
  readonly readAs: (message: OutboundMessage) => readonly string[];
  /** The bot's username on a platform, for the button that opens the private chat (Telegram). */
  readonly botUsername?: (platform: PlatformName) => string | undefined;
  /** PUBLIC_BASE_URL: a relay's copy (issue 18 §3) prints the `/verify/<code>` link under the message. */
  readonly publicBaseUrl?: string | undefined;
}
