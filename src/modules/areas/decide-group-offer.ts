/**
 * "Duyệt cho <area>" / "Không" on a group a resident added the bot to (offer-group-approval.ts).
 * Approving needs officer or admin rights on that area, as `/dangky` does; the first decision ends
 * the offer, the group is told, and both outcomes are audit-logged.
 */
import type { ButtonContext } from "../../core/commands.js";
import type { Button } from "../../core/messages.js";
import { t, type Text } from "../../core/text.js";
import type { GroupOffer } from "./group-offers.js";
import type { GroupSetupDeps } from "./group-setup-deps.js";
import { linkGroup, registeredMessage } from "./link-group.js";

export async function decideGroupOffer(options: {
  ctx: ButtonContext;
  payload: string;
  deps: GroupSetupDeps;
}): Promise<void> {
  const { ctx, deps } = options;
  const [verdict, id, areaText] = options.payload.split(":");
  const found = id ? await deps.offers.find(id) : null;
  if (!found) return ctx.answer(t("areas:offer.gone"), { alert: true });
  const { offer, state } = found;
  const chat = await deps.identity.findChat({ platform: offer.platform, chatId: offer.platformChatId });
  if (!chat?.active) {
    await deps.offers.close(state);
    return ctx.answer(t("areas:offer.groupGone"), { alert: true });
  }
  const subject = `${chat.platform}:${chat.platformChatId}`;

  if (verdict === "no") {
    if (!(await mayDecide({ ctx, deps, offer }))) return ctx.answer(t("areas:offer.forbidden"), { alert: true });
    if (!(await deps.offers.close(state))) return ctx.answer(t("areas:offer.gone"), { alert: true });
    await deps.audit.record({
      actorUserId: ctx.user.id,
      action: "group.offer_refused",
      subject,
      details: { title: chat.title },
    });
    await tellGroup({
      deps,
      chatId: chat.id,
      locale: chat.locale,
      key: `group-refused:${id}`,
      text: t("areas:offer.refusedGroup"),
    });
    await ctx.answer();
    return ctx.reply(t("areas:offer.refused", { group: chat.title ?? "" }));
  }

  const areaId = Number(areaText);
  const area = verdict === "ok" && offer.areaIds.includes(areaId) ? await deps.areas.findAreaById(areaId) : null;
  if (!area) return ctx.answer(t("common:errors.buttonExpired"), { alert: true });
  if (!(await deps.access.holds(ctx.user, "officer", area.code)))
    return ctx.answer(t("areas:offer.forbidden"), { alert: true });
  if (chat.areaId !== null) {
    await deps.offers.close(state);
    const current = await deps.areas.findAreaById(chat.areaId);
    return ctx.answer(t("areas:offer.alreadyRegistered", { area: current?.name ?? "" }), { alert: true });
  }
  if (!(await deps.offers.close(state))) return ctx.answer(t("areas:offer.gone"), { alert: true });

  await linkGroup({
    chat,
    area,
    registrantId: ctx.user.id,
    via: "approval",
    details: { addedBy: offer.addedById },
    deps,
  });
  const notice = t("areas:offer.approvedGroup", { area: area.name, areaCode: area.code });
  await tellGroup({
    deps,
    chatId: chat.id,
    locale: chat.locale,
    key: `group-approved:${id}`,
    ...registeredMessage({ chat, area, notice, firstTime: true, deps }),
  });
  await ctx.answer();
  await ctx.reply(t("areas:offer.approved", { group: chat.title ?? "", area: area.name, areaCode: area.code }));
}

/** Refusing needs the rights to approve for at least one of the offered areas. */
async function mayDecide(input: { ctx: ButtonContext; deps: GroupSetupDeps; offer: GroupOffer }): Promise<boolean> {
  for (const areaId of input.offer.areaIds) {
    const area = await input.deps.areas.findAreaById(areaId);
    if (area && (await input.deps.access.holds(input.ctx.user, "officer", area.code))) return true;
  }
  return false;
}

async function tellGroup(input: {
  deps: GroupSetupDeps;
  chatId: number;
  locale: GroupSetupDeps["defaultLocale"] | null;
  key: string;
  text: Text;
  buttons?: Button[][];
}): Promise<void> {
  const message = {
    locale: input.locale ?? input.deps.defaultLocale,
    text: input.text,
    ...(input.buttons ? { buttons: input.buttons } : {}),
  };
  await input.deps.outbox.enqueue([{ key: input.key, to: { chatId: input.chatId }, priority: "interactive", message }]);
}
