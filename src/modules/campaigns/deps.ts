/** What the campaign use cases need, passed in by the composition root. */
import type { ChatRecord } from "../../core/actors.js";
import type { AuditLog, Clock, Outbox } from "../../core/ports.js";
import type { QuietHours } from "../../core/quiet-hours.js";
import type { Locale } from "../../core/text.js";
import type { IssuedCodeStore, MessageSigner } from "../../core/verification.js";
import type { Access } from "../areas/access.js";
import type { AreaStore } from "../areas/types.js";
import type { ConversationStore } from "../flows/types.js";
import type { RelayFanOut } from "../relays/types.js";
import type { CampaignQuizPort, CampaignStore } from "./types.js";

export interface CampaignDeps {
  readonly campaigns: CampaignStore;
  readonly areas: AreaStore;
  readonly access: Access;
  readonly outbox: Outbox;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly quiz: CampaignQuizPort;
  /** Makes the verification code printed on every campaign message (`/kiemtra`). */
  readonly signer: MessageSigner;
  /** Where each code is written as it is issued, so `/kiemtra` finds it by index. */
  readonly codes: IssuedCodeStore;
  /** The guided flow's state; without it `/chiendich` takes only the one-line form. */
  readonly flows?: { readonly store: ConversationStore; readonly keyOf: (chat: ChatRecord) => string };
  /** Time zone schedules are read and shown in (TZ). */
  readonly timeZone: string;
  readonly defaultLocale: Locale;
  /** Runs wait out these hours (QUIET_HOURS); unset or null: never. */
  readonly quietHours?: QuietHours | null;
  /** Relayed groups (issue 18 §3): each run also goes to each group's relay, ready to forward. */
  readonly relays?: RelayFanOut;
}
