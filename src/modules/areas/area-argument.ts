/** The one area code a command takes, and nothing else (`/xoakhuvuc p5`, `/thanhvien p5`). */
import type { RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { normaliseAreaCode } from "./area-code.js";
import type { AreaRecord, AreaStore } from "./types.js";

/** The area, or undefined once the person was told the command's usage or that no such area exists. */
export async function findAreaArgument(input: {
  ctx: RequestContext;
  args: string;
  areas: Pick<AreaStore, "findArea">;
  usageKey: string;
}): Promise<AreaRecord | undefined> {
  const { ctx } = input;
  const [word, ...rest] = input.args.trim().split(/\s+/).filter(Boolean);
  if (!word || rest.length > 0) {
    await ctx.reply(t(input.usageKey));
    return undefined;
  }
  const code = normaliseAreaCode(word);
  const area = await input.areas.findArea(code);
  if (!area) await ctx.reply(t("areas:area.notFound", { code }));
  return area ?? undefined;
}
