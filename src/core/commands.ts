/** How a module declares its commands and what a command handler receives. */
import type { ChatRecord, RoleName, UserRecord } from "./actors.js";
import type { Button, InboundEvent, Media } from "./messages.js";
import type { Locale, Text } from "./text.js";

/** What every handler of an inbound event may use. */
export interface RequestContext {
  readonly user: UserRecord;
  readonly chat: ChatRecord;
  /** The language replies are rendered in (the user's in a private chat, the group's in a group). */
  readonly locale: Locale;
  readonly isSuperadmin: boolean;
  /**
   * Replies in this chat (as a reply to the command in groups). Queued at interactive priority.
   * With `photo`, the text is its caption.
   */
  reply(
    text: Text,
    options?: { buttons?: readonly (readonly Button[])[]; locale?: Locale; photo?: Media; expectsText?: boolean },
  ): Promise<void>;
}

export interface CommandContext extends RequestContext {
  readonly event: Extract<InboundEvent, { type: "command" }>;
  /** Lower-case command name as typed, without `/` and `@BotName`. */
  readonly command: string;
  /** Everything after the command, trimmed. */
  readonly args: string;
}

export interface ButtonContext extends RequestContext {
  readonly event: Extract<InboundEvent, { type: "button" }>;
  /** Answers the press (a toast for the presser); every press gets exactly one answer. */
  answer(text?: Text, options?: { alert?: boolean }): Promise<void>;
  /**
   * For a handler whose one statement can also mark the update handled in the ledger (the ✅ press):
   * the key to mark, and `marked()` to call once that statement ran, so the dispatcher writes no
   * done mark of its own. Unset where there is no ledger.
   */
  readonly ledger?: { readonly platform: InboundEvent["platform"]; readonly updateKey: string; marked(): void };
}

/**
 * Who a command is for, as in the "who" column of DESIGN.md §4 (shown in /trogiup). `role_holder`:
 * anyone who holds some role somewhere (the console's sign-in link, issue 21).
 */
export type Audience = "anyone" | RoleName | "officer_or_propagandist" | "role_holder";

export interface CommandSpec {
  /** Names without `/`: the Vietnamese one first, then the English alias. */
  readonly names: readonly string[];
  readonly where: "private" | "group" | "any";
  readonly audience: Audience;
  /** i18n key of the one-line help. */
  readonly helpKey: string;
  /** What the router replies to someone outside the audience everywhere; default common:errors.notYourCommand. */
  readonly refusalKey?: string;
  /**
   * The handler's own rule is wider or different than the audience (e.g. an officer may invite a
   * relay with an admin command): the router leaves the check to the handler.
   */
  readonly audienceCheckedByHandler?: true;
  run(ctx: CommandContext): Promise<void>;
}

/** What the rows of one group in a command table may share: where they run, who they are for, the refusal. */
export type SharedKey = "where" | "audience" | "refusalKey" | "audienceCheckedByHandler";

/** One row of a command table: what its group shares may be left out, and the help key has a default. */
export type CommandRow<K extends SharedKey> = Omit<CommandSpec, "helpKey" | K> &
  Partial<Pick<CommandSpec, "helpKey" | K>>;

/**
 * A module's command table, one row a command. A row takes what its group shares unless it says
 * otherwise, and its help key is `<namespace>:help.<first name>` unless it names one.
 */
export function commandsOf<K extends SharedKey = never>(
  namespace: string,
  shared: Pick<CommandSpec, K>,
  rows: readonly CommandRow<NoInfer<K>>[],
): CommandSpec[] {
  // Each row and its group's share together have every field: the types of the two parameters say so.
  return (rows as readonly CommandRow<SharedKey>[]).map(
    (row) => ({ ...shared, ...row, helpKey: row.helpKey ?? `${namespace}:help.${row.names[0] ?? ""}` }) as CommandSpec,
  );
}

/** Handles button presses whose callback data starts with `prefix:`. */
export interface ButtonSpec {
  readonly prefix: string;
  run(ctx: ButtonContext, payload: string): Promise<void>;
}
