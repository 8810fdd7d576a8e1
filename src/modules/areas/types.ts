/** Areas, roles and invites: the records and the store port. */
import type { RoleName } from "../../core/actors.js";

export interface AreaRecord {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly parentId: number | null;
  readonly unitName: string | null;
  readonly phone: string | null;
}

export interface RoleGrant {
  readonly id: number;
  readonly userId: number;
  readonly role: RoleName;
  readonly area: AreaRecord;
}

export type RedeemOutcome =
  | { readonly kind: "granted"; readonly role: RoleName; readonly area: AreaRecord; readonly alreadyHeld: boolean }
  | { readonly kind: "unknown" | "used" | "expired" | "withdrawn" };

/** Persistence of the area tree, roles and invites. */
export interface AreaStore {
  findArea(code: string): Promise<AreaRecord | null>;
  findAreaById(id: number): Promise<AreaRecord | null>;
  createArea(input: { code: string; name: string; parentId: number | null }): Promise<AreaRecord>;
  /** Active (not revoked) roles of a user, with their areas. */
  activeRoles(userId: number): Promise<RoleGrant[]>;
  createInvite(input: { code: string; role: RoleName; areaId: number; createdById: number | null; expiresAt: Date }): Promise<void>;
  /** Atomically uses an invite and grants its role; a code can be used once. */
  redeemInvite(input: { code: string; userId: number; now: Date }): Promise<RedeemOutcome>;
  /** Links a group chat to an area. */
  registerGroup(input: { chatId: number; areaId: number; registeredById: number }): Promise<void>;
}
