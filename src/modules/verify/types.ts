/** What can be verified: alerts and their closures, and campaign messages (one per run), as stored. */
export interface SignedAlert {
  readonly id: number;
  readonly areaCode: string;
  readonly areaName: string;
  readonly unitName: string | null;
  readonly text: string;
  readonly closureText: string | null;
  readonly state: "active" | "expired" | "cancelled" | "resolved";
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly endedAt: Date | null;
}

/** One run of a campaign: every group got the same message, signed with the run's id. */
export interface SignedCampaignRun {
  readonly runId: number;
  readonly campaignId: number;
  readonly runAt: Date;
  readonly title: string;
  readonly text: string;
  readonly areaCode: string;
  readonly areaName: string;
  readonly unitName: string | null;
}

/** Reads the messages a code may belong to. */
export interface SignedMessageStore {
  /** Alerts issued since `since`, newest first (codes are recomputed, not stored). */
  alertsSince(since: Date): Promise<SignedAlert[]>;
  /** Campaign runs started since `since`, newest first. */
  campaignRunsSince(since: Date): Promise<SignedCampaignRun[]>;
}

export type VerifyOutcome =
  | { readonly kind: "authentic" | "altered"; readonly what: "alert" | "closure"; readonly alert: SignedAlert }
  | { readonly kind: "authentic" | "altered"; readonly what: "campaign"; readonly campaign: SignedCampaignRun }
  | { readonly kind: "unknown" };
