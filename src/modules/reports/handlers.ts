/** Commands of the reports module. */
import type { CommandSpec } from "../../core/commands.js";
import type { ReportDeps } from "./deps.js";
import { showReport } from "./show-report.js";

export function reportCommands(deps: ReportDeps): CommandSpec[] {
  return [
    {
      names: ["baocao", "report"],
      where: "private",
      audience: "officer",
      helpKey: "reports:help.baocao",
      refusalKey: "reports:forbidden",
      run: (ctx) => showReport({ ctx, deps }),
    },
  ];
}
