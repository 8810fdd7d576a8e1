/** Relayed groups (issue 18 §3): residents' groups the bot cannot enter, reached through their relay. */
import type { OutboundMessage, PriorityName } from "../../core/messages.js";
import type { Locale } from "../../core/text.js";

export interface RelayedGroupRecord {
  readonly id: number;
  readonly areaId: number;
  readonly areaCode: string;
  readonly name: string;
  readonly members: number;
  readonly relayUserId: number;
  /** The relay's private chat with the bot (null: they never wrote to it, or blocked it). */
  readonly relayChatId: number | null;
  readonly relayLocale: string | null;
  readonly relayName: string | null;
}

/** One forward asked of a relay, with what the relay's message and its reminder are keyed by. */
export interface RelayForwardRecord {
  readonly id: number;
  readonly relayedGroupId: number;
  readonly deliveryKey: string;
  readonly reminderKey: string;
}

/** How one message fared across the relayed groups it went to. */
export interface RelayTally {
  readonly groups: number;
  readonly members: number;
  /** The relay received it (the delivery was sent). */
  readonly reached: number;
  /** The relay pressed «Đã chuyển vào nhóm». */
  readonly confirmed: number;
  /** Reached, asked for more than RELAY_REMIND_MINUTES ago (its reminder is due) and still not confirmed. */
  readonly late: number;
  /** The groups counted in `late`, with their relay's name. */
  readonly lateGroups: readonly { readonly name: string; readonly relay: string | null }[];
}

export type ConfirmOutcome =
  { readonly kind: "confirmed" | "already"; readonly groupName: string } | { readonly kind: "notYours" | "missing" };

export interface RelayStore {
  /** Registers or renames the relay's group in an area (one group per relay and area). */
  saveGroup(input: {
    relayUserId: number;
    areaId: number;
    name: string;
    members: number;
  }): Promise<{ created: boolean }>;
  /** The active relayed groups of an area and every area below it. */
  groupsIn(areaCode: string): Promise<RelayedGroupRecord[]>;
  /** Writes one forward per group for `subject` (kept when it exists) and returns them. */
  recordForwards(
    subject: string,
    groups: readonly { id: number; deliveryKey: string; reminderKey: string }[],
  ): Promise<RelayForwardRecord[]>;
  /** The relay says the message is in their group; the reminder still pending is called off. */
  confirm(input: { forwardId: number; relayUserId: number; at: Date }): Promise<ConfirmOutcome>;
  /** Zalo people the bot serves privately (role holders and followers), and whether `userId` is one. */
  zaloServed(userId: number): Promise<{ served: number; includes: boolean }>;
  /** The groups whose relay was sent `subject`. */
  groupsWith(subject: string): Promise<Set<number>>;
  /** Calls off what is not sent yet of these subjects, message and reminder (an alert ended: they are moot). */
  callOff(subjects: readonly string[]): Promise<void>;
  /** Tally of the forwards of one subject. */
  tally(input: { subjects: readonly string[]; now: Date; lateAfterMs: number }): Promise<RelayTally>;
  /** Tally of every forward to the area and below since `since`, and how many groups it has. */
  areaTally(input: { areaCode: string; since: Date; now: Date; lateAfterMs: number }): Promise<RelayTally>;
}

/**
 * Zalo's plan lets the bot write privately to so many people (ZALO_USER_CAP, e.g. 50 on Basic):
 * officers and relays first; followers take what seats are left, and the rest join a group.
 */
export interface ZaloSeats {
  readonly cap: number;
  /** Zalo people served privately now: role holders and followers. */
  served(): Promise<number>;
  /** Whether this Zalo person may be served privately: already served (a role, a follow), or a seat is left. */
  mayFollow(userId: number): Promise<boolean>;
  /** The relayed groups of the area and below, to join instead. */
  groupsToJoin(areaCode: string): Promise<readonly { readonly name: string; readonly relay: string | null }[]>;
}

export const RELAY_PREFIX = "rf";

export const relayKeys = {
  message: (subject: string, groupId: number) => `relay:${subject}:${groupId}`,
  reminder: (subject: string, groupId: number) => `relay-remind:${subject}:${groupId}`,
};

/** What `/baocao` asks: the area's relayed groups and how their forwards fared since `since`. */
export interface RelayReport {
  areaTally(areaCode: string, since: Date): Promise<RelayTally>;
  readonly remindMinutes: number;
}

/** A message for the relays of an area's relayed groups. */
export interface FanOutRequest {
  readonly areaCode: string;
  readonly subject: string;
  readonly message: (locale: Locale) => OutboundMessage;
  readonly verifyCode: string | undefined;
  readonly priority: PriorityName;
  /** Only the groups whose relay was sent this earlier subject (a cancellation follows its alert). */
  readonly following?: string;
}

/** What the alerts and campaigns modules ask of this one. */
export interface RelayFanOut {
  /** The relayed groups of the area (and below) whose relay can be written to. */
  count(areaCode: string): Promise<number>;
  /**
   * Sends `message` (as the groups read it) to the relay of every relayed group of the area, ready to
   * forward, with the «Đã chuyển vào nhóm» choice, and queues one reminder. Returns how many relays.
   */
  fanOut(input: FanOutRequest): Promise<number>;
  /** An ended alert's forwards not sent yet are called off, and need no reminder any more. */
  settle(subjects: readonly string[]): Promise<void>;
  /** How the forwards of these subjects fared (for `/tinhtrang`). */
  tally(subjects: readonly string[]): Promise<RelayTally>;
  /** RELAY_REMIND_MINUTES: after it a forward not confirmed counts as late. */
  readonly remindMinutes: number;
}
