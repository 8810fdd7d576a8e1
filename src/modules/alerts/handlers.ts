/** Commands and buttons of the security gong. */
import { type ButtonSpec, commandsOf, type CommandSpec } from "../../core/commands.js";
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
  const officer = { where: "any", audience: "officer" } as const;
  return [
    ...commandsOf("alerts", { ...officer, refusalKey: "alerts:issue.forbidden" }, [
      { names: ["keng", "alert"], run: (ctx) => issueAlert({ ctx, deps }) },
    ]),
    ...commandsOf("alerts", { ...officer, refusalKey: "alerts:issue.manageForbidden" }, [
      { names: ["huykeng", "alert_cancel"], run: (ctx) => endAlert({ ctx, deps, kind: "cancel" }) },
      { names: ["ketthuc", "alert_resolve"], run: (ctx) => endAlert({ ctx, deps, kind: "resolve" }) },
      { names: ["tinhtrang", "alert_status"], run: (ctx) => alertStatus({ ctx, deps }) },
    ]),
    ...commandsOf("alerts", { where: "private", audience: "anyone" }, [
      { names: ["theodoi", "follow"], run: (ctx) => followArea({ ctx, deps, follow: true }) },
      { names: ["bothedoi", "unfollow"], run: (ctx) => followArea({ ctx, deps, follow: false }) },
    ]),
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
