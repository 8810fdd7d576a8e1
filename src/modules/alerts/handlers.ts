/** Commands and buttons of the security gong. */
import type { ButtonSpec, CommandSpec } from "../../core/commands.js";
import type { FlowHandler } from "../flows/types.js";
import { acknowledgeAlert } from "./acknowledge-alert.js";
import { ALERT_FLOW_PREFIX, alertFlowHandler } from "./alert-flow.js";
import { pressAlertFlowButton } from "./alert-flow-buttons.js";
import { alertStatus } from "./alert-status.js";
import type { AlertDeps } from "./deps.js";
import { endAlert } from "./end-alert.js";
import { FOLLOW_BUTTON_PREFIX, followArea } from "./follow-area.js";
import { followFlowHandler, pressFollowButton } from "./follow-area-buttons.js";
import { issueAlert } from "./issue-alert.js";
import { closeAlertFlowHandler, PICK_ALERT_PREFIX, pressPickAlert } from "./pick-alert.js";

export function alertCommands(deps: AlertDeps): CommandSpec[] {
  return [
    {
      names: ["keng", "alert"],
      where: "any",
      audience: "officer",
      helpKey: "alerts:help.keng",
      refusalKey: "alerts:issue.forbidden",
      run: (ctx) => issueAlert({ ctx, deps }),
    },
    {
      names: ["huykeng", "alert_cancel"],
      where: "any",
      audience: "officer",
      helpKey: "alerts:help.huykeng",
      refusalKey: "alerts:issue.manageForbidden",
      run: (ctx) => endAlert({ ctx, deps, kind: "cancel" }),
    },
    {
      names: ["ketthuc", "alert_resolve"],
      where: "any",
      audience: "officer",
      helpKey: "alerts:help.ketthuc",
      refusalKey: "alerts:issue.manageForbidden",
      run: (ctx) => endAlert({ ctx, deps, kind: "resolve" }),
    },
    {
      names: ["tinhtrang", "alert_status"],
      where: "any",
      audience: "officer",
      helpKey: "alerts:help.tinhtrang",
      refusalKey: "alerts:issue.manageForbidden",
      run: (ctx) => alertStatus({ ctx, deps }),
    },
    {
      names: ["theodoi", "follow"],
      where: "private",
      audience: "anyone",
      helpKey: "alerts:help.theodoi",
      run: (ctx) => followArea({ ctx, deps, follow: true }),
    },
    {
      names: ["bothedoi", "unfollow"],
      where: "private",
      audience: "anyone",
      helpKey: "alerts:help.bothedoi",
      run: (ctx) => followArea({ ctx, deps, follow: false }),
    },
  ];
}

export function alertButtons(deps: AlertDeps): ButtonSpec[] {
  return [
    { prefix: "ak", run: (ctx, payload) => acknowledgeAlert({ ctx, payload, deps }) },
    // `keng:start` opens "Đánh kẻng" step by step (menus use it); the rest are its steps.
    { prefix: ALERT_FLOW_PREFIX, run: (ctx, payload) => pressAlertFlowButton({ ctx, payload, deps }) },
    { prefix: PICK_ALERT_PREFIX, run: (ctx, payload) => pressPickAlert({ ctx, payload, deps }) },
    { prefix: FOLLOW_BUTTON_PREFIX, run: (ctx, payload) => pressFollowButton({ ctx, payload, deps }) },
  ];
}

/** The guided "Đánh kẻng" and the closing words after a pick of `/ketthuc`. */
export function alertFlowHandlers(deps: AlertDeps): FlowHandler[] {
  return deps.flows ? [alertFlowHandler(deps, deps.flows), closeAlertFlowHandler(deps), followFlowHandler(deps)] : [];
}
