/**
 * The bot was added to a group that is not registered. An officer who added it is told how to link
 * the group (`/dangky`), unless they hold a registration link's code (the link is doing it); when a resident added it, the group is told an officer must approve, and the
 * officers of the areas that person is known in (else the superadmins) are asked privately, with
 * "Duyệt cho <area>" / "Không" buttons (decide-group-offer.ts).
 */
import type { RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { Approver, GroupSetupDeps } from "./group-setup-deps.js";
import type { AreaRecord } from "./types.js";

export const GROUP_OFFER_PREFIX = "grp";
/** Buttons per offer: a handful of areas, one row each. */
const MAX_AREAS = 6;

export async function botAddedToGroup(options: {
  ctx: RequestContext;
  key: string;
  deps: GroupSetupDeps;
}): Promise<void> {
  const { ctx, deps } = options;
  // Added from a registration link: the `/start reg_…` that comes with it registers the group and
  // shows its welcome card (it may even be handled first); a "type /dangky" hint would only confuse.
  if (
    ctx.chat.platform === "telegram" &&
    (await deps.registrationCodes.linkInProgress({ userId: ctx.user.id, now: deps.clock.now() }))
  )
    return;
  if (ctx.chat.areaId !== null || (await deps.access.roleNames(ctx.user)).has("officer"))
    return ctx.reply(t("areas:membership.added"));

  const asked = await approversByArea({ ctx, deps });
  if (asked.size === 0) return ctx.reply(t("areas:offer.nobodyToAsk"));
  const areas = [...asked.keys()].slice(0, MAX_AREAS);
  const id = await deps.offers.open({
    chatId: ctx.chat.id,
    platform: ctx.chat.platform,
    platformChatId: ctx.chat.platformChatId,
    title: ctx.chat.title,
    addedById: ctx.user.id,
    areaIds: areas.map((a) => a.id),
  });
  await deps.audit.record({
    actorUserId: ctx.user.id,
    action: "group.offer",
    subject: `${ctx.chat.platform}:${ctx.chat.platformChatId}`,
    details: { title: ctx.chat.title, areas: areas.map((a) => a.code) },
  });
  await ctx.reply(t("areas:offer.waiting"));

  // Each approver sees the areas they may approve for, once, however many areas they cover.
  const perPerson = new Map<number, { person: Approver; areas: AreaRecord[] }>();
  for (const area of areas) {
    for (const person of asked.get(area) ?? []) {
      const entry = perPerson.get(person.userId) ?? { person, areas: [] };
      entry.areas.push(area);
      perPerson.set(person.userId, entry);
    }
  }
  for (const { person, areas: theirs } of perPerson.values()) {
    const chat = await deps.identity.privateChatOf({
      id: person.userId,
      platform: person.platform,
      platformUserId: person.platformUserId,
      displayName: null,
      locale: person.locale,
    });
    const buttons = [
      ...theirs.map((a) => [
        { text: t("areas:offer.approve", { area: a.name }), callback: `${GROUP_OFFER_PREFIX}:ok:${id}:${a.id}` },
      ]),
      [{ text: t("areas:offer.refuse"), callback: `${GROUP_OFFER_PREFIX}:no:${id}` }],
    ];
    await deps.outbox.enqueue([
      {
        key: `group-offer:${options.key}:${person.userId}`,
        to: { chatId: chat.id },
        priority: "interactive",
        message: {
          locale: person.locale ?? deps.defaultLocale,
          text: t("areas:offer.ask", { group: ctx.chat.title ?? "", adder: ctx.user.displayName ?? "" }),
          buttons,
        },
      },
    ]);
  }
}

/**
 * For each area the adder was seen in, who may approve: the officers of that area or of its nearest
 * ancestor that has some; the superadmins when nobody does. A person known nowhere: the superadmins,
 * with the top-level areas to choose from.
 */
async function approversByArea(input: {
  ctx: RequestContext;
  deps: GroupSetupDeps;
}): Promise<Map<AreaRecord, Approver[]>> {
  const { ctx, deps } = input;
  const found = new Map<number, { area: AreaRecord; people: Approver[] }>();
  const superadmins = () => deps.approvers.superadmins(deps.superadmins);
  for (const areaId of new Set(await deps.identity.areasSeenIn(ctx.user.id))) {
    const chain = await deps.approvers.areaChain(areaId);
    const area = chain[0];
    if (!area) continue;
    let people: Approver[] = [];
    for (const level of chain) {
      people = await deps.approvers.officersOf(level.id);
      if (people.length > 0) break;
    }
    found.set(area.id, { area, people: people.length > 0 ? people : await superadmins() });
  }
  if (found.size === 0) {
    const admins = await superadmins();
    for (const area of await deps.approvers.topAreas()) found.set(area.id, { area, people: admins });
  }
  return new Map([...found.values()].filter((e) => e.people.length > 0).map((e) => [e.area, e.people]));
}
