/** What the relays' use cases need, passed in by the composition root. */
import type { AuditLog, Clock, Outbox } from "../../core/ports.js";
import type { Locale } from "../../core/text.js";
import type { Access } from "../areas/access.js";
import type { AreaStore } from "../areas/types.js";
import type { RelayStore } from "./types.js";

export interface RelayDeps {
  readonly relays: RelayStore;
  readonly areas: AreaStore;
  readonly access: Access;
  readonly outbox: Outbox;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly defaultLocale: Locale;
  /** RELAY_REMIND_MINUTES: a relay who has not confirmed is reminded once after this. */
  readonly remindMinutes: number;
  /** PUBLIC_BASE_URL, for the `/verify/<code>` link printed under a forwarded message. */
  readonly publicBaseUrl: string | undefined;
}
