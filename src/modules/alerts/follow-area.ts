/**
 * `/theodoi` and `/bothedoi`: hear (or stop hearing) an area's alerts in this private chat — the way
 * Zalo residents hear the gong. Nobody needs a dotted code: `/theodoi` alone opens the area browser
 * (buttons, numbered lines on Zalo) and waits for a typed name; `/theodoi minh khai` finds the area by
 * its name, diacritics optional. A code still works for those who have one.
 */
import type { CommandContext, RequestContext } from "../../core/commands.js";
import { lines, t, type Text } from "../../core/text.js";
import { areaLevel, areaMatches } from "../areas/area-browser.js";
import { isValidAreaCode, normaliseAreaCode } from "../areas/area-code.js";
import type { AreaRecord } from "../areas/types.js";
import type { ZaloSeats } from "../relays/types.js";
import type { AlertDeps } from "./deps.js";

export const FOLLOW_BUTTON_PREFIX = "fa";
/** Waits for the name typed after a bare `/theodoi`. */
export const FOLLOW_FLOW = "alert-follow";
const FOLLOW_FLOW_TTL_SECONDS = 900;
const MATCHES_SHOWN = 8;

export const followData = {
  open: (areaId: number | null) => `${FOLLOW_BUTTON_PREFIX}:o:${areaId ?? 0}`,
  pick: (areaId: number) => `${FOLLOW_BUTTON_PREFIX}:p:${areaId}`,
  stop: (areaId: number) => `${FOLLOW_BUTTON_PREFIX}:u:${areaId}`,
} as const;

export async function followArea(options: { ctx: CommandContext; deps: AlertDeps; follow: boolean }): Promise<void> {
  const { ctx, deps, follow } = options;
  const input = ctx.args.trim();
  if (!input) return follow ? openAreaBrowser({ ctx, deps, parentId: null }) : listFollowed({ ctx, deps });
  const code = normaliseAreaCode(input);
  const byCode = !/\s/.test(input) && isValidAreaCode(code) ? await deps.areas.findArea(code) : null;
  if (byCode) return setFollowing({ ctx, deps, follow, areaId: byCode.id });
  if (!follow) return ctx.reply(t("areas:area.notFound", { code }));
  await followByName({ ctx, deps, name: input });
}

/** A bare `/bothedoi`: the areas this person hears, one "stop" button each. */
async function listFollowed(input: { ctx: RequestContext; deps: AlertDeps }): Promise<void> {
  const { ctx, deps } = input;
  const areas = await deps.alerts.followedAreas(ctx.user.id);
  if (areas.length === 0)
    return ctx.reply(t("alerts:unfollow.none"), {
      buttons: [[{ text: t("common:menu.button.theodoi"), callback: followData.open(null) }]],
    });
  await ctx.reply(t("alerts:unfollow.pick"), {
    buttons: areas.map((a) => [
      { text: t("alerts:unfollow.button", { area: a.name }), callback: followData.stop(a.id) },
    ]),
  });
}

/** The top of the tree (or one area's level) as buttons, and a wait for a typed name. */
export async function openAreaBrowser(input: {
  ctx: RequestContext;
  deps: AlertDeps;
  parentId: number | null;
}): Promise<void> {
  const { ctx, deps } = input;
  const level = await areaLevel({ tree: deps.areaTree, parentId: input.parentId, callbacks: followData });
  if (level.empty && !level.parent) return ctx.reply(t("alerts:follow.noAreas"));
  if (deps.flows && ctx.chat.kind === "private") {
    await deps.flows.store.start({
      key: deps.flows.keyOf(ctx.chat),
      flow: FOLLOW_FLOW,
      step: "name",
      data: {},
      ttlSeconds: FOLLOW_FLOW_TTL_SECONDS,
    });
  }
  const text = level.parent ? t("alerts:follow.browseIn", { area: level.parent.name }) : t("alerts:follow.browse");
  await ctx.reply(text, { buttons: level.rows });
}

/** A typed name: one match is followed at once, several are offered as buttons, none opens the browser. */
export async function followByName(input: { ctx: RequestContext; deps: AlertDeps; name: string }): Promise<boolean> {
  const { ctx, deps } = input;
  const matches = await deps.areaTree.searchByName(input.name, MATCHES_SHOWN + 1);
  const [only] = matches;
  if (matches.length === 1 && only) {
    await setFollowing({ ctx, deps, follow: true, areaId: only.id });
    return true;
  }
  if (matches.length > 1) {
    await ctx.reply(t("alerts:follow.several", { name: input.name }), {
      buttons: areaMatches(matches.slice(0, MATCHES_SHOWN), followData),
    });
    return false;
  }
  // A dotted code that names no area is answered as a code, anything else as a name.
  const code = normaliseAreaCode(input.name);
  await ctx.reply(
    input.name.includes(".") && isValidAreaCode(code)
      ? t("areas:area.notFound", { code })
      : t("alerts:follow.noMatch", { name: input.name }),
  );
  await openAreaBrowser({ ctx, deps, parentId: null });
  return false;
}

export async function setFollowing(input: {
  ctx: RequestContext;
  deps: AlertDeps;
  follow: boolean;
  areaId: number;
}): Promise<void> {
  const { ctx, deps, follow } = input;
  const area = await deps.areas.findAreaById(input.areaId);
  if (!area) return ctx.reply(t("common:errors.buttonExpired"));
  if (follow && ctx.user.platform === "zalo" && deps.zaloSeats && !(await deps.zaloSeats.mayFollow(ctx.user.id))) {
    return ctx.reply(await joinGroupInstead(deps.zaloSeats, area));
  }
  const changed = follow
    ? await deps.alerts.follow({ userId: ctx.user.id, areaId: area.id })
    : await deps.alerts.unfollow({ userId: ctx.user.id, areaId: area.id });
  // The name typed after a bare /theodoi is no longer awaited.
  if (follow && deps.flows) {
    const state = await deps.flows.store.get(deps.flows.keyOf(ctx.chat));
    if (state?.flow === FOLLOW_FLOW) await deps.flows.store.finish(state);
  }
  const key = follow ? "follow" : "unfollow";
  const stop = follow
    ? [[{ text: t("alerts:unfollow.button", { area: area.name }), callback: followData.stop(area.id) }]]
    : [];
  await ctx.reply(t(`alerts:${key}.${changed ? "done" : "unchanged"}`, { area: area.name, areaCode: area.code }), {
    buttons: stop,
  });
}

/** The plan's Zalo users are taken (officers and relays first): the groups of the area to join instead. */
async function joinGroupInstead(seats: ZaloSeats, area: AreaRecord): Promise<Text> {
  const groups = await seats.groupsToJoin(area.code);
  return lines(
    t("relays:zaloFull.title", { cap: seats.cap, area: area.name }),
    ...(groups.length > 0
      ? groups.slice(0, 10).map((g) => t("relays:zaloFull.group", { group: g.name, relay: g.relay ?? "—" }))
      : [t("relays:zaloFull.noGroup")]),
  );
}
