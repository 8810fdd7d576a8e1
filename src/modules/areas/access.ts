/**
 * Who may do what where. Roles are per area and inherit downwards; an admin also holds officer and
 * propagandist rights in its subtree; superadmins (SUPERADMINS) are admins of everything.
 */
import type { RoleName, UserRecord } from "../../core/actors.js";
import type { Audience } from "../../core/commands.js";
import { UserFacingError } from "../../core/errors.js";
import type { PlatformName } from "../../core/messages.js";
import { visibleTo } from "../menus/visible-to.js";
import { isWithin } from "./area-code.js";
import type { AreaStore, RoleGrant } from "./types.js";

export interface SuperadminRef {
  readonly platform: PlatformName;
  readonly platformUserId: string;
}

export class Access {
  constructor(private readonly options: { areas: AreaStore; superadmins: readonly SuperadminRef[] }) {}

  isSuperadmin(user: UserRecord): boolean {
    return this.options.superadmins.some(
      (s) => s.platform === user.platform && s.platformUserId === user.platformUserId,
    );
  }

  /** Whether the user may act as `role` in the area `areaCode`. */
  async holds(user: UserRecord, role: RoleName, areaCode: string): Promise<boolean> {
    if (this.isSuperadmin(user)) return true;
    const grants = await this.options.areas.activeRoles(user.id);
    return grants.some((g) => satisfies(g, role) && isWithin(areaCode, g.area.code));
  }

  /** Whether the user may act as any of `roles` in the area. */
  async holdsAny(user: UserRecord, roles: readonly RoleName[], areaCode: string): Promise<boolean> {
    for (const role of roles) if (await this.holds(user, role, areaCode)) return true;
    return false;
  }

  /**
   * Throws the refusal `key` (shown to the user by the router) unless the user may act as `role`
   * in the area: the one way a handler checks a role on a given area.
   */
  async requireRole(
    user: UserRecord,
    role: RoleName,
    areaCode: string,
    refusal: { key: string; params?: Record<string, string | number> },
  ): Promise<void> {
    if (!(await this.holds(user, role, areaCode))) throw new UserFacingError(refusal.key, refusal.params);
  }

  /** requireRole for any of `roles`. */
  async requireAnyRole(
    user: UserRecord,
    roles: readonly RoleName[],
    areaCode: string,
    refusal: { key: string; params?: Record<string, string | number> },
  ): Promise<void> {
    if (!(await this.holdsAny(user, roles, areaCode))) throw new UserFacingError(refusal.key, refusal.params);
  }

  /** Whether the user belongs to a command's audience somewhere (the router's gate; areas are checked later). */
  async inAudience(user: UserRecord, audience: Audience): Promise<boolean> {
    if (audience === "anyone") return true;
    return visibleTo(audience, await this.roleNames(user));
  }

  /** Whether the user is an admin of some area (or a superadmin): the gate of the admin commands. */
  async isAdminSomewhere(user: UserRecord): Promise<boolean> {
    return (await this.roleNames(user)).has("admin");
  }

  /** The user's active grants (for /vaitro and help). */
  grants(user: UserRecord): Promise<RoleGrant[]> {
    return this.options.areas.activeRoles(user.id);
  }

  /** Role names the user holds anywhere (admin implies the others). */
  async roleNames(user: UserRecord): Promise<Set<RoleName>> {
    if (this.isSuperadmin(user)) return new Set(["admin", "officer", "propagandist"]);
    const names = new Set<RoleName>();
    for (const g of await this.grants(user)) {
      names.add(g.role);
      if (g.role === "admin") {
        names.add("officer");
        names.add("propagandist");
      }
    }
    return names;
  }
}

function satisfies(grant: RoleGrant, wanted: RoleName): boolean {
  return grant.role === wanted || grant.role === "admin";
}
