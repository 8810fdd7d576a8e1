/**
 * `/start reg_<code>` in a group: Telegram sends it when an officer added the bot with a
 * registration link (`?startgroup=reg_<code>`). The code proves the officer chose this group, so the
 * group is registered at once to the code's area, by that officer, without asking Telegram who the
 * group's administrators are; the code is used up.
 */
import type { CommandContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { looksLikeRegistrationCode } from "./group-registration-codes.js";
import type { GroupSetupDeps } from "./group-setup-deps.js";
import { linkGroup, registeredMessage } from "./link-group.js";

/** Failed codes are limited per person so codes cannot be guessed. */
const MAX_ATTEMPTS_PER_HOUR = 10;

export async function registerGroupByLink(options: {
  ctx: CommandContext;
  value: string;
  deps: GroupSetupDeps;
}): Promise<void> {
  const { ctx, deps } = options;
  const code = options.value.trim().toUpperCase();
  const limit = await deps.attempts.hit({
    key: `groupreg:${ctx.user.id}`,
    max: MAX_ATTEMPTS_PER_HOUR,
    windowSeconds: 3600,
  });
  if (!limit.allowed) return ctx.reply(t("areas:join.tooMany", { minutes: Math.ceil(limit.retryInSeconds / 60) }));
  const outcome = looksLikeRegistrationCode(code)
    ? await deps.registrationCodes.claim({ code, now: deps.clock.now() })
    : ({ kind: "unknown" } as const);
  if (outcome.kind !== "claimed") return ctx.reply(t(`areas:registerLink.${outcome.kind}`));

  const area = await deps.areas.findAreaById(outcome.areaId);
  // The officer may have lost the role since making the link.
  if (!area || !(await holdsOfficer({ deps, userId: outcome.createdById, areaId: area.id })))
    return ctx.reply(t("areas:registerLink.revoked"));
  await deps.identity.recordSeen(ctx.user.id, ctx.chat.id);
  const { previous } = await linkGroup({
    chat: ctx.chat,
    area,
    registrantId: outcome.createdById,
    via: "link",
    details: { addedBy: ctx.user.id },
    deps,
  });
  const done = previous && previous.id !== area.id ? "areas:register.moved" : "areas:register.done";
  const notice = t(done, { area: area.name, areaCode: area.code, previous: previous?.name ?? "" });
  const message = registeredMessage({ chat: ctx.chat, area, notice, firstTime: previous === null, deps });
  await ctx.reply(message.text, message.buttons ? { buttons: message.buttons } : undefined);
}

/** Officer or admin of the area or an ancestor, or a superadmin: who may register a group there. */
export async function holdsOfficer(input: {
  deps: Pick<GroupSetupDeps, "approvers" | "superadmins">;
  userId: number;
  areaId: number;
}): Promise<boolean> {
  const { approvers } = input.deps;
  for (const area of await approvers.areaChain(input.areaId)) {
    if ((await approvers.officersOf(area.id)).some((o) => o.userId === input.userId)) return true;
  }
  return (await approvers.superadmins(input.deps.superadmins)).some((s) => s.userId === input.userId);
}
