/** `/thamgia <CODE>` or `/start join_<CODE>`: anyone redeems a one-time invite in a private chat. */
import type { RequestContext } from "../../core/commands.js";
import { lines, t } from "../../core/text.js";
import type { AreaDeps } from "./deps.js";

/** Failed guesses are limited so codes cannot be brute-forced. */
const MAX_ATTEMPTS_PER_HOUR = 10;

export async function redeemInvite(options: { ctx: RequestContext; code: string; deps: AreaDeps }): Promise<void> {
  const { ctx, deps } = options;
  const code = options.code.trim().toUpperCase();
  if (!/^[A-Z0-9]{4,20}$/.test(code)) return ctx.reply(t("areas:join.usage"));

  const limit = await deps.attempts.hit({
    key: `join:${ctx.user.id}`,
    max: MAX_ATTEMPTS_PER_HOUR,
    windowSeconds: 3600,
  });
  if (!limit.allowed) return ctx.reply(t("areas:join.tooMany", { minutes: Math.ceil(limit.retryInSeconds / 60) }));

  const outcome = await deps.areas.redeemInvite({ code, userId: ctx.user.id, now: deps.clock.now() });
  if (outcome.kind !== "granted") return ctx.reply(t(`areas:join.${outcome.kind}`));

  await deps.audit.record({
    actorUserId: ctx.user.id,
    action: "role.grant",
    areaId: outcome.area.id,
    subject: outcome.role,
    details: { via: "invite" },
  });
  const granted = t(outcome.alreadyHeld ? "areas:join.alreadyHeld" : "areas:join.done", {
    role: t(`common:role.${outcome.role}`),
    area: outcome.area.name,
    areaCode: outcome.area.code,
  });
  // A relay names the group they manage next (relays module, /nhomchuyen).
  await ctx.reply(outcome.role === "relay" ? lines(granted, t("areas:join.relayNext")) : granted);
}
