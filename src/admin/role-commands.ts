/** `grant <platform:id> <role> <areaCode>` and `revoke <platform:id> <role> <areaCode>`. */
import type { RoleName } from "../core/actors.js";
import { systemClock } from "../core/ports.js";
import type { Locale } from "../core/text.js";
import type { Db } from "../db/client.js";
import type { Sql } from "../db/sql.js";
import { normaliseAreaCode } from "../modules/areas/area-code.js";
import { PrismaAreaStore } from "../modules/areas/repo.js";
import { revokeRole } from "../modules/areas/revoke-role.js";
import type { AreaRecord } from "../modules/areas/types.js";
import { PrismaAuditLog } from "../modules/audit/repo.js";
import { PrismaIdentityStore } from "../modules/identity/repo.js";
import { AdminError } from "./errors.js";
import { personLabel, type PersonRef } from "./parse-person.js";
import { PendingOutbox } from "./pending-outbox.js";

export interface RoleCommandInput {
  readonly person: PersonRef;
  readonly role: RoleName;
  readonly areaCode: string;
}

async function requireArea(db: Db, input: string): Promise<AreaRecord> {
  const code = normaliseAreaCode(input);
  const area = await new PrismaAreaStore(db).findArea(code);
  if (!area) throw new AdminError(`No area with code ${code}.`);
  return area;
}

/** Gives a role (creating the user row if the person never wrote to the bot). */
export async function grantRole(db: Db, input: RoleCommandInput): Promise<{ area: AreaRecord; alreadyHeld: boolean }> {
  const area = await requireArea(db, input.areaCode);
  // As `/moi counsellor`: a counsellor answers a school's help requests, and only a school has them.
  if (input.role === "counsellor" && area.kind !== "truonghoc") {
    throw new AdminError(`${area.code} is not a school: a counsellor is granted on a school (kind truonghoc).`);
  }
  const { platform, platformUserId } = input.person;
  const user = await db.user.upsert({
    where: { platform_platformUserId: { platform, platformUserId } },
    create: { platform, platformUserId },
    update: {},
  });
  const held = await db.role.findFirst({
    where: { userId: user.id, areaId: area.id, role: input.role, revokedAt: null },
  });
  if (held) return { area, alreadyHeld: true };
  await db.role.create({ data: { userId: user.id, areaId: area.id, role: input.role } });
  await new PrismaAuditLog(db).record({
    action: "role.grant",
    areaId: area.id,
    subject: input.role,
    details: { holder: personLabel(input.person), via: "cli" },
  });
  return { area, alreadyHeld: false };
}

/** Revokes the role; the person is told in a private message (queued by the running bot). */
export async function revokeRoleOf(
  database: { db: Db; sql: Sql },
  input: RoleCommandInput & { defaultLocale: Locale },
): Promise<{ area: AreaRecord; revoked: number }> {
  const { db, sql } = database;
  const area = await requireArea(db, input.areaCode);
  const { platform, platformUserId } = input.person;
  const roles = await db.role.findMany({
    where: { user: { platform, platformUserId }, areaId: area.id, role: input.role, revokedAt: null },
    select: { id: true },
  });
  if (roles.length === 0)
    throw new AdminError(`${personLabel(input.person)} does not hold the role ${input.role} in ${area.code}.`);
  const areas = new PrismaAreaStore(db);
  const deps = {
    areas,
    identity: new PrismaIdentityStore(db, sql),
    audit: new PrismaAuditLog(db),
    outbox: new PendingOutbox(sql),
    clock: systemClock,
    defaultLocale: input.defaultLocale,
  };
  let revoked = 0;
  for (const { id } of roles) {
    const holding = await areas.findRole(id);
    if (holding && (await revokeRole({ holding, actorUserId: null, via: "cli", deps }))) revoked += 1;
  }
  return { area, revoked };
}
