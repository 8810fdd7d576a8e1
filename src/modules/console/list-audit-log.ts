/**
 * The audit log for an admin: the latest entries of the areas they administer (a superadmin: all),
 * with who acted (a role holder's or resident's display name; tipsters never act in it).
 */
import type { ConsoleSessionRecord } from "./types.js";
import type { Access } from "../areas/access.js";

export interface AuditEntry {
  readonly id: number;
  readonly at: Date;
  readonly action: string;
  readonly actor: string | null;
  readonly area: string | null;
  readonly subject: string | null;
}

/** Reading side of the audit log. */
export interface AuditReader {
  latest(input: { within: readonly string[] | "all"; limit: number }): Promise<AuditEntry[]>;
}

export async function listAuditLog(input: {
  access: Access;
  reader: AuditReader;
  session: ConsoleSessionRecord;
}): Promise<AuditEntry[] | null> {
  const { access, session } = input;
  if (!(await access.isAdminSomewhere(session.user))) return null;
  const within = access.isSuperadmin(session.user)
    ? "all"
    : [...new Set((await access.grants(session.user)).filter((g) => g.role === "admin").map((g) => g.area.code))];
  return input.reader.latest({ within, limit: 100 });
}
