/** What the retention sweep removes, besides the tips' own content (TipStore.purgeContent). */
import type { PurgedTip } from "../tips/types.js";

export interface RetentionStore {
  /**
   * Deletes every delivery that carried something of these tips: the cards and follow-ups sent to
   * officers, and every message to the tipster that names the tracking code.
   */
  forgetTipDeliveries(tips: readonly PurgedTip[]): Promise<number>;
  /**
   * Deletes settled deliveries created before the cutoffs: broadcasts to groups (alerts, campaigns:
   * the statistics count them) before `broadcastsBefore`, messages to a sealed chat (tipsters and
   * students) before `sealedBefore`, every other message before `othersBefore`.
   */
  deleteSettledDeliveries(input: {
    othersBefore: Date;
    sealedBefore: Date;
    broadcastsBefore: Date;
    limit: number;
  }): Promise<number>;
  /**
   * Forgets people known only from a private chat who have been silent since `before`: no role, no
   * group, no follow, no quiz answer, no acknowledgement, no alarm, nothing they did that the audit log or a
   * statistic points to. Their user row, private chat row and its settled deliveries go.
   */
  forgetIdlePeople(input: { before: Date; limit: number }): Promise<number>;
}

export interface RetentionSettings {
  /** Days after a tip is closed before its content, seal and hash go (TIP_RETENTION_DAYS). */
  readonly tipDays: number;
  /** Days after a student's help request is closed before it goes the same way (HELP_RETENTION_DAYS, the shortest). */
  readonly helpDays: number;
  /** Days a delivery other than a group broadcast is kept once settled (DELIVERY_RETENTION_DAYS). */
  readonly deliveryDays: number;
  /** Days a group broadcast's delivery rows are kept for statistics (BROADCAST_RETENTION_DAYS). */
  readonly broadcastDays: number;
}
