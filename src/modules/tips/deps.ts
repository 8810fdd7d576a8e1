/** What the tips use cases need, passed in by the composition root. */
import type { ChatRecord } from "../../core/actors.js";
import type { AuditLog, ChatDirectory, Clock, Outbox } from "../../core/ports.js";
import type { Translator } from "../../core/i18n.js";
import type { Sealer } from "../../core/seal.js";
import type { Locale } from "../../core/text.js";
import type { Access, SuperadminRef } from "../areas/access.js";
import type { AreaStore } from "../areas/types.js";
import type { ConversationStore } from "../flows/types.js";
import type { IdentityStore } from "../identity/types.js";
import type { OfficerDirectory, TipQueue, TipStore } from "./types.js";

export interface TipSettings {
  /** Minutes an untaken tip waits before it goes one level up (TIP_ESCALATE_MINUTES). */
  readonly escalateMinutes: number;
  /** Minutes an unfinished draft is kept (TIP_DRAFT_MINUTES). */
  readonly draftMinutes: number;
  /** Days after closing before a tip's content and seal are destroyed (TIP_RETENTION_DAYS). */
  readonly retentionDays: number;
  /** Days after closing before a help request's content and seal are destroyed (HELP_RETENTION_DAYS, the shortest). */
  readonly helpRetentionDays: number;
  /** Days a settled message is kept (DELIVERY_RETENTION_DAYS), for the privacy notice. */
  readonly deliveryRetentionDays: number;
  readonly timeZone: string;
  readonly defaultLocale: Locale;
}

export interface TipDeps {
  readonly tips: TipStore;
  readonly officers: OfficerDirectory;
  readonly queue: TipQueue;
  readonly flows: ConversationStore;
  /** The flow key of a private chat (a keyed hash). */
  readonly flowKey: (chat: ChatRecord) => string;
  readonly sealer: Sealer;
  readonly outbox: Outbox;
  readonly areas: AreaStore;
  readonly identity: IdentityStore;
  readonly access: Access;
  readonly audit: AuditLog;
  readonly directory: ChatDirectory;
  readonly clock: Clock;
  readonly superadmins: readonly SuperadminRef[];
  readonly settings: TipSettings;
  /** Renders texts that leave the chat as files (the register sheet). */
  readonly translator: Translator;
}
