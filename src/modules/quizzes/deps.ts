/** What the quiz use cases need, passed in by the composition root. */
import type { Clock, Outbox } from "../../core/ports.js";
import type { QuietHours } from "../../core/quiet-hours.js";
import type { Locale } from "../../core/text.js";
import type { Access } from "../areas/access.js";
import type { AreaStore } from "../areas/types.js";
import type { IdentityStore } from "../identity/types.js";
import type { QuizStore } from "./types.js";

export interface QuizSettings {
  /** Seconds a question stays open (QUIZ_ROUND_SECONDS). */
  readonly roundSeconds: number;
  /** A group question closes early after this many answers (QUIZ_MAX_ANSWERS); undefined: time only. */
  readonly maxAnswers: number | undefined;
  /** Serve questions marked `reviewed: false` (QUIZ_INCLUDE_UNREVIEWED). */
  readonly includeUnreviewed: boolean;
  readonly timeZone: string;
  readonly defaultLocale: Locale;
  /** Campaign questions wait out these hours (QUIET_HOURS); unset or null: never. */
  readonly quietHours?: QuietHours | null;
}

export interface QuizDeps {
  readonly quizzes: QuizStore;
  readonly areas: AreaStore;
  readonly identity: IdentityStore;
  readonly access: Access;
  readonly outbox: Outbox;
  readonly clock: Clock;
  readonly settings: QuizSettings;
  /** Picks among equally good questions; injectable for tests. */
  readonly random?: () => number;
}
