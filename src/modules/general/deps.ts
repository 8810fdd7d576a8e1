/** What the general commands (start, help, language) need. */
import type { CommandContext, CommandSpec } from "../../core/commands.js";
import type { AreaDeps } from "../areas/deps.js";

export interface GeneralDeps extends AreaDeps {
  /** Every command the bot knows, for /trogiup. */
  readonly commands: () => readonly CommandSpec[];
  /** `/start <prefix>_<value>` payloads served by other modules (e.g. `tip_<areaCode>`). */
  readonly deepLinks?: readonly DeepLink[];
}

/** A deep-link payload another module serves in private chats; `value` is what follows `<prefix>_`. */
export interface DeepLink {
  readonly prefix: string;
  run(ctx: CommandContext, value: string): Promise<void>;
}
