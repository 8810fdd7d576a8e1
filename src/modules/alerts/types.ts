/** Alerts (the security gong): records and the store port. */
import type { DeliverySource } from "../../core/delivery-source.js";
import type { PlatformName } from "../../core/messages.js";
import type { AreaKind } from "../areas/area-kind.js";
import type { UnitSource } from "../areas/police-unit.js";
import type { AlertLevel, AlertState } from "./cap.js";

export type { AlertLevel, AlertState };

export interface AlertRecord {
  readonly id: number;
  readonly areaId: number;
  readonly areaCode: string;
  readonly areaName: string;
  readonly unitName: string | null;
  readonly areaKind: AreaKind | null;
  /** The parent area, whose police unit speaks for a village, residential group or school. */
  readonly parentArea: UnitSource | null;
  readonly senderUserId: number;
  readonly level: AlertLevel;
  readonly text: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly state: AlertState;
  readonly endedAt: Date | null;
  readonly closureText: string | null;
  readonly progressChatId: number | null;
}

/** An update's entry in the inbound ledger, marked done by the statement that handles it. */
export interface LedgerKey {
  readonly platform: PlatformName;
  readonly updateKey: string;
  marked(): void;
}

/** A chat an alert goes to: an active group of the area subtree or a follower's private chat. */
export interface AlertTarget {
  readonly chatId: number;
  readonly kind: "private" | "group";
  /** The chat's (group) or follower's (private) language, if set. */
  readonly locale: string | null;
  readonly platform: PlatformName;
}

export interface DeliveryCounts {
  readonly sent: number;
  readonly failed: number;
  readonly pending: number;
}

/** An alert to record (`sourceKey`: the update that struck it, so a redelivery records it once). */
export interface NewAlert {
  readonly areaId: number;
  readonly senderUserId: number;
  readonly level: AlertLevel;
  readonly text: string;
  readonly expiresAt: Date;
  readonly sourceKey: string;
  readonly progressChatId: number | null;
}

/** Striking the gong: the alert, once per update, and where it goes. */
export interface AlertIssuing {
  /** Creates the alert once per source update; a second call with the same key returns the first. */
  create(input: NewAlert): Promise<{ alert: AlertRecord; created: boolean }>;
  /** Active registered groups in the area and below, and private chats of the subtree's followers. */
  targets(areaCode: string): Promise<AlertTarget[]>;
}

/** Reading alerts: by id (every press), those in force (CAP), an officer's own. */
export interface AlertReads {
  find(id: number): Promise<AlertRecord | null>;
  active(now: Date): Promise<AlertRecord[]>;
  /** The user's own alerts, newest first; with `activeAt`, only those still in force then. */
  sentBy(input: { userId: number; activeAt?: Date; take: number }): Promise<AlertRecord[]>;
}

/** Acknowledgements (every «Đã nhận» press). */
export interface AlertAcks {
  /** Records an acknowledgement; false if this user had already acknowledged. */
  acknowledge(input: { alertId: number; userId: number; chatId: number }): Promise<boolean>;
  ackStats(alertId: number): Promise<{ people: number; groupsAcked: number }>;
  /**
   * A press on the alert's ✅: the alert (null if there is none), whether the person's
   * acknowledgement was recorded now (only while the alert is active and before its expiry at
   * `now`), and how many people have acknowledged it. With `ledger`, the same statement marks the
   * update handled (and calls `marked`).
   */
  press(input: {
    alertId: number;
    userId: number;
    chatId: number;
    now: Date;
    ledger?: LedgerKey;
  }): Promise<{ alert: AlertRecord; fresh: boolean; people: number } | null>;
}

/** How a broadcast fared: the officer's progress message and `/tinhtrang`. */
export interface AlertFigures {
  /** Counts of the alert's broadcast deliveries (not cancellations, closures or progress). */
  deliveryCounts(alertId: number): Promise<DeliveryCounts>;
  /** Groups that received the alert, each with the people who acknowledged there. */
  groupAcks(alertId: number): Promise<{ title: string | null; people: number }[]>;
  /** Groups that received the alert but where nobody acknowledged it. */
  silentGroups(alertId: number): Promise<{ title: string | null }[]>;
  /** Chats the broadcast could not reach (bot removed or blocked…), with the reason. */
  failedChats(alertId: number): Promise<{ title: string | null; reason: string | null }[]>;
  /** The platform message id of the officer's progress message, once sent. */
  progressMessageId(alertId: number): Promise<string | null>;
}

/** Cancelling, resolving and expiring alerts, and what their endings reach. */
export interface AlertEnding {
  /** Ends an active or expired alert; false if it had already ended. */
  end(input: {
    alertId: number;
    state: "cancelled" | "resolved";
    byUserId: number;
    closureText: string | null;
    at: Date;
  }): Promise<boolean>;
  /** Cancels broadcast deliveries not sent yet; returns how many. */
  cancelPending(alertId: number): Promise<number>;
  /** Chats that received the broadcast, with the platform id of our message there. */
  receivedBy(alertId: number): Promise<{ chatId: number; messageId: string }[]>;
  /** Marks alerts past their expiry as expired; returns their ids. */
  expireDue(now: Date): Promise<number[]>;
}

/** Following an area in a private chat. */
export interface AlertFollows {
  /** Follows or unfollows an area in a private chat. */
  follow(input: { userId: number; areaId: number }): Promise<boolean>;
  unfollow(input: { userId: number; areaId: number }): Promise<boolean>;
  /** The areas a person follows in their private chat, by name. */
  followedAreas(userId: number): Promise<Array<{ id: number; name: string; code: string }>>;
}

/** Persistence of alerts: the Prisma store implements every part; a use case names the parts it needs. */
export interface AlertStore extends AlertIssuing, AlertReads, AlertAcks, AlertFigures, AlertEnding, AlertFollows {}

/** Outbox keys and sources of an alert's messages. */
export const alertKeys = {
  source: (alertId: number): DeliverySource => ({ kind: "alert", id: alertId }),
  broadcast: (alertId: number, chatId: number) => `alert:${alertId}:to:${chatId}`,
  progress: (alertId: number, n: number) => `alert:${alertId}:progress:${n}`,
  ending: (alertId: number, kind: "cancel" | "resolve", chatId: number) => `alert:${alertId}:${kind}:${chatId}`,
  /** What a relay is asked to forward: the alert, its cancellation or its closure. */
  relaySubject: (kind: "alert" | "cancel" | "resolve", alertId: number) => `${kind}:${alertId}`,
};
