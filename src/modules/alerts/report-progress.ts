/**
 * Keeps the officer's progress message up to date while an alert is delivered: at most one edit
 * every 3 s per alert (edits count against the same rate limits as sends), and a last edit with the
 * totals when nothing is pending any more.
 */
import type { OutboxItem } from "../../core/ports.js";
import { lines, t, type Text } from "../../core/text.js";
import type { DeliverySource } from "../../core/delivery-source.js";
import { alertId } from "./alert-message.js";
import type { AlertDeps } from "./deps.js";
import { alertKeys, type AlertAcks, type AlertFigures, type AlertReads, type DeliveryCounts } from "./types.js";

export const PROGRESS_EDIT_INTERVAL_MS = 3000;

export function progressText(counts: DeliveryCounts, id: string, acked: number): Text {
  const total = counts.sent + counts.failed + counts.pending;
  const progress =
    counts.pending > 0
      ? t("alerts:progress.running", { sent: counts.sent, total, failed: counts.failed })
      : t("alerts:progress.done", { sent: counts.sent, total, failed: counts.failed, id });
  return lines(progress, t("alerts:progress.acks", { count: acked }));
}

/** What the progress message reads of an alert. */
type ProgressReads = AlertReads & Pick<AlertAcks, "ackStats"> & AlertFigures;

/** The edit that brings the officer's progress message up to date; null until it is out. */
export async function progressEdit(
  deps: Pick<AlertDeps, "defaultLocale"> & { readonly alerts: ProgressReads },
  id: number,
): Promise<{ item: OutboxItem; counts: DeliveryCounts } | null> {
  const { alerts } = deps;
  const [alert, counts, acks, messageId] = await Promise.all([
    alerts.find(id),
    alerts.deliveryCounts(id),
    alerts.ackStats(id),
    alerts.progressMessageId(id),
  ]);
  if (!alert || alert.progressChatId === null || !messageId) return null;
  const total = counts.sent + counts.failed + counts.pending;
  return {
    counts,
    item: {
      // Keyed by what it shows: two processes reporting the same state edit once.
      key: `${alertKeys.progress(id, 1)}:${counts.sent}-${counts.failed}-${counts.pending}-${acks.people}`,
      to: { chatId: alert.progressChatId },
      // Ahead of the broadcast it reports on, or the officer would see it only at the end.
      priority: "control",
      message: {
        locale: deps.defaultLocale,
        editMessageId: messageId,
        ...(counts.pending === 0 ? { summary: true } : {}),
        text: lines(
          t("alerts:issue.doneShort", { id: alertId(id), area: alert.areaName, total }),
          progressText(counts, alertId(id), acks.people),
        ),
      },
    },
  };
}

export class AlertProgressReporter {
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly lastEdit = new Map<number, number>();

  constructor(
    private readonly deps: Pick<AlertDeps, "outbox" | "defaultLocale" | "identity"> & {
      readonly alerts: ProgressReads;
    },
    /** Told once when a broadcast has nothing pending any more (operators alarm on failures). */
    private readonly onBroadcastDone?: (info: { alertId: number; sent: number; failed: number; total: number }) => void,
  ) {}

  /** Called for every finished delivery; reacts to the alert broadcasts among them. */
  noteSettled(source: DeliverySource | null): void {
    if (source?.kind !== "alert") return;
    const { id } = source;
    if (this.timers.has(id)) return;
    const wait = Math.max(0, (this.lastEdit.get(id) ?? 0) + PROGRESS_EDIT_INTERVAL_MS - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(id);
      this.flush(id).catch(() => undefined);
    }, wait);
    timer.unref();
    this.timers.set(id, timer);
  }

  private async flush(id: number): Promise<void> {
    const alert = await this.deps.alerts.find(id);
    if (!alert || alert.progressChatId === null) return;
    const edit = await progressEdit(this.deps, id);
    if (!edit) {
      this.noteSettled(alertKeys.source(id)); // the progress message itself is not out yet
      return;
    }
    this.lastEdit.set(id, Date.now());
    const { counts } = edit;
    const total = counts.sent + counts.failed + counts.pending;
    await this.deps.outbox.enqueue([edit.item]);
    if (counts.pending === 0) {
      this.lastEdit.delete(id);
      this.onBroadcastDone?.({ alertId: id, sent: counts.sent, failed: counts.failed, total });
    }
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
