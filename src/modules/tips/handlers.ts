/** Commands, buttons, flows and private-message handling of the tips module. */
import { UnreadableButtonError } from "../../core/errors.js";
import type { ButtonSpec, CommandSpec, RequestContext } from "../../core/commands.js";
import type { InboundEvent } from "../../core/messages.js";
import type { FlowHandler } from "../flows/types.js";
import type { DeepLink } from "../general/deps.js";
import { askFlowHandler, askTipster } from "./ask-tipster.js";
import { parseTipButton, TIP_BUTTON_PREFIX } from "./callback-data.js";
import { askOutcome, chooseOutcome, closeFlowHandler } from "./close-tip.js";
import { escalateTip } from "./escalate-tip.js";
import { chooseFollowUp, followUpFlowHandler } from "./follow-up-choice.js";
import { forwardTip } from "./forward-tip.js";
import { showPrivacy } from "./show-privacy.js";
import type { TipDeps } from "./deps.js";
import { pointToPrivateChat } from "./group-pointer.js";
import { listOpenTips } from "./list-open-tips.js";
import { lookupTip, showOwnTip } from "./lookup-tip.js";
import { markValuable } from "./mark-valuable.js";
import { relayFromTipster } from "./relay-from-tipster.js";
import { replyToTipster } from "./reply-to-tipster.js";
import { showTip } from "./show-tip.js";
import { exportTip } from "./export-tip.js";
import { takeQuickTip } from "./take-quick-tip.js";
import { takeTip } from "./take-tip.js";
import { pressFlowButton } from "./tip-flow-buttons.js";
import { tipFlowHandler } from "./tip-flow-messages.js";
import { startTipFlow } from "./tip-flow.js";
import { startFromLink, startHelpFlow } from "./help-flow.js";

export function tipCommands(deps: TipDeps): CommandSpec[] {
  return [
    {
      names: ["togiac", "tip"],
      where: "any",
      audience: "anyone",
      helpKey: "tips:help.togiac",
      run: (ctx) => {
        if (ctx.chat.kind === "group") return pointToPrivateChat({ ctx, deps });
        return ctx.args ? takeQuickTip({ ctx, deps, text: ctx.args }) : startTipFlow({ ctx, update: ctx.event, deps });
      },
    },
    {
      names: ["giupban", "helpme"],
      where: "private",
      audience: "anyone",
      helpKey: "tips:help.giupban",
      run: (ctx) => startHelpFlow({ ctx, update: ctx.event, deps, ...(ctx.args ? { text: ctx.args } : {}) }),
    },
    {
      names: ["quyenriengtu", "privacy"],
      where: "any",
      audience: "anyone",
      helpKey: "tips:help.quyenriengtu",
      run: (ctx) => showPrivacy({ ctx, deps }),
    },
    {
      names: ["tracuu", "status"],
      where: "private",
      audience: "anyone",
      helpKey: "tips:help.tracuu",
      run: (ctx) => lookupTip({ ctx, deps }),
    },
    {
      names: ["tingiac", "tips"],
      where: "private",
      audience: "officer",
      helpKey: "tips:help.tingiac",
      refusalKey: "tips:officer.onlyOfficers",
      run: (ctx) => listOpenTips({ ctx, deps }),
    },
    {
      names: ["traloi", "reply"],
      where: "private",
      audience: "officer",
      helpKey: "tips:help.traloi",
      refusalKey: "tips:officer.onlyOfficers",
      run: (ctx) => replyToTipster({ ctx, deps }),
    },
  ];
}

export function tipButtons(deps: TipDeps): ButtonSpec[] {
  return [
    {
      prefix: TIP_BUTTON_PREFIX,
      run: async (ctx, payload) => {
        const button = parseTipButton(payload);
        if (!button) throw new UnreadableButtonError(TIP_BUTTON_PREFIX);
        switch (button.kind) {
          case "take":
            return takeTip({ ctx, deps, tipId: button.tipId });
          case "valuable":
            return markValuable({ ctx, deps, tipId: button.tipId });
          case "ask":
            return askTipster({ ctx, deps, tipId: button.tipId });
          case "close":
            return askOutcome({ ctx, deps, tipId: button.tipId });
          case "outcome":
            return chooseOutcome({ ctx, deps, tipId: button.tipId, outcome: button.outcome });
          case "show":
            return showTip({ ctx, deps, tipId: button.tipId });
          case "export":
            return exportTip({ ctx, deps, tipId: button.tipId });
          case "status":
            return showOwnTip({ ctx, deps, tipId: button.tipId });
          case "followUp":
            return chooseFollowUp({ ctx, deps, choice: button.choice });
          default:
            return pressFlowButton({ ctx, deps, button });
        }
      },
    },
  ];
}

export function tipFlowHandlers(deps: TipDeps): FlowHandler[] {
  return [tipFlowHandler(deps), askFlowHandler(deps), closeFlowHandler(deps), followUpFlowHandler(deps)];
}

/** Private messages outside any flow: a tipster's follow-up to their open tip. */
export function tipFollowUps(deps: TipDeps): (ctx: RequestContext, event: InboundEvent) => Promise<boolean> {
  return (ctx, event) => relayFromTipster({ ctx, deps, event });
}

/** `/start tip_<area-code-with-dashes>` (or `/start tip`): the guided flow, for that area; a school's is a help request. */
export function tipDeepLink(deps: TipDeps): DeepLink {
  return {
    prefix: "tip",
    run: (ctx, value) => startFromLink({ ctx, update: ctx.event, deps, link: value || undefined, help: false }),
  };
}

/** `/start help_<school-code-with-dashes>`: the school poster's QR, a help request to that school. */
export function helpDeepLink(deps: TipDeps): DeepLink {
  return {
    prefix: "help",
    run: (ctx, value) => startFromLink({ ctx, update: ctx.event, deps, link: value || undefined, help: true }),
  };
}

/** What the `tips` queue's worker runs. */
export function tipJobs(deps: TipDeps): {
  forward(tipId: number): Promise<void>;
  escalate(tipId: number, level: number): Promise<void>;
} {
  return {
    forward: (tipId) => forwardTip({ deps, tipId }),
    escalate: (tipId, level) => escalateTip({ deps, tipId, level }),
  };
}
