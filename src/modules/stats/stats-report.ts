/** How `/thongke` reads: the figures a ward puts in its "An toàn về an ninh, trật tự" file. */
import { lines, t, type Locale, type Text } from "../../core/text.js";
import type { StatsReport } from "./collect-stats.js";
import { displayDay, type LocalDay } from "./stats-period.js";

const COVERAGE_LINES = 20;

export function formatNumber(value: number | bigint, locale: Locale): string {
  return new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-US").format(value);
}

/** `67%`, or `—` when there is nothing to divide by. */
export function formatRate(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : "—";
}

export function statsText(input: { report: StatsReport; fromDay: LocalDay; toDay: LocalDay; locale: Locale }): Text {
  const { report, locale } = input;
  const f = report.figures;
  const n = (value: number | bigint) => formatNumber(value, locale);
  const covered = report.coverage.filter((c) => c.groups > 0);
  return lines(
    t("stats:report.title", { area: report.name }),
    t("stats:report.period", { from: displayDay(input.fromDay), to: displayDay(input.toDay) }),
    t("stats:report.tips", { received: n(f.tipsReceived), valuable: n(f.tipsValuable) }),
    t("stats:report.cases", { value: n(f.casesOpened) }),
    t("stats:report.arrested", { value: n(f.peopleArrested) }),
    t("stats:report.assets", { amount: n(f.assetsRecovered) }),
    t("stats:report.alerts", { alerts: n(f.alertsSent), acks: n(f.alertAcks) }),
    t("stats:report.ackRate", {
      rate: formatRate(f.alertGroupsAcked, f.alertGroupsReached),
      acked: n(f.alertGroupsAcked),
      reached: n(f.alertGroupsReached),
    }),
    t("stats:report.alarms", { raised: n(f.alarmsRaised), confirmed: n(f.alarmsConfirmed), false: n(f.alarmsFalse) }),
    ...(f.alarmResponseMinutes === null
      ? []
      : [t("stats:report.alarmResponse", { minutes: n(Math.round(f.alarmResponseMinutes * 10) / 10) })]),
    t("stats:report.quiz", {
      answers: n(f.quizAnswers),
      people: n(f.quizParticipants),
      rate: formatRate(f.quizCorrect, f.quizAnswers),
    }),
    t("stats:report.campaigns", { value: n(f.campaignMessages) }),
    t("stats:report.groups", { groups: n(report.groups), covered: covered.length, areas: report.coverage.length }),
    ...covered
      .slice(0, COVERAGE_LINES)
      .map((c) => t("stats:report.groupLine", { area: c.name, code: c.code, groups: n(c.groups) })),
    ...(covered.length > COVERAGE_LINES ? [t("stats:report.more", { rest: covered.length - COVERAGE_LINES })] : []),
    // The schools' help mailboxes: counts per school, never a word of what students wrote.
    ...(report.schools.length > 0 ? [t("stats:report.help")] : []),
    ...report.schools.slice(0, COVERAGE_LINES).map((s) =>
      t("stats:report.helpLine", {
        school: s.name,
        code: s.code,
        received: n(s.received),
        taken: n(s.taken),
        escalated: n(s.escalated),
      }),
    ),
    t("stats:report.footer"),
  );
}
