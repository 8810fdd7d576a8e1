/** How an alert, its cancellation and its closure read in a chat. */
import type { Button, OutboundMessage } from "../../core/messages.js";
import { isLocale, raw, t, type Locale, type Text } from "../../core/text.js";
import { formatDateTime, formatTime } from "../../core/time.js";
import { alarmButton } from "../alarms/alarm-message.js";
import { areaStartPayload } from "../areas/area-code.js";
import { policeUnitName } from "../areas/police-unit.js";
import type { AlertRecord } from "./types.js";

const LEVEL_ICON = { khan: "🔴", cao: "🟠", tb: "🟡" } as const;

export const alertId = (id: number) => `K${id}`;

/** What an alert's messages show (`/kiemtra` rebuilds them to compare a pasted copy). */
export type ShownAlert = Pick<
  AlertRecord,
  | "id"
  | "areaId"
  | "areaCode"
  | "areaName"
  | "unitName"
  | "areaKind"
  | "parentArea"
  | "level"
  | "text"
  | "issuedAt"
  | "expiresAt"
  | "endedAt"
  | "closureText"
>;

/** `K12`, `k12` or `12` → 12. */
export function parseAlertId(input: string): number | undefined {
  const match = /^k?(\d{1,9})$/i.exec(input.trim());
  return match?.[1] ? Number(match[1]) : undefined;
}

/** The police unit that signs an alert: the one named, or worded from the area's kind, or "Công an khu vực". */
export function alertSender(alert: ShownAlert): Text {
  return (
    policeUnitName({ name: alert.areaName, kind: alert.areaKind, unitName: alert.unitName }, alert.parentArea) ??
    t("alerts:message.defaultSender")
  );
}

export function localeOf(value: string | null, fallback: Locale): Locale {
  return isLocale(value) ? value : fallback;
}

export function alertBody(alert: ShownAlert, locale: Locale, timeZone: string, verifyCode: string): Text {
  return t("alerts:message.body", {
    code: verifyCode,
    icon: LEVEL_ICON[alert.level],
    level: t(`alerts:level.${alert.level}`),
    area: alert.areaName,
    time: formatDateTime(alert.issuedAt, locale, timeZone),
    sender: alertSender(alert),
    text: raw(alert.text),
    expires: formatTime(alert.expiresAt, locale, timeZone),
    id: alertId(alert.id),
  });
}

/**
 * In a Telegram group, a second row raises a resident's alarm there (issue 18); a follower has no
 * group to alarm, and a Zalo group acknowledges by replying to the alert (one choice).
 */
export function alertButtons(alert: ShownAlert, botUsername: string | undefined, withAlarm = false): Button[][] {
  const row: Button[] = [{ text: t("alerts:button.ack"), callback: `ak:${alert.id}`, primary: true }];
  if (botUsername)
    row.push({
      text: t("alerts:button.tip"),
      url: `https://t.me/${botUsername}?start=${areaStartPayload("tip", { id: alert.areaId, code: alert.areaCode })}`,
    });
  return withAlarm ? [row, [alarmButton()]] : [row];
}

export function alertMessage(
  alert: ShownAlert,
  options: {
    locale: Locale;
    timeZone: string;
    botUsername: string | undefined;
    verifyCode: string;
    withAlarm?: boolean;
  },
): OutboundMessage {
  return {
    locale: options.locale,
    text: alertBody(alert, options.locale, options.timeZone, options.verifyCode),
    buttons: alertButtons(alert, options.botUsername, options.withAlarm),
  };
}

/** A cancellation or closure, sent as a reply to the alert in each chat that got it. */
export function endingMessage(
  alert: ShownAlert,
  options: { kind: "cancel" | "resolve"; locale: Locale; timeZone: string; replyTo: string; verifyCode: string },
): OutboundMessage {
  const params = {
    code: options.verifyCode,
    id: alertId(alert.id),
    area: alert.areaName,
    time: formatDateTime(alert.endedAt ?? new Date(), options.locale, options.timeZone),
    sender: alertSender(alert),
    text: raw(alert.closureText ?? ""),
  };
  return {
    locale: options.locale,
    text: t(options.kind === "cancel" ? "alerts:cancel.message" : "alerts:resolve.message", params),
    replyToMessageId: options.replyTo,
  };
}
