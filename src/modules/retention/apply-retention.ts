/**
 * The retention sweep (DESIGN.md §7), run by the scheduler: after TIP_RETENTION_DAYS (a student's
 * help request: HELP_RETENTION_DAYS, the shortest) nothing of a closed tip remains in any table — its text, follow-ups, replies, contact, location, media, seal
 * and hash, and every delivery that carried them — only the counts the statistics need. Deliveries
 * of every kind have a retention period of their own, and people who only ever wrote privately are
 * forgotten after the same silence.
 *
 * Order matters for a crash half-way: deliveries go first, then the tips' content, and the tips just
 * purged have their remaining deliveries removed by code; a pass that stopped early is completed by
 * the next, since every step selects by age, not by what an earlier step did.
 */
import type { Clock } from "../../core/ports.js";
import type { AlarmStore } from "../alarms/types.js";
import type { TipRetention } from "../tips/types.js";
import type { RetentionSettings, RetentionStore } from "./types.js";

const DAY_MS = 86_400_000;
const BATCH = 500;

export interface RetentionDeps {
  readonly retention: RetentionStore;
  /** Absent where tips are off (no seal key). */
  readonly tips: TipRetention | undefined;
  /** Residents' alarms: their words and caller go with the messages that carried them. */
  readonly alarms?: Pick<AlarmStore, "forgetBefore">;
  readonly clock: Clock;
  readonly settings: RetentionSettings;
}

export interface RetentionReport {
  readonly tips: number;
  readonly deliveries: number;
  readonly people: number;
  readonly alarms: number;
}

export async function applyRetention(deps: RetentionDeps): Promise<RetentionReport> {
  const now = deps.clock.now().getTime();
  const { tipDays, helpDays, deliveryDays, broadcastDays } = deps.settings;
  // A delivery to a private chat may hold a tip's text (a draft's preview, a reply): never keep it
  // longer than the tip itself.
  const othersBefore = new Date(now - Math.min(deliveryDays, tipDays) * DAY_MS);
  // Messages to a sealed chat (a tipster, a student: a draft's preview holds their words) go after the
  // shortest period, a help request's.
  const sealedBefore = new Date(now - Math.min(deliveryDays, tipDays, helpDays) * DAY_MS);
  let deliveries = await deps.retention.deleteSettledDeliveries({
    othersBefore,
    sealedBefore,
    broadcastsBefore: new Date(now - broadcastDays * DAY_MS),
    limit: BATCH * 10,
  });
  let tips = 0;
  if (deps.tips) {
    const purged = await deps.tips.purgeContent(
      new Date(now - tipDays * DAY_MS),
      new Date(now - Math.min(helpDays, tipDays) * DAY_MS),
    );
    tips = purged.length;
    if (purged.length > 0) deliveries += await deps.retention.forgetTipDeliveries(purged);
  }
  // An alarm's words and caller are kept as long as the private messages that carried them.
  const alarms = deps.alarms ? await deps.alarms.forgetBefore({ before: othersBefore, limit: BATCH }) : 0;
  const people = await deps.retention.forgetIdlePeople({ before: new Date(now - tipDays * DAY_MS), limit: BATCH });
  return { tips, deliveries, people, alarms };
}
