/**
 * What the console's admin pages read (areas, role holders, pending invites), always within the
 * areas the person administers — a superadmin: everywhere. Changes go through the chat's own use
 * cases (`/themkhuvuc`, `/suakhuvuc`, `/xoakhuvuc`, `/moi`, `/huymoi`, «Thu hồi» of `/thuhoi`).
 */
import type { RoleName } from "../../core/actors.js";
import type { Access } from "../areas/access.js";
import type { ConsoleSessionRecord } from "./types.js";

export interface AdminAreaRow {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly kind: string | null;
}

export interface PendingInviteRow {
  readonly id: number;
  readonly code: string;
  readonly role: RoleName;
  readonly areaCode: string;
  readonly areaName: string;
  readonly expiresAt: Date;
}

/** Reading side of the admin pages. */
export interface AdminReader {
  /** Areas of these subtrees (all: every area), by code. */
  areas(within: readonly string[] | "all", limit: number): Promise<AdminAreaRow[]>;
  /** Invites of these subtrees not used, withdrawn or expired at `now`, newest first. */
  pendingInvites(within: readonly string[] | "all", now: Date, limit: number): Promise<PendingInviteRow[]>;
}

/** The subtrees a person administers: "all" for a superadmin, null for someone who is no admin. */
export async function adminScope(input: {
  access: Access;
  session: ConsoleSessionRecord;
}): Promise<readonly string[] | "all" | null> {
  const { access, session } = input;
  if (access.isSuperadmin(session.user)) return "all";
  const codes = (await access.grants(session.user)).filter((g) => g.role === "admin").map((g) => g.area.code);
  // A subtree inside another is already listed by it.
  const top = [...new Set(codes)].filter((c) => !codes.some((o) => o !== c && c.startsWith(`${o}.`)));
  return top.length > 0 ? top : null;
}

/** The areas a person administers, by code (null: no admin). */
export async function listAdminAreas(input: {
  access: Access;
  reader: AdminReader;
  session: ConsoleSessionRecord;
}): Promise<AdminAreaRow[] | null> {
  const within = await adminScope(input);
  return within && input.reader.areas(within, 500);
}

/** Pending invites of the areas a person administers (null: no admin). */
export async function listPendingInvites(input: {
  access: Access;
  reader: AdminReader;
  session: ConsoleSessionRecord;
  now: Date;
}): Promise<PendingInviteRow[] | null> {
  const within = await adminScope(input);
  return within && input.reader.pendingInvites(within, input.now, 200);
}
