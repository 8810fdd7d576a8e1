/** `/baocao`'s relayed groups (issue 18 §3): counted apart from the groups the bot is in. */
import { lines, raw, t, type Locale, type Text } from "../../core/text.js";
import { formatMinutes } from "../relays/minutes.js";
import type { RelayReport } from "../relays/types.js";

/** The window of messages counted, as in the report's other recent figures. */
export const RELAY_REPORT_DAYS = 7;
const MAX_LINES = 30;

export async function relayReportLines(
  relays: RelayReport,
  areaCode: string,
  now: Date,
  locale: Locale,
): Promise<Text[]> {
  const tally = await relays.areaTally(areaCode, new Date(now.getTime() - RELAY_REPORT_DAYS * 86_400_000));
  if (tally.groups === 0 && tally.reached === 0) return [];
  const minutes = formatMinutes(relays.remindMinutes, locale);
  // A group late with several messages is named once.
  const late = [...new Map(tally.lateGroups.map((g) => [`${g.name}\u0000${g.relay ?? ""}`, g])).values()];
  return [
    t("relays:report.title", { groups: tally.groups, members: tally.members }),
    t("relays:report.week", {
      days: RELAY_REPORT_DAYS,
      reached: tally.reached,
      confirmed: tally.confirmed,
      late: tally.late,
      minutes,
    }),
    ...late
      .slice(0, MAX_LINES)
      .map((g) => t("relays:status.lateLine", { group: raw(g.name), relay: raw(g.relay ?? "—") })),
  ];
}

/** The coverage report with the relayed groups below it (when the area has any). */
export async function withRelayedGroups(input: {
  text: Text;
  relays: RelayReport | undefined;
  areaCode: string;
  now: Date;
  locale: Locale;
}): Promise<Text> {
  const relayed = input.relays ? await relayReportLines(input.relays, input.areaCode, input.now, input.locale) : [];
  return relayed.length > 0 ? lines(input.text, raw(""), ...relayed) : input.text;
}
