/** Tips: records, and the ports the use cases talk to (Prisma in repo.ts / officer-repo.ts, BullMQ in jobs.ts). */
import type { PlatformName } from "../../core/messages.js";
import type { Locale } from "../../core/text.js";
import type { AreaNode } from "../areas/area-browser.js";
import type { AreaRecord } from "../areas/types.js";
import type { SuperadminRef } from "../areas/access.js";

export const TIP_CATEGORIES = ["matuy", "cobac", "tromcap", "luadao", "gayroi", "khac"] as const;
/**
 * A student's help request to their school (issue 18): bullied or school violence, lured into drugs
 * or stimulants, abused, scammed or threatened online, something else.
 */
export const HELP_CATEGORIES = ["batnat", "chatcam", "xamhai", "mang", "khac"] as const;
export const ALL_TIP_CATEGORIES = [...TIP_CATEGORIES, "batnat", "chatcam", "xamhai", "mang"] as const;
export type TipCategory = (typeof ALL_TIP_CATEGORIES)[number];
/** `crime`: a tip for the police; `help`: a student's help request, for the school's counsellor first. */
export type TipKind = "crime" | "help";
export type TipStatus = "received" | "forwarded" | "taken" | "closed";

export interface TipRecord {
  readonly id: number;
  readonly code: string;
  readonly kind: TipKind;
  readonly area: Pick<AreaRecord, "id" | "code" | "name" | "parentId">;
  readonly category: TipCategory;
  readonly text: string | null;
  readonly anonymous: boolean;
  readonly contact: string | null;
  readonly location: { readonly latitude: number; readonly longitude: number } | null;
  readonly status: TipStatus;
  /** Null once the content was destroyed after the retention period. */
  readonly sealedTipster: string | null;
  /** Null once the content was destroyed after the retention period. */
  readonly tipsterHash: string | null;
  readonly handlingAreaId: number;
  readonly escalationLevel: number;
  readonly escalateAt: Date | null;
  readonly takenById: number | null;
  readonly valuable: boolean;
  readonly createdAt: Date;
  readonly closedAt: Date | null;
  /** How it ended (meaningful once closed). */
  readonly outcome: TipOutcome;
}

export interface TipMessageRecord {
  readonly id: number;
  readonly direction: "from_tipster" | "to_tipster";
  readonly text: string | null;
  readonly photoFileId: string | null;
  readonly createdAt: Date;
}

export interface NewTip {
  readonly code: string;
  readonly kind: TipKind;
  readonly areaId: number;
  readonly category: TipCategory;
  readonly text: string | null;
  readonly anonymous: boolean;
  readonly contact: string | null;
  readonly location: { readonly latitude: number; readonly longitude: number } | null;
  readonly photoFileIds: readonly string[];
  readonly sealedTipster: string;
  readonly tipsterHash: string;
  readonly sourceKey: string;
}

/** How a tip ended, for /thongke. */
export interface TipOutcome {
  readonly caseOpened: boolean;
  readonly peopleArrested: number;
  /** Đồng. */
  readonly assetsRecovered: bigint;
}

export type TakeResult = "taken" | "already_yours" | "taken_by_other" | "closed";

/** Filing a tip: the guided flow, the one-line form, and the per-tipster limits. */
export interface TipIntake {
  /** Files a tip (with its photos) once per source update; `created` is false for a redelivered update. */
  create(tip: NewTip): Promise<{ tip: TipRecord; created: boolean } | "code_taken">;
  findBySource(sourceKey: string): Promise<TipRecord | null>;
  /** Tips filed under this tipster hash since a moment: how many, and when the oldest was. */
  countSince(tipsterHash: string, since: Date): Promise<{ count: number; oldest: Date | null }>;
  hasAny(tipsterHash: string): Promise<boolean>;
}

/** What a tipster reads of their own tips (by keyed hash or tracking code), and the tip an officer's reply names. */
export interface TipLookup {
  findByCode(code: string): Promise<TipRecord | null>;
  /** The person's own tips (by their keyed hash, never a user id), newest first. */
  listByTipster(tipsterHash: string, limit: number): Promise<TipRecord[]>;
  /** The tipster's open tip with the latest activity. */
  latestOpen(tipsterHash: string): Promise<TipRecord | null>;
}

/** Forwarding and escalation to officers, and the reconciler that re-adds their jobs. */
export interface TipRouting {
  /** received → forwarded; false if the tip was no longer `received`. */
  markForwarded(input: { id: number; handlingAreaId: number; escalateAt: Date | null }): Promise<boolean>;
  /** Moves an untaken tip to higher officers; false if it was taken, closed or already moved. */
  escalate(input: { id: number; fromLevel: number; handlingAreaId: number; escalateAt: Date | null }): Promise<boolean>;
  /** Ends escalation of an untaken tip at this level (nobody higher to send it to). */
  stopEscalating(input: { id: number; level: number }): Promise<void>;
  /** Ids of tips still `received` (forwarding not done). */
  awaitingForward(limit: number): Promise<number[]>;
  /** Untaken tips whose escalation is due before `before`. */
  dueEscalations(before: Date, limit: number): Promise<{ id: number; level: number; at: Date }[]>;
}

/** A message of the anonymous exchange about a tip. */
export interface NewTipMessage {
  readonly tipId: number;
  readonly direction: TipMessageRecord["direction"];
  readonly officerUserId?: number;
  readonly text?: string;
  readonly photoFileId?: string;
}

/** An officer's work on a tip, and the anonymous exchange with its tipster. */
export interface TipCaseWork {
  findById(id: number): Promise<TipRecord | null>;
  take(input: { id: number; officerUserId: number; now: Date }): Promise<TakeResult>;
  /** False when it already was marked. */
  markValuable(id: number): Promise<boolean>;
  /** False when it already was closed. */
  close(input: { id: number; outcome: TipOutcome; now: Date }): Promise<boolean>;
  setLocation(input: { id: number; latitude: number; longitude: number }): Promise<void>;
  /** Appends a follow-up; the tip counts as active now (for `latestOpen`). */
  addMessage(input: NewTipMessage): Promise<TipMessageRecord>;
  /** Appends a tipster's follow-up unless the tip already has `cap` of them (atomically); null when over. */
  addFollowUp(
    input: { tipId: number; text?: string; photoFileId?: string },
    cap: FollowUpCap,
  ): Promise<TipMessageRecord | null>;
  messages(tipId: number): Promise<TipMessageRecord[]>;
  /** Open tips of areas within any of these codes, newest first. */
  openWithin(areaCodes: readonly string[] | "all", limit: number): Promise<TipRecord[]>;
}

/** What an officer's digest lists. */
export interface TipDigestSource {
  /** Tips by id (any order; missing ids are left out), each with how many photos the tipster sent: what a digest lists. */
  findForDigest(ids: readonly number[]): Promise<{ tip: TipRecord; photos: number }[]>;
}

/** The retention sweep's part. */
export interface TipRetention {
  /**
   * Destroys text, follow-ups, replies, media, contact, location, seal and hash of tips closed before
   * `closedBefore`, help requests closed before `helpClosedBefore` (a batch); counts stay. Returns the tips purged, for their other traces to go.
   */
  purgeContent(closedBefore: Date, helpClosedBefore?: Date): Promise<PurgedTip[]>;
}

/** Persistence of tips and their follow-up messages: the Prisma store implements every part; a use case names the part it needs. */
export interface TipStore extends TipIntake, TipLookup, TipRouting, TipCaseWork, TipDigestSource, TipRetention {}

/** A user who may handle tips, with what is needed to reach them privately. */
export interface OfficerRecord {
  readonly userId: number;
  readonly platform: PlatformName;
  readonly platformUserId: string;
  readonly locale: Locale | null;
}

/** An area with whether it has areas below it (for browsing the tree). */
export type AreaChoice = AreaNode;

/** Who handles tips where, and the area tree as a tipster browses it. */
export interface OfficerDirectory {
  /** The area and its ancestors, nearest first. */
  areaChain(areaId: number): Promise<AreaRecord[]>;
  /** Users with an active officer or admin role on exactly this area. */
  officersOf(areaId: number): Promise<OfficerRecord[]>;
  /** Users with an active counsellor role on exactly this area (a school). */
  counsellorsOf(areaId: number): Promise<OfficerRecord[]>;
  /** Superadmins who have talked to the bot (a bot cannot open a private chat). */
  superadmins(refs: readonly SuperadminRef[]): Promise<OfficerRecord[]>;
  officer(userId: number): Promise<OfficerRecord | null>;
  /** Areas directly below `parentId` (top-level areas for null). */
  children(parentId: number | null): Promise<AreaChoice[]>;
  areasByIds(ids: readonly number[]): Promise<AreaChoice[]>;
  /** Areas whose alerts the user follows privately (/theodoi). */
  followedAreaIds(userId: number): Promise<number[]>;
  /** The language a person chose, found by their platform id (to word a relayed message). */
  localeOf(platform: PlatformName, platformUserId: string): Promise<Locale | null>;
}

/**
 * The `tips` queue: forwarding and escalation as jobs with deterministic ids and retries. Postgres
 * holds the truth (status, escalateAt); the reconciler re-adds whatever Redis lost.
 */
export interface TipQueue {
  forward(tipId: number): Promise<void>;
  escalate(input: { tipId: number; level: number; at: Date }): Promise<void>;
}

/** How many follow-ups a tip takes from its tipster: per hour and in all. */
export interface FollowUpCap {
  readonly perHour: number;
  readonly total: number;
  readonly now: Date;
}

/** A tip whose content was just destroyed: what its other traces are recognised by. */
export interface PurgedTip {
  readonly id: number;
  /** Tracking code (`TG-7K3F9Q`): every message about a tip names it. */
  readonly code: string;
}
