/** Statistics for a ward (reference data for the "An toàn về ANTT" assessment, not its criteria): figures, coverage and the store port. */

/** Half-open: from ≤ t < to. */
export interface StatsPeriod {
  readonly from: Date;
  readonly to: Date;
}

/** The figures of an area and every area below it, for a period. */
export interface AreaFigures {
  readonly tipsReceived: number;
  readonly tipsValuable: number;
  /** Tips closed in the period with a case opened, and their arrests and recovered assets (đồng). */
  readonly casesOpened: number;
  readonly peopleArrested: number;
  readonly assetsRecovered: bigint;
  readonly alertsSent: number;
  /** (alert, group) pairs delivered, and those where someone in the group acknowledged. */
  readonly alertGroupsReached: number;
  readonly alertGroupsAcked: number;
  /** Acknowledgements (people). */
  readonly alertAcks: number;
  readonly quizAnswers: number;
  readonly quizParticipants: number;
  readonly quizCorrect: number;
  /** Campaign messages delivered to groups. */
  readonly campaignMessages: number;
  /** Residents' alarms raised (issue 18), confirmed by an officer or guard, closed as false. */
  readonly alarmsRaised: number;
  readonly alarmsConfirmed: number;
  readonly alarmsFalse: number;
  /** Median minutes from an alarm to its first "Đang đến"; null with none answered. */
  readonly alarmResponseMinutes: number | null;
}

/** An area of the subtree with its own active registered groups. */
export interface AreaCoverage {
  readonly code: string;
  readonly name: string;
  readonly groups: number;
}

/** A school of the subtree and its students' help requests in the period (issue 18): counts, never text. */
export interface SchoolHelp {
  readonly code: string;
  readonly name: string;
  readonly received: number;
  /** Taken by the counsellor or an officer of the school (or above, after escalation). */
  readonly taken: number;
  /** Sent up to the officers above because nobody at the school took it in time. */
  readonly escalated: number;
}

/** Counts per column of the chart: `bucket` is the column's index (0 = the first). */
export interface WeeklyRows {
  /** Tips received, by column and category. */
  readonly tips: readonly { readonly bucket: number; readonly category: string; readonly count: number }[];
  /** Alerts issued by column, with their (alert, group) deliveries and those acknowledged (as in AreaFigures). */
  readonly alerts: readonly {
    readonly bucket: number;
    readonly alerts: number;
    readonly reached: number;
    readonly acked: number;
  }[];
}

export interface StatsStore {
  figures(input: { areaCode: string; period: StatsPeriod }): Promise<AreaFigures>;
  /** Every school of the subtree, by code, with its help requests in the period. */
  helpBySchool(input: { areaCode: string; period: StatsPeriod }): Promise<SchoolHelp[]>;
  /** Every area of the subtree (itself first, then by code) with its own active groups. */
  coverage(areaCode: string): Promise<AreaCoverage[]>;
  /** Tips and alerts of the subtree split at `edges` (ascending; from the first edge to the last). */
  weekly(input: { areaCode: string; edges: readonly Date[] }): Promise<WeeklyRows>;
}
