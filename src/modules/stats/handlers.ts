/** Commands of the statistics module. */
import type { CommandSpec } from "../../core/commands.js";
import type { StatsDeps } from "./deps.js";
import { showStats } from "./show-stats.js";

export function statsCommands(deps: StatsDeps): CommandSpec[] {
  return [
    {
      names: ["thongke", "stats"],
      where: "private",
      audience: "officer",
      helpKey: "stats:help.thongke",
      refusalKey: "stats:forbidden",
      run: (ctx) => showStats({ ctx, deps }),
    },
  ];
}
