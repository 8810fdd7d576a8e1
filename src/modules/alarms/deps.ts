/** What the alarm use cases need, passed in by the composition root. */
import type { Locale, Text } from "../../core/text.js";
import type { AlertDeps } from "../alerts/deps.js";
import type { AlarmStore } from "./types.js";

/** When unanswered alarms climb the area tree (jobs.ts implements it with BullMQ). */
export interface AlarmQueue {
  escalate(input: { alarmId: number; level: number; at: Date }): Promise<void>;
}

export interface AlarmSettings {
  /** Alarms one person may raise in 24 hours. */
  readonly dailyLimit: number;
  /** Hours a person waits after a false alarm. */
  readonly cooldownHours: number;
  /** Minutes without "Đang đến" before the next area up hears it. */
  readonly escalateMinutes: number;
}

/** Alarms reuse the alerts' deps: the ward alert they may become, its guided flow, outbox and access. */
export interface AlarmDeps extends AlertDeps {
  readonly alarms: AlarmStore;
  readonly alarmQueue: AlarmQueue;
  readonly alarmSettings: AlarmSettings;
  /** Renders words as plain text (the ward alert's prefilled text, which the officer may edit). */
  readonly render: (text: Text, locale: Locale) => string;
}
