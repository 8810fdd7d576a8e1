/** What can be verified: alerts and their closures, as stored. */
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

/** Reads the messages a code may belong to. */
export interface SignedMessageStore {
  /** Alerts issued since `since`, newest first (codes are recomputed, not stored). */
  alertsSince(since: Date): Promise<SignedAlert[]>;
}

export type VerifyOutcome =
  | { readonly kind: "authentic"; readonly what: "alert" | "closure"; readonly alert: SignedAlert }
  | { readonly kind: "altered"; readonly what: "alert" | "closure"; readonly alert: SignedAlert }
  | { readonly kind: "unknown" };
