/** `/huychiendich <ID>` (`/campaign_cancel`): no further runs, and what has not gone out yet is withdrawn. */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { CAMPAIGN_ROLES } from "./create-campaign.js";
import type { CampaignDeps } from "./deps.js";
import { campaignId, parseCampaignId } from "./types.js";

export async function cancelCampaign(input: { ctx: CommandContext; deps: CampaignDeps }): Promise<void> {
  const { ctx, deps } = input;
  const id = parseCampaignId(ctx.args.split(/\s+/)[0] ?? "");
  if (id === undefined) return ctx.reply(t("campaigns:cancel.usage"));
  const campaign = await deps.campaigns.find(id);
  if (!campaign) return ctx.reply(t("campaigns:notFound", { id: campaignId(id) }));
  await deps.access.requireAnyRole(ctx.user, CAMPAIGN_ROLES, campaign.areaCode, {
    key: "campaigns:create.forbidden",
    params: { area: campaign.areaName },
  });
  const cancelled = await deps.campaigns.cancel({ campaignId: id, at: deps.clock.now() });
  if (!cancelled && campaign.status !== "cancelled")
    return ctx.reply(t("campaigns:cancel.finished", { id: campaignId(id) }));
  // Also on a repeated /huychiendich: a run that was being queued meanwhile may have added messages.
  const withdrawn = await deps.campaigns.cancelPending(id);
  if (cancelled)
    await deps.audit.record({
      actorUserId: ctx.user.id,
      action: "campaign.cancel",
      areaId: campaign.areaId,
      subject: campaignId(id),
    });
  await ctx.reply(
    t(cancelled ? "campaigns:cancel.done" : "campaigns:cancel.already", { id: campaignId(id), withdrawn }),
  );
}
