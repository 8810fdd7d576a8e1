/** Commands of the posters module. */
import type { CommandSpec } from "../../core/commands.js";
import type { PosterDeps } from "./deps.js";
import { sendPoster } from "./send-poster.js";

export function posterCommands(deps: PosterDeps): CommandSpec[] {
  return [
    {
      names: ["apphich", "poster"],
      where: "private",
      audience: "officer",
      helpKey: "posters:help.apphich",
      refusalKey: "posters:forbidden",
      run: (ctx) => sendPoster({ ctx, deps }),
    },
  ];
}
