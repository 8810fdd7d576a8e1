/** Commands for everyone: start, help, language; and the menu buttons they offer. */
import { type ButtonSpec, commandsOf, type CommandSpec } from "../../core/commands.js";
import type { GeneralDeps } from "./deps.js";
import { help } from "./help.js";
import { menuButton } from "./menu-button.js";
import { setLanguage } from "./set-language.js";
import { start } from "./start.js";

export function generalCommands(deps: GeneralDeps): CommandSpec[] {
  const all = (args: string) => /^(all|tat ?ca|tất ?cả)$/i.test(args.trim());
  return commandsOf("common", { where: "any", audience: "anyone" }, [
    { names: ["start"], run: (ctx) => start({ ctx, deps }) },
    { names: ["trogiup", "help"], run: (ctx) => help({ ctx, deps, full: all(ctx.args) }) },
    { names: ["ngonngu", "lang"], run: (ctx) => setLanguage({ ctx, deps }) },
  ]);
}

export function generalButtons(deps: GeneralDeps): ButtonSpec[] {
  return [menuButton(deps)];
}
