/**
 * Issue 19: the access policy's one way to refuse (requireRole throws the command's refusal as a
 * UserFacingError) and the audience check the router applies before a handler runs.
 */
import { describe, expect, it } from "vitest";
import type { RoleName, UserRecord } from "../../src/core/actors.js";
import { UserFacingError } from "../../src/core/errors.js";
import { Access } from "../../src/modules/areas/access.js";
import type { AreaRecord, AreaStore, RoleGrant } from "../../src/modules/areas/types.js";

const area = (code: string): AreaRecord => ({
  id: code.length,
  code,
  name: code,
  parentId: null,
  unitName: null,
  phone: null,
  kind: null,
  address: null,
});
const user = (id: number): UserRecord => ({
  id,
  platform: "telegram",
  platformUserId: String(id),
  displayName: null,
  locale: null,
});

/** Users 1..: one grant each; user 99 is a superadmin without grants. */
const GRANTS: Record<number, { role: RoleName; code: string }> = {
  1: { role: "officer", code: "phuly.minhkhai" },
  2: { role: "admin", code: "phuly" },
  3: { role: "relay", code: "phuly.minhkhai" },
  4: { role: "propagandist", code: "phuly.lamha" },
};
// Only activeRoles is read by Access.
const areas = {
  activeRoles: (userId: number): Promise<RoleGrant[]> => {
    const g = GRANTS[userId];
    return Promise.resolve(g ? [{ id: userId, userId, role: g.role, area: area(g.code) }] : []);
  },
} as unknown as AreaStore;
const access = new Access({ areas, superadmins: [{ platform: "telegram", platformUserId: "99" }] });

async function refusalOf(promise: Promise<void>): Promise<UserFacingError | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof UserFacingError) return error;
    throw error;
  }
}

describe("requireRole", () => {
  const refusal = { key: "areas:edit.forbidden", params: { code: "phuly.lamha" } };

  it("passes in the area of the grant and below it, for an admin above, and for a superadmin", async () => {
    await expect(access.requireRole(user(1), "officer", "phuly.minhkhai.to5", refusal)).resolves.toBeUndefined();
    await expect(access.requireRole(user(2), "officer", "phuly.minhkhai", refusal)).resolves.toBeUndefined();
    await expect(access.requireRole(user(99), "admin", "phuly.lamha", refusal)).resolves.toBeUndefined();
  });

  it("throws the caller's refusal, with its parameters, elsewhere or for another role", async () => {
    const elsewhere = await refusalOf(access.requireRole(user(1), "officer", "phuly.lamha", refusal));
    expect(elsewhere?.key).toBe("areas:edit.forbidden");
    expect(elsewhere?.params).toEqual({ code: "phuly.lamha" });
    expect(await refusalOf(access.requireRole(user(1), "admin", "phuly.minhkhai", refusal))).toBeInstanceOf(
      UserFacingError,
    );
    expect(await refusalOf(access.requireRole(user(5), "officer", "phuly", refusal))).toBeInstanceOf(UserFacingError);
  });

  it("requireAnyRole passes with any one of the roles", async () => {
    const roles = ["propagandist", "officer"] as const;
    await expect(access.requireAnyRole(user(4), roles, "phuly.lamha", refusal)).resolves.toBeUndefined();
    expect((await refusalOf(access.requireAnyRole(user(4), roles, "phuly.minhkhai", refusal)))?.key).toBe(
      "areas:edit.forbidden",
    );
  });
});

describe("inAudience (the router's gate)", () => {
  it("lets in whoever holds the audience's role somewhere, admins for officers and propagandists", async () => {
    expect(await access.inAudience(user(1), "officer")).toBe(true);
    expect(await access.inAudience(user(2), "officer_or_propagandist")).toBe(true);
    expect(await access.inAudience(user(4), "officer_or_propagandist")).toBe(true);
    expect(await access.inAudience(user(99), "admin")).toBe(true);
    expect(await access.inAudience(user(5), "anyone")).toBe(true);
  });

  it("keeps out the rest; a relay's commands are for relays only, not admins", async () => {
    expect(await access.inAudience(user(5), "officer")).toBe(false);
    expect(await access.inAudience(user(4), "officer")).toBe(false);
    expect(await access.inAudience(user(1), "admin")).toBe(false);
    expect(await access.inAudience(user(2), "relay")).toBe(false);
    expect(await access.inAudience(user(99), "relay")).toBe(false);
    expect(await access.inAudience(user(3), "relay")).toBe(true);
  });
});
