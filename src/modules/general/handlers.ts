/** Commands for everyone: start, help, language; and the menu buttons they offer. */
import type { ButtonSpec, CommandSpec } from "../../core/commands.js";
import type { GeneralDeps } from "./deps.js";
import { help } from "./help.js";
import { menuButton } from "./menu-button.js";
import { setLanguage } from "./set-language.js";
import { start } from "./start.js";

export function generalCommands(deps: GeneralDeps): CommandSpec[] {
  return [
    {
      names: ["start"],
      where: "any",
      audience: "anyone",
      helpKey: "common:help.start",
      run: (ctx) => start({ ctx, deps }),
    },
    {
      names: ["trogiup", "help"],
      where: "any",
      audience: "anyone",
      helpKey: "common:help.trogiup",
      run: (ctx) => help({ ctx, deps, full: /^(all|tat ?ca|tất ?cả)$/i.test(ctx.args.trim()) }),
    },
    {
      names: ["ngonngu", "lang"],
      where: "any",
      audience: "anyone",
      helpKey: "common:help.ngonngu",
      run: (ctx) => setLanguage({ ctx, deps }),
    },
  ];
}

export function generalButtons(deps: GeneralDeps): ButtonSpec[] {
  return [menuButton(deps)];
}
