/** Commands of the posters module. */
import { commandsOf, type CommandSpec } from "../../core/commands.js";
import type { PosterDeps } from "./deps.js";
import { sendPoster } from "./send-poster.js";

export function posterCommands(deps: PosterDeps): CommandSpec[] {
  return commandsOf("posters", { refusalKey: "posters:forbidden" }, [
    { names: ["apphich", "poster"], where: "private", audience: "officer", run: (ctx) => sendPoster({ ctx, deps }) },
  ]);
}
