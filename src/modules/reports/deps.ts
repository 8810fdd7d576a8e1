/** What the report use cases need, passed in by the composition root. */
import type { Clock, Outbox } from "../../core/ports.js";
import type { Locale, Text } from "../../core/text.js";
import type { ZaloQuotaReader } from "../../core/zalo-quota.js";
import type { Access } from "../areas/access.js";
import type { AreaStore } from "../areas/types.js";
import type { IdentityStore } from "../identity/types.js";
import type { RelayReport, ZaloSeats } from "../relays/types.js";
import type { ReportSchedule } from "./report-schedule.js";
import type { CoverageStore, ScheduledClaims } from "./types.js";

export interface ReportDeps {
  readonly coverage: CoverageStore;
  readonly areas: AreaStore;
  readonly access: Access;
  /** The private chat of each recipient of the weekly report. */
  readonly identity: Pick<IdentityStore, "privateChatOf">;
  readonly outbox: Outbox;
  readonly claims: ScheduledClaims;
  readonly clock: Clock;
  /** Zalo's monthly sends and pause (issue 17), shown to admins; undefined without Zalo. */
  readonly zaloQuota?: ZaloQuotaReader;
  /** Warnings about the platforms themselves (a Zalo bot that cannot join groups), shown in /baocao. */
  readonly platformNotices?: () => readonly Text[];
  /** Relayed groups (issue 18 §3), counted apart from the groups the bot is in. */
  readonly relays?: RelayReport;
  /** ZALO_USER_CAP's seats, shown to admins beside the monthly quota. */
  readonly zaloSeats?: Pick<ZaloSeats, "cap" | "served">;
  readonly settings: {
    /** COVERAGE_REPORT_AT: when the weekly report goes out (local time), or off. */
    readonly schedule: ReportSchedule;
    /** TIP_ESCALATE_MINUTES: a tip nobody took for longer is overdue. */
    readonly escalateMinutes: number;
    /** TZ */
    readonly timeZone: string;
    readonly defaultLocale: Locale;
  };
}
