/**
 * `/dangky <areaCode>` in a private chat: an officer gets a one-time link that adds the bot to a group
 * they choose and registers it in the same tap (`?startgroup=reg_<code>`, register-group-by-link.ts).
 */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { normaliseAreaCode } from "./area-code.js";
import { REGISTRATION_CODE_TTL_HOURS } from "./group-registration-codes.js";
import type { GroupSetupDeps } from "./group-setup-deps.js";
import { officerArea } from "./officer-area.js";

export const REGISTRATION_LINK_PREFIX = "reg";

export async function createRegistrationLink(options: { ctx: CommandContext; deps: GroupSetupDeps }): Promise<void> {
  const { ctx, deps } = options;
  const bot = deps.directory.botUsername(ctx.user.platform);
  // Zalo has no links that add a bot to a group: there the officer types /dangky in the group.
  if (ctx.user.platform !== "telegram" || !bot) return ctx.reply(t("areas:registerLink.notHere"));
  const typed = ctx.args.trim().split(/\s+/)[0] || undefined;
  const area = await officerArea({
    ctx,
    deps,
    typed: typed && normaliseAreaCode(typed),
    replies: {
      command: "dangky",
      whichAreaKey: "areas:registerLink.whichArea",
      usageKey: "areas:registerLink.usage",
      forbiddenKey: "areas:registerLink.forbidden",
    },
  });
  if (!area) return;

  const { code } = await deps.registrationCodes.issue({
    areaId: area.id,
    createdById: ctx.user.id,
    now: deps.clock.now(),
  });
  await deps.audit.record({
    actorUserId: ctx.user.id,
    action: "group.register_link",
    areaId: area.id,
    subject: area.code,
  });
  const link = `https://t.me/${bot}?startgroup=${REGISTRATION_LINK_PREFIX}_${code}`;
  await ctx.reply(
    t("areas:registerLink.done", { area: area.name, areaCode: area.code, hours: REGISTRATION_CODE_TTL_HOURS, link }),
    {
      buttons: [[{ text: t("areas:registerLink.button"), url: link }]],
    },
  );
}
