/** What can be verified: alerts (and their cancellations), closures and campaign messages, as stored. */
import type { IssuedArea, IssuedCodeStore, SignedContent } from "../../core/verification.js";
import type { ShownAlert } from "../alerts/alert-message.js";
import type { AlertState } from "../alerts/types.js";

export interface SignedAlert extends ShownAlert {
  readonly state: AlertState;
}

/** One run of a campaign: every group got the same message, signed with the run's id. */
export interface SignedCampaignRun {
  readonly runId: number;
  readonly campaignId: number;
  readonly runAt: Date;
  readonly title: string;
  readonly text: string;
  readonly photoFileId: string | null;
  readonly areaCode: string;
  readonly areaName: string;
  readonly unitName: string | null;
}

/** A message a code was issued for, with the key that made the code. */
export type SignedMessage =
  | { readonly kind: "alert" | "closure"; readonly keyId: string; readonly alert: SignedAlert }
  | { readonly kind: "campaign"; readonly keyId: string; readonly campaign: SignedCampaignRun };

/** Issued codes and the messages they were issued for. */
export interface SignedMessageStore extends IssuedCodeStore {
  /**
   * The messages `code` (`7KQ2FD`) was issued for, newest first, found by index. A row proves
   * nothing by itself: the caller recomputes the code over the stored text.
   */
  findByCode(code: string): Promise<SignedMessage[]>;
}

/** A message signed before codes were stored, with its area as it is now (recorded with its codes). */
export interface UnrecordedMessage {
  readonly content: SignedContent;
  readonly area: IssuedArea;
}

/** Messages signed before codes were stored: the start-up backfill writes their codes. */
export interface CodeBackfillStore extends IssuedCodeStore {
  /** Up to `limit` signed messages of `kind` with no code recorded and an id above `afterId`, by id. */
  unrecorded(input: { kind: SignedContent["kind"]; afterId: number; limit: number }): Promise<UnrecordedMessage[]>;
}

/** What the resident holds: the alert, its cancellation (it carries the alert's code), its closure, or a campaign message. */
export type MessageWhat = "alert" | "cancellation" | "closure" | "campaign";

export type VerifyOutcome =
  /** No message has this code. */
  | { readonly kind: "notFound" }
  /** `issued`: the code is ours (no text to compare); `authentic`: the pasted text is the message word for word; `altered`: it is not. */
  | { readonly kind: "issued" | "authentic" | "altered"; readonly what: MessageWhat; readonly message: SignedMessage };
