/** Commands, buttons, flows and private-message handling of the tips module. */
import { UnreadableButtonError } from "../../core/errors.js";
import {
  type ButtonContext,
  type ButtonSpec,
  type CommandContext,
  commandsOf,
  type CommandSpec,
  type RequestContext,
} from "../../core/commands.js";
import type { InboundEvent } from "../../core/messages.js";
import type { FlowHandler } from "../flows/types.js";
import type { DeepLink } from "../general/deps.js";
import { askFlowHandler, askTipster } from "./ask-tipster.js";
import { type OfficerAction, parseTipButton, TIP_BUTTON_PREFIX } from "./callback-data.js";
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
  const officer = { where: "private", audience: "officer", refusalKey: "tips:officer.onlyOfficers" } as const;
  return [
    ...commandsOf("tips", {}, [
      { names: ["togiac", "tip"], where: "any", audience: "anyone", run: (ctx) => startTip(ctx, deps) },
      { names: ["giupban", "helpme"], where: "private", audience: "anyone", run: (ctx) => startHelp(ctx, deps) },
      {
        names: ["quyenriengtu", "privacy"],
        where: "any",
        audience: "anyone",
        run: (ctx) => showPrivacy({ ctx, deps }),
      },
      { names: ["tracuu", "status"], where: "private", audience: "anyone", run: (ctx) => lookupTip({ ctx, deps }) },
    ]),
    ...commandsOf("tips", officer, [
      { names: ["tingiac", "tips"], run: (ctx) => listOpenTips({ ctx, deps }) },
      { names: ["traloi", "reply"], run: (ctx) => replyToTipster({ ctx, deps }) },
    ]),
  ];
}

/** `/togiac` in a group points to the private chat; `/togiac <words>` takes them as the tip; alone, the guided flow. */
function startTip(ctx: CommandContext, deps: TipDeps): Promise<void> {
  if (ctx.chat.kind === "group") return pointToPrivateChat({ ctx, deps });
  return ctx.args ? takeQuickTip({ ctx, deps, text: ctx.args }) : startTipFlow({ ctx, update: ctx.event, deps });
}

/** `/giupban` starts a help request, with what was typed after it as its first words. */
function startHelp(ctx: CommandContext, deps: TipDeps): Promise<void> {
  return startHelpFlow({ ctx, update: ctx.event, deps, ...(ctx.args ? { text: ctx.args } : {}) });
}

export function tipButtons(deps: TipDeps): ButtonSpec[] {
  return [{ prefix: TIP_BUTTON_PREFIX, run: (ctx, payload) => pressTipButton(ctx, payload, deps) }];
}

/** What a button on a tip card, or a tipster's status button, runs on the tip it names. */
const TIP_ACTIONS: Record<
  OfficerAction | "status",
  (input: { ctx: ButtonContext; deps: TipDeps; tipId: number }) => Promise<void>
> = {
  take: takeTip,
  valuable: markValuable,
  ask: askTipster,
  close: askOutcome,
  show: showTip,
  export: exportTip,
  status: showOwnTip,
};

async function pressTipButton(ctx: ButtonContext, payload: string, deps: TipDeps): Promise<void> {
  const button = parseTipButton(payload);
  if (!button) throw new UnreadableButtonError(TIP_BUTTON_PREFIX);
  if (button.kind === "outcome") return chooseOutcome({ ctx, deps, tipId: button.tipId, outcome: button.outcome });
  if (button.kind === "followUp") return chooseFollowUp({ ctx, deps, choice: button.choice });
  if ("tipId" in button) return TIP_ACTIONS[button.kind]({ ctx, deps, tipId: button.tipId });
  return pressFlowButton({ ctx, deps, button });
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
  return startLink(deps, "tip");
}

/** `/start help_<school-code-with-dashes>`: the school poster's QR, a help request to that school. */
export function helpDeepLink(deps: TipDeps): DeepLink {
  return startLink(deps, "help");
}

function startLink(deps: TipDeps, prefix: "tip" | "help"): DeepLink {
  return {
    prefix,
    run: (ctx, value) =>
      startFromLink({ ctx, update: ctx.event, deps, link: value || undefined, help: prefix === "help" }),
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
