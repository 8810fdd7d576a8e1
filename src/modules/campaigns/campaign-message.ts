/** How a campaign reads in a group, and how its schedule is described. */
import type { OutboundMessage } from "../../core/messages.js";
import { isLocale, lines, raw, t, type Locale, type Text } from "../../core/text.js";
import { formatDateTime } from "../../core/time.js";
import { StoredScheduleSchema, WEEKDAY_NAMES, type Schedule } from "./schedule.js";
import type { CampaignRecord } from "./types.js";

export function localeOf(value: string | null, fallback: Locale): Locale {
  return isLocale(value) ? value : fallback;
}

/**
 * What a campaign message's verification code signs: its title and text (a pasted copy must still
 * contain both, so neither can be altered).
 */
export function campaignSignedParts(campaign: Pick<CampaignRecord, "title" | "text">): string[] {
  return campaign.title ? [campaign.title, campaign.text] : [campaign.text];
}

/**
 * The message every group of the area gets (a photo with the text as caption, when there is one),
 * with the run's verification code when given (the preview has none).
 */
export function campaignMessage(
  campaign: Pick<CampaignRecord, "title" | "text" | "photoFileId" | "areaName">,
  locale: Locale,
  verifyCode?: string,
): OutboundMessage {
  return {
    locale,
    text: lines(
      campaign.title ? t("campaigns:message.titled", { title: campaign.title }) : t("campaigns:message.header"),
      raw(campaign.text),
      t("campaigns:message.footer", { area: campaign.areaName }),
      ...(verifyCode ? [t("campaigns:message.verify", { code: verifyCode })] : []),
    ),
    ...(campaign.photoFileId ? { photo: { kind: "file", platformFileId: campaign.photoFileId } } : {}),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "once, at 08:00 01/12/2026", "every day at 08:00", "every Monday at 08:00". */
export function describeSchedule(input: {
  schedule: Schedule;
  nextRunAt: Date | null;
  locale: Locale;
  timeZone: string;
}): Text {
  const { schedule } = input;
  if (schedule.kind === "once") {
    return input.nextRunAt
      ? t("campaigns:schedule.once", { time: formatDateTime(input.nextRunAt, input.locale, input.timeZone) })
      : t("campaigns:schedule.onceDone");
  }
  const time = `${pad(schedule.hour)}:${pad(schedule.minute)}`;
  if (schedule.kind === "daily") return t("campaigns:schedule.daily", { time });
  return t("campaigns:schedule.weekly", {
    day: t(`campaigns:weekday.${WEEKDAY_NAMES[schedule.weekday] ?? "mon"}`),
    time,
  });
}

/** A stored campaign's schedule, described (an unreadable one is shown as typed). */
export function describeStoredSchedule(
  campaign: Pick<CampaignRecord, "schedule" | "nextRunAt">,
  locale: Locale,
  timeZone: string,
): Text {
  const parsed = StoredScheduleSchema.safeParse(campaign.schedule);
  return parsed.success
    ? describeSchedule({ schedule: parsed.data, nextRunAt: campaign.nextRunAt, locale, timeZone })
    : raw(campaign.schedule);
}
