/** Residents' alarms (issue 18 §1): the records and the store port. */
import type { DeliverySource } from "../../core/delivery-source.js";
import type { UserRecord } from "../../core/actors.js";
import type { Locale } from "../../core/text.js";

export const ALARM_CATEGORIES = ["theft", "fight", "fire", "stranger", "other"] as const;
export type AlarmCategory = (typeof ALARM_CATEGORIES)[number];
export type AlarmState = "draft" | "open" | "answered" | "false_alarm" | "raised";

export interface AlarmRecord {
  readonly id: number;
  readonly chatId: number;
  readonly chatTitle: string | null;
  readonly areaId: number;
  readonly areaCode: string;
  readonly areaName: string;
  readonly caller: UserRecord;
  readonly category: AlarmCategory | null;
  readonly text: string | null;
  readonly state: AlarmState;
  readonly raisedAt: Date | null;
  readonly firstResponseAt: Date | null;
  readonly closedAt: Date | null;
  readonly escalations: number;
  /** The caller's prompt, edited as the alarm goes out and lines follow. */
  readonly promptMessageId: string | null;
  /** Until when the caller's lines in the group follow the alarm. */
  readonly linesUntil: Date | null;
  readonly addedLines: number;
}

/** Someone who hears an alarm privately: the area's officers and guards. */
export interface AlarmResponder {
  readonly user: UserRecord;
  readonly role: "officer" | "guard";
}

/** A registered group of the alarm's area. */
export interface AlarmGroup {
  readonly chatId: number;
  readonly locale: Locale | null;
}

export interface AlarmStore {
  createDraft(input: { chatId: number; areaId: number; callerUserId: number; text: string | null }): Promise<number>;
  find(id: number): Promise<AlarmRecord | null>;
  /** The group's alarm still open or answered, raised in the last two hours (older ones lapse). */
  openInChat(chatId: number): Promise<AlarmRecord | null>;
  /** The caller's draft in the group, or their alarm still taking lines (see `linesUntil`). */
  callerAlarm(input: { chatId: number; userId: number }): Promise<AlarmRecord | null>;
  /** Words typed while the prompt waits join the draft's text (cut at `max`). */
  appendDraftText(input: { id: number; line: string; max: number }): Promise<boolean>;
  /** One more line after sending, while `linesUntil` and under `maxLines`; false otherwise. */
  addLine(input: { id: number; line: string; at: Date; maxLines: number; maxText: number }): Promise<boolean>;
  /** `Không cần thêm`: no more lines; false if they had already stopped. */
  stopLines(input: { id: number; at: Date }): Promise<boolean>;
  /** Draft → open, unless the group already has an open alarm: false if it did not happen. */
  raise(input: {
    id: number;
    category: AlarmCategory;
    at: Date;
    linesUntil: Date;
    promptMessageId: string;
  }): Promise<boolean>;
  /** Alarms a person raised since `since` (drafts not counted). */
  raisedBy(input: { userId: number; since: Date }): Promise<number>;
  /** When the person's latest false alarm was closed. */
  lastFalseAlarm(userId: number): Promise<Date | null>;
  isBarred(input: { userId: number; areaId: number }): Promise<boolean>;
  bar(input: { userId: number; areaId: number; byUserId: number }): Promise<boolean>;
  /** Active registered groups of exactly this area. */
  groupsOf(areaId: number): Promise<AlarmGroup[]>;
  /**
   * Officers of the `level`-th area on the chain that has officers (0: the nearest), and at level 0
   * the guards of the area and its ancestors.
   */
  responders(input: { areaId: number; level: number }): Promise<AlarmResponder[]>;
  /** Records a first response (open → answered); false if it was already answered or closed. */
  answer(input: { id: number; at: Date }): Promise<boolean>;
  /** Open or answered → false_alarm or raised; false if it was closed already. */
  close(input: { id: number; state: "false_alarm" | "raised"; byUserId: number; at: Date }): Promise<boolean>;
  /**
   * Open, unanswered, not lapsed alarms whose next escalation (`escalateMinutes` after raising, per
   * level) is due by `now`: the reconciler re-adds their jobs.
   */
  dueEscalations(input: {
    now: Date;
    escalateMinutes: number;
    limit: number;
  }): Promise<{ id: number; areaId: number; level: number }[]>;
  /**
   * Retention: alarms created before `before` lose the caller's words and who the caller was (the
   * audit log keeps that), and the words leave the audit entry of the raise. Returns how many.
   */
  forgetBefore(input: { before: Date; limit: number }): Promise<number>;
  /** Still unanswered at this escalation level: moves it one level up; false otherwise. */
  escalate(input: { id: number; fromLevel: number }): Promise<boolean>;
  /** Group messages of the alarm as sent (for replies to them). */
  sentToGroups(id: number): Promise<{ chatId: number; messageId: string; locale: Locale | null }[]>;
  /** Alarms someone confirmed (`Đang đến`, ward gong) that have not lapsed yet, newest first (the CAP feed). */
  confirmedLately(now: Date): Promise<AlarmRecord[]>;
  /** Officers' and guards' private copies as sent (to edit them). */
  sentToResponders(id: number): Promise<{ chatId: number; messageId: string; locale: Locale | null }[]>;
}

/** Outbox keys and the source that groups an alarm's messages. */
export const alarmKeys = {
  source: (id: number): DeliverySource => ({ kind: "alarm", id }),
  group: (id: number, chatId: number) => `alarm:${id}:g:${chatId}`,
  responder: (id: number, chatId: number) => `alarm:${id}:p:${chatId}`,
  going: (id: number, userId: number, chatId: number) => `alarm:${id}:going:${userId}:${chatId}`,
  falseAlarm: (id: number, chatId: number) => `alarm:${id}:false:${chatId}`,
  line: (id: number, n: number, chatId: number) => `alarm:${id}:line:${n}:${chatId}`,
  prompt: (id: number, step: string) => `alarm:${id}:prompt:${step}`,
};

export const alarmId = (id: number) => `B${id}`;

/** An alarm lapses two hours after it was raised: the group may raise another, the CAP message expires. */
export const ALARM_LAPSE_MS = 2 * 3600_000;
