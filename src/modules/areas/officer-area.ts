/**
 * The area a report-like command works on (`/thongke`, `/baocao`, `/apphich`): the one typed, or the
 * user's only area as officer or admin. Replies and returns null when it is unknown, unclear (several
 * areas: offered as buttons that run the command again for one of them) or not theirs.
 */
import type { CommandContext } from "../../core/commands.js";
import { raw, t } from "../../core/text.js";
import { isValidAreaCode, normaliseAreaCode } from "./area-code.js";
import type { AreaDeps } from "./deps.js";
import { officerAreaCallback, offersAreaButtons } from "./officer-area-button.js";
import type { AreaRecord } from "./types.js";

const MAX_AREA_BUTTONS = 20;

/** The command's own name and message keys for the replies. */
export interface OfficerAreaReplies {
  /** Suggested as `/<command> <area>` when the user holds several areas. */
  readonly command: string;
  /** Takes `commands`, the suggestions. */
  readonly whichAreaKey: string;
  /** For a superadmin with no area of their own: they must name one. */
  readonly usageKey: string;
  readonly forbiddenKey: string;
}

export async function officerArea(input: {
  ctx: CommandContext;
  deps: Pick<AreaDeps, "areas" | "access">;
  typed: string | undefined;
  replies: OfficerAreaReplies;
}): Promise<AreaRecord | null> {
  const { ctx, deps, replies } = input;
  let area: AreaRecord | null = null;
  if (input.typed) {
    const code = normaliseAreaCode(input.typed);
    area = isValidAreaCode(code) ? await deps.areas.findArea(code) : null;
    if (!area) {
      await ctx.reply(t("areas:area.notFound", { code }));
      return null;
    }
  } else {
    const grants = (await deps.access.grants(ctx.user)).filter((g) => g.role === "officer" || g.role === "admin");
    const codes = [...new Set(grants.map((g) => g.area.code))];
    if (codes.length > 1 && !offersAreaButtons(replies.command)) {
      await ctx.reply(t(replies.whichAreaKey, { commands: codes.map((c) => `/${replies.command} ${c}`).join(", ") }));
      return null;
    }
    if (codes.length > 1) {
      const areas = [...new Map(grants.map((g) => [g.area.id, g.area])).values()].slice(0, MAX_AREA_BUTTONS);
      await ctx.reply(t("areas:area.choose"), {
        buttons: areas.map((a) => [{ text: raw(a.name), callback: officerAreaCallback(replies.command, a.id) }]),
      });
      return null;
    }
    area = grants[0]?.area ?? null;
    if (!area && deps.access.isSuperadmin(ctx.user)) {
      await ctx.reply(t(replies.usageKey));
      return null;
    }
  }
  if (!area || !(await deps.access.holds(ctx.user, "officer", area.code))) {
    await ctx.reply(t(replies.forbiddenKey));
    return null;
  }
  return area;
}
