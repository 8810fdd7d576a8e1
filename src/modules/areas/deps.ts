/** What the areas use cases need, passed in by the composition root. */
import type { AttemptLimiter, AuditLog, ChatDirectory, Clock } from "../../core/ports.js";
import type { IdentityStore } from "../identity/types.js";
import type { Access } from "./access.js";
import type { AreaStore } from "./types.js";

export interface AreaDeps {
  readonly areas: AreaStore;
  readonly identity: IdentityStore;
  readonly access: Access;
  readonly audit: AuditLog;
  readonly directory: ChatDirectory;
  readonly attempts: AttemptLimiter;
  readonly clock: Clock;
}
