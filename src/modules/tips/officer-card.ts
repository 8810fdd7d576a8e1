/**
 * What an officer receives about a tip: a card (copied text, never a forwarded message, and nothing
 * that names the tipster), the photos by platform file id, the location, and the action buttons.
 * Long texts are split by the platform sender, never cut.
 */
import { attachmentMedia, readAttachment } from "../../core/attachment.js";
import type { Button } from "../../core/messages.js";
import type { OutboxItem } from "../../core/ports.js";
import { formatDateTime } from "../../core/time.js";
import { lines, raw, t, type Locale, type Text } from "../../core/text.js";
import { tipData } from "./callback-data.js";
import type { TipDeps } from "./deps.js";
import type { OfficerRecord, TipMessageRecord, TipRecord } from "./types.js";

export function officerActions(tipId: number, kind: TipRecord["kind"] = "crime"): Button[][] {
  // A help request: take it, talk with the student, close it; nothing for the police register.
  if (kind === "help")
    return [
      [{ text: t("tips:button.take"), callback: tipData.take(tipId) }],
      [
        { text: t("tips:button.ask"), callback: tipData.ask(tipId) },
        { text: t("tips:button.close"), callback: tipData.close(tipId) },
      ],
    ];
  return [
    [
      { text: t("tips:button.take"), callback: tipData.take(tipId) },
      { text: t("tips:button.valuable"), callback: tipData.valuable(tipId) },
    ],
    [
      { text: t("tips:button.ask"), callback: tipData.ask(tipId) },
      { text: t("tips:button.close"), callback: tipData.close(tipId) },
    ],
    // The mailbox is not the unit's official register: one tap gives what the register needs.
    [{ text: t("tips:button.export"), callback: tipData.export(tipId) }],
  ];
}

/** The card's text: header lines, the tip's own words, then the follow-ups in order. */
export function tipCard(input: {
  tip: TipRecord;
  messages: readonly TipMessageRecord[];
  locale: Locale;
  timeZone: string;
  escalatedAfterMinutes?: number;
}): Text {
  const { tip, messages, locale, timeZone } = input;
  const at = (date: Date) => formatDateTime(date, locale, timeZone);
  const photos = messages.filter((m) => m.direction === "from_tipster" && m.photoFileId).length;
  const header: Text[] = [
    t(tip.kind === "help" ? "tips:helpbox.card.title" : "tips:card.title", { code: tip.code }),
    ...(input.escalatedAfterMinutes !== undefined
      ? [t("tips:card.escalated", { minutes: input.escalatedAfterMinutes })]
      : []),
    t("tips:card.category", {
      category: t(
        tip.kind === "help" ? `tips:helpbox.categoryButton.${tip.category}` : `tips:category.${tip.category}`,
      ),
    }),
    t("tips:card.area", { area: tip.area.name, areaCode: tip.area.code }),
    t("tips:card.time", { time: at(tip.createdAt) }),
    tip.anonymous || !tip.contact ? t("tips:card.anonymous") : t("tips:card.contact", { contact: tip.contact }),
    t("tips:card.status", { status: t(`tips:status.${tip.status}`) }),
    ...(photos > 0 ? [t("tips:card.photos", { count: photos })] : []),
    ...(tip.location ? [t("tips:card.location")] : []),
  ];
  const history = messages.flatMap((m): Text[] => {
    if (!m.text) return [];
    return [
      t(m.direction === "from_tipster" ? "tips:card.followUp" : "tips:card.asked", {
        time: at(m.createdAt),
        text: m.text,
      }),
    ];
  });
  return lines(...header, raw(""), tip.text ? raw(tip.text) : t("tips:card.noText"), ...history);
}

/** The card, photos and location for one officer's private chat, under deterministic keys. */
export async function officerItems(input: {
  deps: Pick<TipDeps, "identity" | "settings">;
  tip: TipRecord;
  messages: readonly TipMessageRecord[];
  officer: OfficerRecord;
  keyPrefix: string;
  /** The routing level of a card sent by forwarding (0) or escalation: an officer's digest may merge it. */
  level?: number;
  escalatedAfterMinutes?: number;
}): Promise<OutboxItem[]> {
  const { deps, tip, officer, keyPrefix } = input;
  const chat = await deps.identity.upsertChat({
    platform: officer.platform,
    chatId: officer.platformUserId,
    kind: "private",
  });
  const locale = officer.locale ?? deps.settings.defaultLocale;
  const base = {
    to: { chatId: chat.id },
    priority: "interactive" as const,
    source: { kind: "tip", id: tip.id } as const,
  };
  const card = tipCard({
    tip,
    messages: input.messages,
    locale,
    timeZone: deps.settings.timeZone,
    ...(input.escalatedAfterMinutes !== undefined ? { escalatedAfterMinutes: input.escalatedAfterMinutes } : {}),
  });
  const items: OutboxItem[] = [
    {
      ...base,
      key: keyPrefix,
      ...(input.level !== undefined ? { source: { kind: "tipCard", id: tip.id, level: input.level } } : {}),
      message: { locale, text: card, buttons: officerActions(tip.id, tip.kind) },
    },
  ];
  for (const m of input.messages) {
    if (m.direction !== "from_tipster" || !m.photoFileId) continue;
    const caption = t(`tips:card.caption.${readAttachment(m.photoFileId).kind}`, { code: tip.code });
    items.push({
      ...base,
      key: `${keyPrefix}:p:${m.id}`,
      message: { locale, text: caption, ...attachmentMedia(m.photoFileId) },
    });
  }
  if (tip.location)
    items.push({
      ...base,
      key: `${keyPrefix}:loc`,
      message: { locale, text: t("tips:card.locationCaption", { code: tip.code }), location: tip.location },
    });
  return items;
}

/** Queues a tip for every officer given (one level of routing). */
export async function sendTipToOfficers(input: {
  deps: Pick<TipDeps, "identity" | "settings" | "outbox" | "tips">;
  tip: TipRecord;
  officers: readonly OfficerRecord[];
  level: number;
}): Promise<void> {
  const { deps, tip, level } = input;
  const messages = await deps.tips.messages(tip.id);
  const escalated =
    level > 0 ? { escalatedAfterMinutes: Math.round(deps.settings.escalateMinutes * level * 100) / 100 } : {};
  const items: OutboxItem[] = [];
  for (const officer of input.officers) {
    items.push(
      ...(await officerItems({
        deps,
        tip,
        messages,
        officer,
        keyPrefix: `tip:${tip.id}:officer:${officer.userId}:${level}`,
        level,
        ...escalated,
      })),
    );
  }
  await deps.outbox.enqueue(items);
}
