/** What the alerts use cases need, passed in by the composition root. */
import type { ChatRecord } from "../../core/actors.js";
import type { ConversationStore } from "../flows/types.js";
import type { AuditLog, ChatDirectory, Clock, Outbox } from "../../core/ports.js";
import type { Locale } from "../../core/text.js";
import type { IssuedCodeStore, MessageSigner } from "../../core/verification.js";
import type { Access } from "../areas/access.js";
import type { AreaTree } from "../areas/area-browser.js";
import type { AreaStore } from "../areas/types.js";
import type { ChartDeps } from "../charts/deps.js";
import type { IdentityStore } from "../identity/types.js";
import type { RelayFanOut, ZaloSeats } from "../relays/types.js";
import type { AlertStore } from "./types.js";

export interface AlertDeps {
  readonly alerts: AlertStore;
  readonly areas: AreaStore;
  /** The area tree as residents browse it (`/theodoi` without a code). */
  readonly areaTree: AreaTree;
  readonly identity: IdentityStore;
  readonly access: Access;
  readonly outbox: Outbox;
  readonly audit: AuditLog;
  readonly directory: ChatDirectory;
  readonly clock: Clock;
  /** Time zone residents read times in (TZ). */
  readonly timeZone: string;
  readonly defaultLocale: Locale;
  /** Makes the verification code printed on every alert and closure. */
  readonly signer: MessageSigner;
  /** Where each code is written as it is issued, so `/kiemtra` finds it by index. */
  readonly codes: IssuedCodeStore;
  /** Draws `/tinhtrang`'s acknowledgements per group; unset: the status text alone. */
  readonly charts?: ChartDeps;
  /** Guided flows' state ("Đánh kẻng" step by step); unset: `/keng` takes only the one-line form. */
  readonly flows?: { readonly store: ConversationStore; readonly keyOf: (chat: ChatRecord) => string };
  /** Relayed groups (issue 18 §3): alerts and their endings also go to each group's relay. */
  readonly relays?: RelayFanOut;
  /**
   * The officer's progress message after acknowledgements, paced per alert (ack-progress-edits.ts);
   * unset: edited for the first ten, then every tenth.
   */
  readonly ackEdits?: { noted(alertId: number, people: number): Promise<void> };
  /** ZALO_USER_CAP: Zalo followers beyond the plan's users are sent to a group instead. */
  readonly zaloSeats?: ZaloSeats;
}
