/** The console's command and button in chat (issue 21). */
import { commandsOf, type ButtonSpec, type CommandSpec } from "../../core/commands.js";
import type { ConsoleDeps } from "./deps.js";
import { pressEndButton } from "./end-console-sessions.js";
import { CONSOLE_BUTTON_PREFIX, issueConsoleLink } from "./issue-console-link.js";

export function consoleCommands(deps: ConsoleDeps): CommandSpec[] {
  return commandsOf("console", { refusalKey: "console:link.refused" }, [
    {
      names: ["bangdieukhien", "console"],
      where: "private",
      audience: "role_holder",
      run: (ctx) => issueConsoleLink({ ctx, deps }),
    },
  ]);
}

export function consoleButtons(deps: ConsoleDeps): ButtonSpec[] {
  return [{ prefix: CONSOLE_BUTTON_PREFIX, run: (ctx, payload) => pressEndButton({ ctx, deps, payload }) }];
}
