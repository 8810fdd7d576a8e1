/**
 * A role holder's own menu: in their private chat, Telegram shows their role's commands beside
 * everyone's (scope `chat`); when the last role goes, the menu is removed and the public one shows.
 * Role changes are found in the Role table, so a grant by invite, `/thuhoi` or the admin CLI (which
 * runs without the bot) all reach the menu within one tick.
 */
import type { UserRecord } from "../../core/actors.js";
import type { CommandSpec } from "../../core/commands.js";
import type { CommandMenus } from "../../core/ports.js";
import type { Locale } from "../../core/text.js";
import type { Access } from "../areas/access.js";
import { menuEntries } from "./menu-entries.js";

/** A role written in a transaction that commits late still falls inside the next window. */
const OVERLAP_MS = 10_000;

/**
 * Every this many calls, everyone is looked at again: a language changed with /ngonngu, or a
 * superadmin who wrote for the first time, gets their menu without a Role row changing.
 */
const FULL_SYNC_EVERY = 150;

export interface RoleMenuStore {
  /**
   * Telegram users whose roles were granted or revoked after `since`; with no `since`, everyone who
   * ever held a role, and the users `alsoUserIds` names. `at` is the database's time of the query.
   */
  changedSince(since: Date | undefined, alsoUserIds?: readonly string[]): Promise<{ users: UserRecord[]; at: Date }>;
}

export interface RoleMenuDeps {
  readonly store: RoleMenuStore;
  readonly access: Access;
  readonly menus: CommandMenus;
  readonly commands: () => readonly CommandSpec[];
  readonly defaultLocale: Locale;
  /** Telegram ids of the superadmins (SUPERADMINS), who hold every role without a Role row. */
  readonly superadminIds: readonly string[];
}

export class RoleMenuSync {
  /** What each person's menu was last set to ("" = removed), so an unchanged menu is not sent again. */
  private readonly applied = new Map<number, string>();
  private cursor: Date | undefined;
  private calls = 0;

  constructor(private readonly deps: RoleMenuDeps) {}

  /** First call (and every FULL_SYNC_EVERY-th): every role holder; else those whose roles changed since the previous call. */
  async sync(): Promise<void> {
    const full = this.calls++ % FULL_SYNC_EVERY === 0;
    const since = full || !this.cursor ? undefined : new Date(this.cursor.getTime() - OVERLAP_MS);
    const { users, at } = await this.deps.store.changedSince(since, this.deps.superadminIds);
    for (const user of users) await this.apply(user);
    this.cursor = at;
  }

  private async apply(user: UserRecord): Promise<void> {
    const { access, menus, commands, defaultLocale } = this.deps;
    const roles = await access.roleNames(user);
    const locale = user.locale ?? defaultLocale;
    const scope = { kind: "chat" as const, chatId: user.platformUserId };
    const entries = roles.size > 0 ? menuEntries({ commands: commands(), where: "private", roles }) : [];
    const signature = entries.length > 0 ? `${locale}:${entries.map((e) => e.command).join(",")}` : "";
    if (this.applied.get(user.id) === signature) return;
    // A Telegram private chat has the person's id as its id.
    const done = signature === "" ? await menus.remove(scope) : await menus.set({ scope, renderIn: locale, entries });
    if (done) this.applied.set(user.id, signature);
  }
}
