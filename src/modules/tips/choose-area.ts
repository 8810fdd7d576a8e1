/**
 * Which area a tip is for: the areas of the registered groups the tipster was seen in (or follows),
 * else the area tree, browsed from the top. Buttons carry area ids, checked again when pressed.
 */
import type { RequestContext } from "../../core/commands.js";
import type { Button } from "../../core/messages.js";
import { t, type Text } from "../../core/text.js";
import { tipData } from "./callback-data.js";
import type { TipDeps } from "./deps.js";
import type { AreaChoice } from "./types.js";

export interface Prompt {
  readonly text: Text;
  readonly buttons: Button[][];
}

const cancelRow = (): Button[] => [{ text: t("tips:button.cancel"), callback: tipData.cancel() }];

/** The areas a person belongs to, as the bot knows them. */
export async function areasOfTipster(ctx: RequestContext, deps: Pick<TipDeps, "identity" | "officers">): Promise<AreaChoice[]> {
  const seen = await deps.identity.areasSeenIn(ctx.user.id);
  const followed = await deps.officers.followedAreaIds(ctx.user.id);
  return deps.officers.areasByIds([...new Set([...seen, ...followed])]);
}

export async function areaPrompt(input: { ctx: RequestContext; deps: Pick<TipDeps, "identity" | "officers" | "areas"> }): Promise<Prompt> {
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

/** One level of the area tree: choose an area, or open one to see the areas below it. */
export async function browseAreas(input: { deps: Pick<TipDeps, "officers" | "areas">; parentId: number | null }): Promise<Prompt> {
  const { deps, parentId } = input;
  const parent = parentId === null ? null : await deps.areas.findAreaById(parentId);
  const children = await deps.officers.children(parent?.id ?? null);
  const buttons: Button[][] = [];
  if (parent) buttons.push([{ text: t("tips:area.whole", { name: parent.name }), callback: tipData.area(parent.id) }]);
  for (const child of children) {
    buttons.push([
      child.hasChildren
        ? { text: t("tips:area.open", { name: child.name }), callback: tipData.browse(child.id) }
        : { text: t("tips:area.option", { name: child.name }), callback: tipData.area(child.id) },
    ]);
  }
  if (parent) buttons.push([{ text: t("tips:button.back"), callback: tipData.browse(parent.parentId) }]);
  buttons.push(cancelRow());
  if (children.length === 0 && !parent) return { text: t("tips:flow.noAreas"), buttons };
  return { text: parent ? t("tips:flow.areaBrowseIn", { area: parent.name }) : t("tips:flow.areaBrowse"), buttons };
}
