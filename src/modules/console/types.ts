/** The console's sessions (issue 21): records and the port the use cases talk to (Prisma in repo.ts). */
import type { ChatRecord, UserRecord } from "../../core/actors.js";
import type { Locale } from "../../core/text.js";
import type { TipRecord } from "../tips/types.js";

/** A notice of the last action, shown once on the next page: rendered text (HTML of our translations). */
export interface ConsoleNotice {
  readonly html: string;
  readonly alert: boolean;
}

export interface ConsoleSessionRecord {
  readonly id: number;
  readonly user: UserRecord;
  /** The private chat the link was sent to. */
  readonly chat: ChatRecord;
  readonly locale: Locale;
  readonly openedAt: Date | null;
  readonly expiresAt: Date | null;
  readonly lastSeenAt: Date | null;
  readonly createdAt: Date;
}

/** Sign-in links and sessions, stored as sha256 hashes of their tokens. */
export interface ConsoleSessionStore {
  createLink(input: {
    userId: number;
    chatId: number;
    linkHash: string;
    linkExpiresAt: Date;
    locale: Locale;
  }): Promise<{
    id: number;
  }>;
  /**
   * Uses a link once (atomically): unknown, expired, used or ended links open nothing (null). The
   * session then lasts until `expiresAt`.
   */
  openLink(input: {
    linkHash: string;
    sessionHash: string;
    now: Date;
    expiresAt: Date;
  }): Promise<ConsoleSessionRecord | null>;
  /** The live session of a cookie (not ended, not expired), its last use noted; null otherwise. */
  findLive(input: { sessionHash: string; now: Date }): Promise<ConsoleSessionRecord | null>;
  /** The person's open sessions, newest first. */
  listLive(input: { userId: number; now: Date }): Promise<ConsoleSessionRecord[]>;
  /** Ends one session of the person (by id) or all of them, unused links included; how many ended. */
  end(input: { userId: number; id?: number; now: Date }): Promise<number>;
  setLocale(input: { id: number; locale: Locale }): Promise<void>;
  addNotices(input: { id: number; notices: readonly ConsoleNotice[] }): Promise<void>;
  /** Deletes links and sessions over (expired, used up or ended) before `before`; how many went. */
  purgeBefore(before: Date): Promise<number>;
  /** The notices waiting for the next page, removed as they are read. */
  takeNotices(id: number): Promise<ConsoleNotice[]>;
}

/** The inbox's filters (all optional). */
export interface TipFilter {
  /** `open` (received, forwarded, taken), one status, or every tip. */
  readonly status: "open" | "all" | "received" | "forwarded" | "taken" | "closed";
  readonly category?: string;
  /** Within the officer's areas: this area and below. */
  readonly areaCode?: string;
  readonly from?: Date;
  /** Exclusive. */
  readonly to?: Date;
  /** Words searched in the tip's text, its follow-ups and its tracking code. */
  readonly query?: string;
}

/** The inbox's reading side: tips of some subtrees matching a filter, newest first. */
export interface ConsoleTipSearch {
  search(input: { within: readonly string[] | "all"; filter: TipFilter; limit: number }): Promise<TipRecord[]>;
  /** Other tips of these subtrees whose location lies within about 200 m of a point, newest first. */
  nearby(input: {
    within: readonly string[] | "all";
    latitude: number;
    longitude: number;
    exceptId: number;
    limit: number;
  }): Promise<TipRecord[]>;
  /** Other tips of these subtrees whose text or follow-ups contain any of the phrases, newest first. */
  mentioning(input: {
    within: readonly string[] | "all";
    phrases: readonly string[];
    exceptId: number;
    limit: number;
  }): Promise<TipRecord[]>;
}
