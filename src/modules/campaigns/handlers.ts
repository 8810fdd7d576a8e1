/** Commands, buttons and the guided flow of the campaigns module. */
import { type ButtonSpec, type CommandContext, commandsOf, type CommandSpec } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { FlowHandler } from "../flows/types.js";
import { CAMPAIGN_BUTTON_PREFIX } from "./campaign-callback-data.js";
import { pressCampaignButton } from "./campaign-flow-buttons.js";
import { campaignFlowHandler, startCampaignFlow } from "./campaign-flow.js";
import { cancelCampaign } from "./cancel-campaign.js";
import { createCampaignFromCommand } from "./create-campaign.js";
import type { CampaignDeps } from "./deps.js";
import { listCampaigns } from "./list-campaigns.js";
import { showCampaign } from "./show-campaign.js";
import { parseCampaignId } from "./types.js";

export function campaignCommands(deps: CampaignDeps): CommandSpec[] {
  const create = (ctx: CommandContext) => {
    if (ctx.args)
      return createCampaignFromCommand({
        ctx,
        args: ctx.args,
        sourceKey: `${ctx.event.platform}:${ctx.event.updateKey}`,
        deps,
      });
    return deps.flows
      ? startCampaignFlow({ ctx, deps, flows: deps.flows, update: ctx.event })
      : ctx.reply(t("campaigns:create.usage"));
  };
  const propagandists = {
    where: "private",
    audience: "officer_or_propagandist",
    refusalKey: "campaigns:forbidden",
  } as const;
  return commandsOf("campaigns", propagandists, [
    { names: ["chiendich", "campaign"], run: create },
    { names: ["dschiendich", "campaigns"], run: (ctx) => listOrShow(ctx, deps) },
    { names: ["huychiendich", "campaign_cancel"], run: (ctx) => cancelCampaign({ ctx, deps }) },
  ]);
}

/** `/dschiendich` lists; `/dschiendich C3` shows one campaign per group. */
function listOrShow(ctx: CommandContext, deps: CampaignDeps): Promise<void> {
  const word = ctx.args.split(/\s+/)[0];
  if (!word) return listCampaigns({ ctx, deps });
  const id = parseCampaignId(word);
  return id === undefined ? ctx.reply(t("campaigns:show.usage")) : showCampaign({ ctx, deps, id });
}

export function campaignButtons(deps: CampaignDeps): ButtonSpec[] {
  return [{ prefix: CAMPAIGN_BUTTON_PREFIX, run: (ctx, payload) => pressCampaignButton({ ctx, deps, payload }) }];
}

export function campaignFlowHandlers(deps: CampaignDeps): FlowHandler[] {
  return deps.flows ? [campaignFlowHandler(deps, deps.flows)] : [];
}
