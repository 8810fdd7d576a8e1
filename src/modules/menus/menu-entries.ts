/**
 * The entries of a command menu, derived from the command table so the menu never names a command
 * the bot does not have, nor hides one it has: the commands a person may use in that kind of chat.
 */
import type { RoleName } from "../../core/actors.js";
import type { CommandSpec } from "../../core/commands.js";
import type { MenuEntry } from "../../core/ports.js";
import { t } from "../../core/text.js";
import { visibleTo } from "./visible-to.js";

/** Telegram shows at most 100 commands. */
export const MENU_MAX = 100;

/** What people most likely want comes first; the rest keep the table's order. */
const FIRST = [
  "start",
  "keng",
  "tingiac",
  "tinhtrang",
  "togiac",
  "theodoi",
  "tracuu",
  "kiemtra",
  "cauhoi",
  "bxh",
  "trogiup",
  "ngonngu",
];

function rank(spec: CommandSpec): number {
  const i = FIRST.indexOf(spec.names[0] ?? "");
  return i === -1 ? FIRST.length : i;
}

/** The menu of a private or group chat for someone holding `roles` (none: a resident). */
export function menuEntries(options: {
  commands: readonly CommandSpec[];
  where: "private" | "group";
  roles: ReadonlySet<RoleName>;
}): MenuEntry[] {
  const { commands, where, roles } = options;
  return commands
    .filter((spec) => (spec.where === "any" || spec.where === where) && visibleTo(spec.audience, roles))
    .map((spec, index) => ({ spec, index }))
    .sort((a, b) => rank(a.spec) - rank(b.spec) || a.index - b.index)
    .slice(0, MENU_MAX)
    .map(({ spec }) => ({ command: spec.names[0] ?? "", description: t(spec.helpKey) }));
}
