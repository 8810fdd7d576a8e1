/**
 * Which area a tip is for: the areas of the registered groups the tipster was seen in (or follows),
 * else the area tree, browsed from the top. Buttons carry area ids, checked again when pressed.
 */
import type { RequestContext } from "../../core/commands.js";
import type { Button } from "../../core/messages.js";
import { areaLevel } from "../areas/area-browser.js";
import { t } from "../../core/text.js";
import { tipData } from "./callback-data.js";
import { cancelRow, type Prompt } from "./prompt-rows.js";
import type { TipDeps } from "./deps.js";
import type { AreaChoice } from "./types.js";

/** The areas a person belongs to, as the bot knows them. */
export async function areasOfTipster(
  ctx: RequestContext,
  deps: Pick<TipDeps, "identity" | "officers">,
): Promise<AreaChoice[]> {
  const seen = await deps.identity.areasSeenIn(ctx.user.id);
  const followed = await deps.officers.followedAreaIds(ctx.user.id);
  return deps.officers.areasByIds([...new Set([...seen, ...followed])]);
}

export async function areaPrompt(input: {
  ctx: RequestContext;
  deps: Pick<TipDeps, "identity" | "officers" | "areas">;
}): Promise<Prompt> {
  const mine = await areasOfTipster(input.ctx, input.deps);
  if (mine.length === 0) return browseAreas({ deps: input.deps, parentId: null });
  return {
    text: t("tips:flow.areaMine"),
    buttons: [
      ...mine.map((a): Button[] => [{ text: t("tips:area.option", { name: a.name }), callback: tipData.area(a.id) }]),
      [{ text: t("tips:button.otherArea"), callback: tipData.browse(null) }],
      cancelRow(),
    ],
  };
}

/** One level of the area tree (the shared browser): choose an area, or open one to see the areas below it. */
export async function browseAreas(input: {
  deps: Pick<TipDeps, "officers" | "areas">;
  parentId: number | null;
}): Promise<Prompt> {
  const { deps } = input;
  const tree = {
    children: (parentId: number | null) => deps.officers.children(parentId),
    node: (areaId: number) => deps.areas.findAreaById(areaId),
  };
  const level = await areaLevel({
    tree,
    parentId: input.parentId,
    callbacks: { pick: tipData.area, open: tipData.browse },
  });
  const buttons = [...level.rows, cancelRow()];
  if (level.empty && !level.parent) return { text: t("tips:flow.noAreas"), buttons };
  return {
    text: level.parent ? t("tips:flow.areaBrowseIn", { area: level.parent.name }) : t("tips:flow.areaBrowse"),
    buttons,
  };
}
