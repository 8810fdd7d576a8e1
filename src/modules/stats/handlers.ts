/** Commands of the statistics module. */
import { commandsOf, type CommandSpec } from "../../core/commands.js";
import type { StatsDeps } from "./deps.js";
import { showStats } from "./show-stats.js";

export function statsCommands(deps: StatsDeps): CommandSpec[] {
  return commandsOf("stats", { refusalKey: "stats:forbidden" }, [
    { names: ["thongke", "stats"], where: "private", audience: "officer", run: (ctx) => showStats({ ctx, deps }) },
  ]);
}
