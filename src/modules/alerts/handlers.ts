/** Commands and buttons of the security gong. */
import type { ButtonSpec, CommandSpec } from "../../core/commands.js";
import { acknowledgeAlert } from "./acknowledge-alert.js";
import { alertStatus } from "./alert-status.js";
import type { AlertDeps } from "./deps.js";
import { endAlert } from "./end-alert.js";
import { followArea } from "./follow-area.js";
import { issueAlert } from "./issue-alert.js";

export function alertCommands(deps: AlertDeps): CommandSpec[] {
  return [
    { names: ["keng", "alert"], where: "any", audience: "officer", helpKey: "alerts:help.keng", run: (ctx) => issueAlert({ ctx, deps }) },
    { names: ["huykeng", "alert_cancel"], where: "any", audience: "officer", helpKey: "alerts:help.huykeng", run: (ctx) => endAlert({ ctx, deps, kind: "cancel" }) },
    { names: ["ketthuc", "alert_resolve"], where: "any", audience: "officer", helpKey: "alerts:help.ketthuc", run: (ctx) => endAlert({ ctx, deps, kind: "resolve" }) },
    { names: ["tinhtrang", "alert_status"], where: "any", audience: "officer", helpKey: "alerts:help.tinhtrang", run: (ctx) => alertStatus({ ctx, deps }) },
    { names: ["theodoi", "follow"], where: "private", audience: "anyone", helpKey: "alerts:help.theodoi", run: (ctx) => followArea({ ctx, deps, follow: true }) },
    { names: ["bothedoi", "unfollow"], where: "private", audience: "anyone", helpKey: "alerts:help.bothedoi", run: (ctx) => followArea({ ctx, deps, follow: false }) },
  ];
}

export function alertButtons(deps: AlertDeps): ButtonSpec[] {
  return [{ prefix: "ak", run: (ctx, payload) => acknowledgeAlert({ ctx, payload, deps }) }];
}
