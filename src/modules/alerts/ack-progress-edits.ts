/**
 * The officer's progress message after "✅ Đã nhận" presses: the first acknowledgements each show at
 * once, then at most one edit per alert every ACK_EDIT_INTERVAL_MS, and the last count always
 * shows (a trailing edit). A storm of a thousand presses costs a handful of edits instead of a
 * hundred: each edit reads four figures and queues a message the officer's chat takes at 1/s.
 */
import { progressEdit } from "./report-progress.js";
import type { AlertDeps } from "./deps.js";

/** Presses up to this count edit the progress message at once. */
const EVERY_ONE_UP_TO = 10;
export const ACK_EDIT_INTERVAL_MS = 2000;

export class AckProgressEdits {
  private readonly lastEdit = new Map<number, number>();
  private readonly timers = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly deps: Pick<AlertDeps, "alerts" | "outbox" | "defaultLocale">,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = ACK_EDIT_INTERVAL_MS,
  ) {}

  /** A new acknowledgement of the alert; `people`: how many have acknowledged it now. */
  async noted(alertId: number, people: number): Promise<void> {
    if (people <= EVERY_ONE_UP_TO) return this.edit(alertId);
    if (this.timers.has(alertId)) return;
    const wait = (this.lastEdit.get(alertId) ?? 0) + this.intervalMs - Date.now();
    if (wait <= 0) return this.edit(alertId);
    const timer = setTimeout(() => {
      this.timers.delete(alertId);
      this.edit(alertId).catch(this.onError);
    }, wait);
    timer.unref();
    this.timers.set(alertId, timer);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async edit(alertId: number): Promise<void> {
    this.lastEdit.set(alertId, Date.now());
    const edit = await progressEdit(this.deps, alertId);
    if (!edit) return;
    // Never a "summary": on Zalo, where edits do not exist, it would be a new message per press.
    const { summary: _summary, ...message } = edit.item.message;
    await this.deps.outbox.enqueue([
      { ...edit.item, priority: "interactive", message: { ...edit.item.message, ...message, summary: false } },
    ]);
  }
}
