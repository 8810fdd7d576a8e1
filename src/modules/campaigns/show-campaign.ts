/** `/dschiendich <ID>`: one campaign, with its deliveries and quiz answers per group. */
import type { CommandContext } from "../../core/commands.js";
import { lines, raw, t, type Text } from "../../core/text.js";
import { CAMPAIGN_ROLES } from "./create-campaign.js";
import type { CampaignDeps } from "./deps.js";
import { campaignLines } from "./list-campaigns.js";
import { campaignId } from "./types.js";

const LISTED = 30;

export async function showCampaign(input: { ctx: CommandContext; deps: CampaignDeps; id: number }): Promise<void> {
  const { ctx, deps, id } = input;
  const campaign = await deps.campaigns.find(id);
  if (!campaign) return ctx.reply(t("campaigns:notFound", { id: campaignId(id) }));
  await deps.access.requireAnyRole(ctx.user, CAMPAIGN_ROLES, campaign.areaCode, {
    key: "campaigns:create.forbidden",
    params: { area: campaign.areaName },
  });
  const [figures, groups] = await Promise.all([deps.campaigns.figures([id]), deps.campaigns.groupFigures(id)]);
  const rows: Text[] = groups.slice(0, LISTED).map((g) =>
    t(campaign.quizTopic ? "campaigns:show.groupWithQuiz" : "campaigns:show.group", {
      group: raw(g.title ?? "—"),
      sent: g.sent,
      failed: g.failed,
      pending: g.pending,
      answers: g.quizAnswers,
      correct: g.quizCorrect,
    }),
  );
  if (groups.length > LISTED) rows.push(t("campaigns:show.more", { rest: groups.length - LISTED }));
  await ctx.reply(
    lines(
      campaignLines({ campaign, figures: figures.get(id), ctx, deps }),
      ...(groups.length > 0 ? [t("campaigns:show.byGroup"), ...rows] : [t("campaigns:show.noGroups")]),
    ),
  );
}
