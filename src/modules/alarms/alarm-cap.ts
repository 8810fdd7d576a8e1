/**
 * A resident's alarm in the CAP feed (issue 18 §1): published like an alert once an officer or guard
 * confirmed it (`Đang đến`, or raised it to a ward gong) — an unconfirmed shout is not published to
 * loudspeakers and websites. It reads `B<n>`, level cao (Severe), expires when the alarm lapses (two
 * hours), and a confirmed alarm later closed as a mistake becomes a CAP Cancel. The caller's name is
 * never in it: the groups read it, the public does not.
 */
import { t, type Text } from "../../core/text.js";
import type { CapAlert } from "../alerts/cap.js";
import { ALARM_LAPSE_MS, type AlarmRecord } from "./types.js";

/** The CAP view of an alarm, or undefined when it is not (or no longer) fit to publish. */
export function toCapAlarm(alarm: AlarmRecord, render: (text: Text) => string, now: Date): CapAlert | undefined {
  if (!alarm.firstResponseAt || !alarm.raisedAt) return undefined;
  const cancelled = alarm.state === "false_alarm";
  if (!cancelled && alarm.state !== "answered" && alarm.state !== "raised") return undefined;
  const expiresAt = new Date(alarm.raisedAt.getTime() + ALARM_LAPSE_MS);
  const category = t(`alarms:category.${alarm.category ?? "other"}`);
  return {
    kind: "B",
    number: alarm.id,
    areaCode: alarm.areaCode,
    areaName: alarm.areaName,
    senderUnit: null,
    level: "cao",
    event: render(t("alarms:cap.event", { category })),
    text: render(
      t("alarms:toWardAlert.text", {
        category,
        group: alarm.chatTitle ?? "",
        area: alarm.areaName,
        details: alarm.text ?? "",
      }),
    ).trim(),
    issuedAt: alarm.firstResponseAt,
    expiresAt,
    state: cancelled ? "cancelled" : expiresAt <= now ? "expired" : "active",
    endedAt: cancelled ? (alarm.closedAt ?? now) : null,
    closureText: null,
  };
}
