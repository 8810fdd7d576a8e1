/** Areas, roles and invites: the records and the store port. */
import type { RoleName, UserRecord } from "../../core/actors.js";
import type { AreaKind } from "./area-kind.js";

export interface AreaRecord {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly parentId: number | null;
  readonly unitName: string | null;
  readonly phone: string | null;
  /** Province, commune, village…; null for areas made before kinds existed (area-kind.ts). */
  readonly kind: AreaKind | null;
  /** Postal address of the police unit (the data controller named in the privacy notice). */
  readonly address: string | null;
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

/** An active role with its holder, as listed by `/thanhvien`. */
export interface RoleHolding {
  readonly id: number;
  readonly role: RoleName;
  readonly area: AreaRecord;
  readonly holder: UserRecord & { readonly username: string | null };
  readonly revokedAt: Date | null;
}

export interface InviteRecord {
  readonly id: number;
  readonly code: string;
  readonly role: RoleName;
  readonly area: AreaRecord;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly withdrawnAt: Date | null;
}

/** The fields of an area an admin may edit (`null` clears an optional one). */
export interface AreaPatch {
  readonly name?: string;
  readonly unitName?: string | null;
  readonly phone?: string | null;
  readonly kind?: AreaKind | null;
  readonly address?: string | null;
}

/** Why an area cannot be removed, or what its removal did. */
export type RemoveAreaOutcome =
  | {
      readonly kind: "removed";
      readonly movedTo: AreaRecord | null;
      readonly details: Readonly<Record<string, number>>;
    }
  | { readonly kind: "hasGroups" | "hasChildren" | "hasOpenTips" | "hasRoles" | "hasHistory"; readonly count: number }
  | { readonly kind: "gone" };

/** Persistence of the area tree, roles and invites. */
export interface AreaStore {
  findArea(code: string): Promise<AreaRecord | null>;
  findAreaById(id: number): Promise<AreaRecord | null>;
  createArea(input: {
    code: string;
    name: string;
    parentId: number | null;
    kind: AreaKind | null;
  }): Promise<AreaRecord>;
  /** Active (not revoked) roles of a user, with their areas. */
  activeRoles(userId: number): Promise<RoleGrant[]>;
  createInvite(input: {
    code: string;
    role: RoleName;
    areaId: number;
    createdById: number | null;
    expiresAt: Date;
  }): Promise<void>;
  /** Atomically uses an invite and grants its role; a code can be used once. */
  redeemInvite(input: { code: string; userId: number; now: Date }): Promise<RedeemOutcome>;
  /** Links a group chat to an area. */
  /** `threadId`: the forum topic alerts and campaigns go to (null: the chat itself; undefined: unchanged). */
  registerGroup(input: {
    chatId: number;
    areaId: number;
    registeredById: number;
    threadId?: string | null;
  }): Promise<void>;
  /** Unlinks a group chat from its area (it keeps its history and stays known). */
  unregisterGroup(chatId: number): Promise<void>;
  /** Active roles held in the area `code` and every area below it, by area code then role. */
  listRoleHolders(code: string): Promise<RoleHolding[]>;
  /** One role (active or revoked) with its holder. */
  findRole(roleId: number): Promise<RoleHolding | null>;
  /** Marks a role revoked unless it already is; false when it already was. */
  revokeRole(input: { roleId: number; revokedById: number | null; now: Date }): Promise<boolean>;
  /** How many active admin roles the area itself has. */
  countActiveAdmins(areaId: number): Promise<number>;
  updateArea(areaId: number, patch: AreaPatch): Promise<AreaRecord>;
  /**
   * Removes an area with no active groups, sub-areas, open tips or active roles, in one transaction:
   * its closed history (alerts, closed tips, campaigns) moves to the parent, so the parent's figures
   * stay the same; a top-level area must have no history. Inactive groups are unlinked.
   */
  removeArea(input: { areaId: number; now: Date }): Promise<RemoveAreaOutcome>;
  findInvite(code: string): Promise<InviteRecord | null>;
  /** Withdraws an unused, not yet withdrawn invite; false when it was used or withdrawn meanwhile. */
  withdrawInvite(input: { inviteId: number; now: Date }): Promise<boolean>;
}

/** The numbering of an admin's latest `/thanhvien` list, for `/thuhoi <n>`. */
export interface MemberListMemory {
  remember(input: { userId: number; areaCode: string; roleIds: readonly number[] }): Promise<void>;
  recall(userId: number): Promise<{ areaCode: string; roleIds: number[] } | null>;
}
