/**
 * `npm run stats -- … --csv`: one row for the area and one for each area directly below it. UTF-8
 * with a byte-order mark, so Excel shows Vietnamese names; cells that a spreadsheet would take for a
 * formula (an area named "=HYPERLINK(…)" or "-Tổ 5") are neutralised with a leading `'` (OWASP).
 */
import { stringify } from "csv-stringify/sync";
import type { AreaStats, StatsReport } from "./collect-stats.js";
import { isoDay, type LocalDay } from "./stats-period.js";

export const CSV_HEADER = [
  "area_code",
  "area_name",
  "from",
  "to",
  "tips_received",
  "tips_valuable",
  "cases_opened",
  "people_arrested",
  "assets_recovered_vnd",
  "alerts_sent",
  "alert_groups_reached",
  "alert_groups_acknowledged",
  "alert_ack_rate",
  "alert_acknowledgements",
  "quiz_answers",
  "quiz_participants",
  "quiz_correct",
  "quiz_correct_rate",
  "campaign_messages",
  "groups_covered",
] as const;

/** UTF-8 byte-order mark: without it Excel reads the file in the machine's code page. */
export const CSV_BOM = "\uFEFF";

/** Text that starts like a formula gets a `'` (csv-stringify quotes what needs quoting, RFC 4180). */
function field(value: string | number | bigint): string {
  // Only names and codes are text here; the figures are never negative, so a leading "-" is never a number.
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
}

const ratio = (part: number, whole: number) => (whole > 0 ? (part / whole).toFixed(4) : "");

function row(area: AreaStats, fromDay: LocalDay, toDay: LocalDay): string[] {
  const f = area.figures;
  return [
    area.code,
    area.name,
    isoDay(fromDay),
    isoDay(toDay),
    f.tipsReceived,
    f.tipsValuable,
    f.casesOpened,
    f.peopleArrested,
    f.assetsRecovered,
    f.alertsSent,
    f.alertGroupsReached,
    f.alertGroupsAcked,
    ratio(f.alertGroupsAcked, f.alertGroupsReached),
    f.alertAcks,
    f.quizAnswers,
    f.quizParticipants,
    f.quizCorrect,
    ratio(f.quizCorrect, f.quizAnswers),
    f.campaignMessages,
    area.groups,
  ].map(field);
}

export function statsCsv(input: { report: StatsReport; fromDay: LocalDay; toDay: LocalDay }): string {
  const { report, fromDay, toDay } = input;
  const rows = [[...CSV_HEADER], row(report, fromDay, toDay), ...report.children.map((c) => row(c, fromDay, toDay))];
  return CSV_BOM + stringify(rows, { record_delimiter: "windows" });
}
