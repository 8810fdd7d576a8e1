/** What the poster use cases need, passed in by the composition root. */
import type { Translator } from "../../core/i18n.js";
import type { ChatDirectory, Outbox } from "../../core/ports.js";
import type { Locale } from "../../core/text.js";
import type { Access } from "../areas/access.js";
import type { AreaStore } from "../areas/types.js";

export interface PosterSettings {
  /** The Zalo bot's public link (ZALO_BOT_LINK): a second QR code when set. */
  readonly zaloBotLink: string | undefined;
  /**
   * Whether a Zalo chat can get the PDF: Zalo bots cannot upload files, so the sender turns a
   * document into a link of ours (`PUBLIC_BASE_URL/media/…`), which needs PUBLIC_BASE_URL.
   */
  readonly zaloFileLinks: boolean;
  /** The poster's language when the officer names none (DEFAULT_LOCALE). */
  readonly defaultLocale: Locale;
}

export interface PosterDeps {
  readonly areas: AreaStore;
  readonly access: Access;
  /** The Telegram bot's username, for the `tip_<area>` deep link. */
  readonly directory: ChatDirectory;
  /** The PDF goes to the officer as a document, like any other message. */
  readonly outbox: Outbox;
  /** Posters are printed text, rendered here rather than by a platform adapter. */
  readonly translator: Translator;
  readonly settings: PosterSettings;
}
