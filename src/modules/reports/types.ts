/**
 * The weekly coverage and health report of an area (issue 9 §4): groups per area, areas without a
 * group, groups the bot lost, silent groups, Zalo followers and tips nobody took — and its ports.
 */
import type { UserRecord } from "../../core/actors.js";

/** An area of the report's subtree with its own active registered groups and Zalo followers. */
export interface AreaCoverageLine {
  readonly code: string;
  readonly name: string;
  readonly groups: number;
  readonly zaloFollowers: number;
  /** No area below it: a residential area, which needs a group of its own. */
  readonly leaf: boolean;
}

/** A registered group Kẻng can no longer post in. */
export interface LostGroup {
  readonly title: string | null;
  readonly areaCode: string;
  readonly areaName: string;
  /** `removed`: the bot was removed, kicked or blocked (the group is inactive); `rights`: still a member, but its last send was refused for lack of rights. */
  readonly kind: "removed" | "rights";
  readonly since: Date;
}

/** An active group that received alerts in the window and acknowledged none. */
export interface SilentGroup {
  readonly title: string | null;
  readonly areaCode: string;
  readonly areaName: string;
  readonly alerts: number;
}

/** A tip nobody has taken, older than the escalation delay. */
export interface OverdueTip {
  readonly code: string;
  readonly category: string;
  readonly areaName: string;
  readonly createdAt: Date;
}

export interface CoverageFigures {
  /** Every area of the subtree, the report's area first, then by code. */
  readonly areas: readonly AreaCoverageLine[];
  readonly lostGroups: readonly LostGroup[];
  readonly silentGroups: readonly SilentGroup[];
  /** Oldest first, at most `limit`; `overdueTipCount` counts them all. */
  readonly overdueTips: readonly OverdueTip[];
  readonly overdueTipCount: number;
}

/** The people a weekly report of an area goes to: its officers and admins. */
export interface ReportRecipients {
  readonly area: { readonly id: number; readonly code: string; readonly name: string };
  readonly people: readonly UserRecord[];
}

/** Reads what the report shows. */
export interface CoverageStore {
  /**
   * The figures of an area and every area below it. `since` starts the window for silent groups and
   * lost rights (the last 30 days); `tipsBefore` is now minus the escalation delay.
   */
  coverage(input: { areaCode: string; since: Date; tipsBefore: Date; limit: number }): Promise<CoverageFigures>;
  /** Areas where someone held an active officer or admin role at `at`, with those people. */
  recipients(at: Date): Promise<ReportRecipients[]>;
}

/**
 * Claims scheduled work once across processes (Redis `SET NX` under the deployment's prefix, or a row
 * of `ExpiringKey` without Redis), so two processes, or one restarted, do the same week's report once.
 */
export interface ScheduledClaims {
  /** True for exactly one caller, until `ttlMs` passes. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Keeps a claim this caller holds for `ttlMs` more (the work is done: nobody redoes it). */
  hold(key: string, ttlMs: number): Promise<void>;
}
