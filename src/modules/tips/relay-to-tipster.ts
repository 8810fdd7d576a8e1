/** An officer's message to a tipster, relayed through the seal: neither side learns who the other is. */
import type { RequestContext } from "../../core/commands.js";
import { lines, raw, t } from "../../core/text.js";
import { hotlines } from "./help-request.js";
import type { TipDeps } from "./deps.js";
import { sendToTipster } from "./tipster.js";
import type { TipRecord } from "./types.js";

export const MAX_OFFICER_MESSAGE = 3500;

export async function relayToTipster(input: {
  ctx: RequestContext;
  deps: TipDeps;
  tip: TipRecord;
  text: string;
}): Promise<void> {
  const { ctx, deps, tip } = input;
  const text = input.text.trim();
  if (text.length > MAX_OFFICER_MESSAGE)
    return ctx.reply(t("tips:officer.messageTooLong", { max: MAX_OFFICER_MESSAGE }));
  if (!tip.sealedTipster) return ctx.reply(t("tips:officer.unreachable", { code: tip.code }));
  const message = await deps.tips.addMessage({
    tipId: tip.id,
    direction: "to_tipster",
    officerUserId: ctx.user.id,
    text,
  });
  await sendToTipster({
    tip,
    deps,
    key: `tip:${tip.id}:msg:${message.id}`,
    text:
      tip.kind === "help"
        ? lines(t("tips:helpbox.reply", { code: tip.code, text }), raw(""), hotlines())
        : t("tips:relay.toTipster", { code: tip.code, text }),
  });
  await deps.audit.record({ actorUserId: ctx.user.id, action: "tip.reply", areaId: tip.area.id, subject: tip.code });
  await ctx.reply(
    t(tip.kind === "help" ? "tips:officer.replySentStudent" : "tips:officer.replySent", { code: tip.code }),
  );
}
