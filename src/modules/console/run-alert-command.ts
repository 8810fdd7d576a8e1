/**
 * The alerts' chat commands run from the console: `/tinhtrang` (the alert's page), `/keng` (strike),
 * `/huykeng` and `/ketthuc` (cancel, resolve) — the very use cases, with their checks and audit.
 * What they reply becomes the page's notices (a chart they would send is left out).
 */
import { alertStatus } from "../alerts/alert-status.js";
import type { AlertDeps } from "../alerts/deps.js";
import { endAlertNow } from "../alerts/end-alert.js";
import { issueAlert } from "../alerts/issue-alert.js";
import { consoleCommandContext, refusalsAsNotices } from "./console-context.js";
import type { ConsoleDeps } from "./deps.js";
import type { ConsoleNotice, ConsoleSessionRecord } from "./types.js";

export type AlertCommand =
  | { readonly kind: "status"; readonly id: number }
  | { readonly kind: "strike"; readonly level: "khan" | "cao" | "tb"; readonly areaCode: string; readonly text: string }
  | { readonly kind: "cancel" | "resolve"; readonly id: number; readonly closure: string };

export async function runAlertCommand(input: {
  deps: { console: ConsoleDeps; alerts: AlertDeps };
  session: ConsoleSessionRecord;
  command: AlertCommand;
  /** The submitted form's id (`_form`). */
  submission?: string | undefined;
}): Promise<ConsoleNotice[]> {
  const { deps, session, command } = input;
  const alerts = { ...deps.alerts, charts: undefined };
  const args =
    command.kind === "strike"
      ? `${command.level} @${command.areaCode} ${command.text}`
      : command.kind === "status"
        ? `K${command.id}`
        : `K${command.id} ${command.closure}`;
  const { ctx, notices, refuse } = consoleCommandContext({
    deps: deps.console,
    session,
    command: command.kind,
    args,
    submission: input.submission,
  });
  await refusalsAsNotices(() => {
    switch (command.kind) {
      case "status":
        return alertStatus({ ctx, deps: alerts });
      case "strike":
        return issueAlert({ ctx, deps: alerts });
      case "cancel":
      case "resolve":
        return endAlertNow({
          ctx,
          deps: alerts,
          kind: command.kind,
          id: command.id,
          closure: command.kind === "resolve" ? command.closure : undefined,
        });
      default: {
        const never: never = command;
        throw new Error(`unknown alert command ${JSON.stringify(never)}`);
      }
    }
  }, refuse);
  return notices;
}
