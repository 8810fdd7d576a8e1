/** What the general commands (start, help, language) need. */
import type { CommandSpec } from "../../core/commands.js";
import type { AreaDeps } from "../areas/deps.js";

export interface GeneralDeps extends AreaDeps {
  /** Every command the bot knows, for /trogiup. */
  readonly commands: () => readonly CommandSpec[];
}
