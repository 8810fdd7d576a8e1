/**
 * Alerts, cancellations, closures and campaigns of an area reach its relayed groups through their
 * relays: each relay gets the message privately, ready to forward, through the same outbox and
 * deliver queue as every private message (rate limits, restart safety, deterministic keys), and one
 * reminder queued RELAY_REMIND_MINUTES later, called off when they confirm.
 */
import type { OutboundMessage } from "../../core/messages.js";
import type { OutboxItem } from "../../core/ports.js";
import { isLocale, t } from "../../core/text.js";
import type { RelayDeps } from "./deps.js";
import { formatMinutes } from "./minutes.js";
import { forwardedButton, relayCopy, verifyUrl } from "./relay-message.js";
import { relayKeys, type FanOutRequest, type RelayFanOut, type RelayReport, type RelayTally } from "./types.js";

export class RelaySender implements RelayFanOut, RelayReport {
  readonly remindMinutes: number;

  constructor(private readonly deps: RelayDeps) {
    this.remindMinutes = deps.remindMinutes;
  }

  async count(areaCode: string): Promise<number> {
    return (await this.deps.relays.groupsIn(areaCode)).filter((g) => g.relayChatId !== null).length;
  }

  async fanOut(input: FanOutRequest): Promise<number> {
    const { deps } = this;
    const earlier = input.following === undefined ? undefined : await deps.relays.groupsWith(input.following);
    const groups = (await deps.relays.groupsIn(input.areaCode)).filter(
      (g) => g.relayChatId !== null && (!earlier || earlier.has(g.id)),
    );
    if (groups.length === 0) return 0;
    const forwards = await deps.relays.recordForwards(
      input.subject,
      groups.map((g) => ({
        id: g.id,
        deliveryKey: relayKeys.message(input.subject, g.id),
        reminderKey: relayKeys.reminder(input.subject, g.id),
      })),
    );
    const byGroup = new Map(forwards.map((f) => [f.relayedGroupId, f]));
    const link = verifyUrl(deps.publicBaseUrl, input.verifyCode);
    const remindAt = new Date(deps.clock.now().getTime() + deps.remindMinutes * 60_000);
    const items = groups.flatMap((g): OutboxItem[] => {
      const forward = byGroup.get(g.id);
      if (!forward || g.relayChatId === null) return [];
      const locale = isLocale(g.relayLocale) ? g.relayLocale : deps.defaultLocale;
      const to = { chatId: g.relayChatId };
      const message = relayCopy(input.message(locale), { link, forwardId: forward.id });
      const reminder: OutboundMessage = {
        locale,
        text: t("relays:remind", { group: g.name, minutes: formatMinutes(deps.remindMinutes, locale) }),
        buttons: [[forwardedButton(forward.id)]],
      };
      return [
        { key: forward.deliveryKey, to, priority: input.priority, source: { kind: "relay" }, message },
        {
          key: forward.reminderKey,
          to,
          priority: "interactive" as const,
          source: { kind: "relayReminder" },
          message: reminder,
          dueAt: remindAt,
        },
      ];
    });
    await deps.outbox.enqueue(items);
    return groups.length;
  }

  tally(subjects: readonly string[]): Promise<RelayTally> {
    return this.deps.relays.tally({
      subjects,
      now: this.deps.clock.now(),
      lateAfterMs: this.deps.remindMinutes * 60_000,
    });
  }

  areaTally(areaCode: string, since: Date): Promise<RelayTally> {
    return this.deps.relays.areaTally({
      areaCode,
      since,
      now: this.deps.clock.now(),
      lateAfterMs: this.deps.remindMinutes * 60_000,
    });
  }

  async settle(subjects: readonly string[]): Promise<void> {
    await this.deps.relays.callOff(subjects);
  }
}
