/** Commands of the reports module. */
import { commandsOf, type CommandSpec } from "../../core/commands.js";
import type { ReportDeps } from "./deps.js";
import { showReport } from "./show-report.js";

export function reportCommands(deps: ReportDeps): CommandSpec[] {
  return commandsOf("reports", { refusalKey: "reports:forbidden" }, [
    { names: ["baocao", "report"], where: "private", audience: "officer", run: (ctx) => showReport({ ctx, deps }) },
  ]);
}
