/** How an alarm reads: the caller's prompt, the groups' message and the responders' private copy. */
import type { Button, OutboundMessage } from "../../core/messages.js";
import { lines, raw, t, type Locale, type Text } from "../../core/text.js";
import { formatTime } from "../../core/time.js";
import { ALARM_CATEGORIES, alarmId, type AlarmCategory, type AlarmRecord, type AlarmResponder } from "./types.js";

/** Callback prefix of every alarm button; `bd:open` opens the prompt (welcome card, alerts). */
export const ALARM_PREFIX = "bd";
export const OPEN_ALARM_CALLBACK = `${ALARM_PREFIX}:open`;

/** The `🔔 Báo động` button of a group's welcome card and of alerts. */
export const alarmButton = (): Button => ({ text: t("alarms:button.raise"), callback: OPEN_ALARM_CALLBACK });

export const callerName = (alarm: Pick<AlarmRecord, "caller">): Text =>
  raw(alarm.caller.displayName ?? `#${alarm.caller.platformUserId}`);

const optionalText = (text: string | null): Text => (text ? t("alarms:message.text", { text: raw(text) }) : raw(""));

/** "What is happening?" with a button per category; says plainly that the alarm is not anonymous. */
export function promptMessage(input: { draftId: number; name: Text; text: string | null }): {
  text: Text;
  buttons: Button[][];
} {
  const pick = (category: AlarmCategory): Button => ({
    text: t(`alarms:category.${category}`),
    callback: `${ALARM_PREFIX}:c:${input.draftId}:${category}`,
  });
  const [theft, fight, fire, stranger, other] = ALARM_CATEGORIES.map(pick);
  const rows = [[theft, fight], [fire, stranger], [other]].map((row) =>
    row.filter((b): b is Button => b !== undefined),
  );
  return {
    text: lines(t("alarms:ask.prompt", { name: input.name }), optionalText(input.text), t("alarms:ask.notAnonymous")),
    buttons: [...rows, [{ text: t("alarms:button.cancel"), callback: `${ALARM_PREFIX}:x:${input.draftId}` }]],
  };
}

/** What every group of the area reads. */
export function groupAlarmMessage(alarm: AlarmRecord, locale: Locale, timeZone: string): OutboundMessage {
  return {
    locale,
    text: lines(
      t("alarms:message.groupTitle", { category: t(`alarms:category.${alarm.category ?? "other"}`) }),
      t("alarms:message.where", {
        group: raw(alarm.chatTitle ?? ""),
        area: alarm.areaName,
        time: formatTime(alarm.raisedAt ?? new Date(), locale, timeZone),
      }),
      optionalText(alarm.text),
      t("alarms:message.groupFooter", { name: callerName(alarm), id: alarmId(alarm.id) }),
    ),
  };
}

/** Someone else's answer, shown on the other responders' copies. */
export interface AlarmOutcome {
  readonly kind: "going" | "false";
  readonly name: Text;
  readonly role: "officer" | "guard";
}

/**
 * The private copy for an officer or guard, with their buttons. Once someone else answered, only
 * what is still theirs to do stays: nobody else need say "Đang đến" or judge it a mistake — the one
 * going does — but an officer may still raise the ward gong (not after a false alarm) and bar the caller.
 */
export function responderAlarmMessage(
  alarm: AlarmRecord,
  responder: AlarmResponder,
  options: { locale: Locale; timeZone: string; escalated: boolean; outcome?: AlarmOutcome },
): OutboundMessage {
  const { outcome } = options;
  const buttons: Button[][] = [];
  if (!outcome) {
    buttons.push([
      { text: t("alarms:button.going"), callback: `${ALARM_PREFIX}:g:${alarm.id}`, primary: true },
      { text: t("alarms:button.falseAlarm"), callback: `${ALARM_PREFIX}:f:${alarm.id}` },
    ]);
  }
  if (responder.role === "officer") {
    if (outcome?.kind !== "false")
      buttons.push([{ text: t("alarms:button.toWardAlert"), callback: `${ALARM_PREFIX}:k:${alarm.id}` }]);
    buttons.push([{ text: t("alarms:button.bar"), callback: `${ALARM_PREFIX}:b:${alarm.id}` }]);
  }
  return {
    locale: options.locale,
    text: lines(
      ...(options.escalated ? [t("alarms:message.escalated", { area: alarm.areaName })] : []),
      t("alarms:message.privateTitle", {
        id: alarmId(alarm.id),
        category: t(`alarms:category.${alarm.category ?? "other"}`),
      }),
      t("alarms:message.where", {
        group: raw(alarm.chatTitle ?? ""),
        area: alarm.areaName,
        time: formatTime(alarm.raisedAt ?? new Date(), options.locale, options.timeZone),
      }),
      optionalText(alarm.text),
      t("alarms:message.caller", { name: callerName(alarm) }),
      ...(outcome
        ? [
            t(outcome.kind === "going" ? "alarms:respond.goingNote" : "alarms:respond.falseNote", {
              name: outcome.name,
              role: t(`common:role.${outcome.role}`),
            }),
          ]
        : []),
    ),
    buttons,
  };
}
