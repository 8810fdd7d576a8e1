/**
 * The scheduler role's weekly coverage report (COVERAGE_REPORT_AT, default Monday 08:00 local time):
 * each area where people hold an officer or admin role — typically a ward — gets its report, sent
 * privately to each of them through the outbox.
 *
 * Once per area and week, however many processes tick and however often they restart: an area's
 * report is claimed (Redis `SET NX`, or its row in PostgreSQL without Redis: a short lease while it is
 * built, then kept for the week), and every message has a deterministic outbox key (area, week,
 * chat), so even with the claims wiped a second pass writes no second Delivery row. A process that
 * died mid-way leaves a lease that expires: the next tick finishes the job.
 */
import type { OutboxItem } from "../../core/ports.js";
import { collectCoverage } from "./collect-coverage.js";
import { coverageText } from "./coverage-text.js";
import { withRelayedGroups } from "./relay-report-text.js";
import type { ReportDeps } from "./deps.js";
import { dueReportWeek } from "./report-schedule.js";

/** A report missed by more than this (Kẻng was down all day) waits for next week. */
export const REPORT_LATE_MS = 24 * 3_600_000;
/** How long one process may take to build and queue an area's report before another may retry. */
const LEASE_MS = 10 * 60_000;
/** A done area stays claimed past the report's lateness window. */
const DONE_MS = 8 * 86_400_000;

export const reportKeys = {
  claim: (areaCode: string, week: string) => `coverage-report:${areaCode}:${week}`,
  message: (areaCode: string, week: string, chatId: number) => `report:weekly:${areaCode}:${week}:${chatId}`,
};

/** Sends this week's reports if they are due; returns how many areas this call reported. */
export async function sendWeeklyReports(deps: ReportDeps): Promise<number> {
  const { settings } = deps;
  const now = deps.clock.now();
  const due = dueReportWeek({ schedule: settings.schedule, now, timeZone: settings.timeZone, lateMs: REPORT_LATE_MS });
  if (!due || settings.schedule.kind === "off") return 0;
  const weekly = settings.schedule;
  // Those who held the role at report time: someone made officer on Tuesday waits for next Monday.
  const recipients = await deps.coverage.recipients(due.at);
  let reported = 0;
  for (const { area, people } of recipients) {
    const claim = reportKeys.claim(area.code, due.week);
    if (!(await deps.claims.claim(claim, LEASE_MS))) continue;
    const report = await collectCoverage({
      store: deps.coverage,
      area,
      now,
      escalateMinutes: settings.escalateMinutes,
    });
    const items: OutboxItem[] = [];
    for (const person of people) {
      const chat = await deps.identity.privateChatOf(person);
      if (!chat.active) continue; // blocked the bot
      const locale = person.locale ?? chat.locale ?? settings.defaultLocale;
      const text = await withRelayedGroups({
        text: coverageText({ report, locale, timeZone: settings.timeZone, weekly }),
        relays: deps.relays,
        areaCode: area.code,
        now,
        locale,
      });
      items.push({
        key: reportKeys.message(area.code, due.week, chat.id),
        to: { chatId: chat.id },
        priority: "bulk",
        source: { kind: "report", id: area.id },
        message: { locale, text },
      });
    }
    await deps.outbox.enqueue(items);
    await deps.claims.hold(claim, DONE_MS);
    reported += 1;
  }
  return reported;
}
