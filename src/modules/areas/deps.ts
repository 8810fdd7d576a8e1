/** What the areas use cases need, passed in by the composition root. */
import type { AttemptLimiter, AuditLog, ChatDirectory, Clock, Outbox } from "../../core/ports.js";
import type { Locale } from "../../core/text.js";
import type { IdentityStore } from "../identity/types.js";
import type { Access } from "./access.js";
import type { AreaStore, MemberListMemory } from "./types.js";

export interface AreaDeps {
  readonly areas: AreaStore;
  readonly identity: IdentityStore;
  readonly access: Access;
  readonly audit: AuditLog;
  readonly directory: ChatDirectory;
  readonly attempts: AttemptLimiter;
  readonly clock: Clock;
}

/** Administration in chat (`/thanhvien`, `/thuhoi`, …) also tells people and remembers lists. */
export interface AreaAdminDeps extends AreaDeps {
  readonly outbox: Outbox;
  readonly memberLists: MemberListMemory;
  /** The language of a person whose own language we do not know. */
  readonly defaultLocale: Locale;
}
