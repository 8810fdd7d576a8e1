/**
 * Zalo's plan limits (issue 17): Zalo answers 429 "Quota exceeded" once the bot has spent its
 * month (3,000 messages on the Basic plan, as publicly reported). Kẻng counts its sends per month
 * in the deployment's time zone, tells the admins at 80 % and at the first refusal, and pauses Zalo
 * sends with growing delays while Zalo refuses. The arithmetic lives here; the state in Postgres.
 */

/** How a pause grows: the first one, then doubling up to the cap. */
export interface ZaloPausePolicy {
  readonly firstMs: number;
  readonly maxMs: number;
}

/** One minute, doubling, at most fifteen: a spent month lasts days, a mistaken 429 a moment. */
export const DEFAULT_ZALO_PAUSE: ZaloPausePolicy = { firstMs: 60_000, maxMs: 15 * 60_000 };

/** The admins are told once a month when the sends reach this share of ZALO_MONTHLY_QUOTA. */
export const NEAR_QUOTA_SHARE = 0.8;

/** The month's figures, for /baocao and /metrics. */
export interface ZaloQuotaStatus {
  /** `2026-12`, in the deployment's time zone. */
  readonly month: string;
  /** Messages Zalo accepted this month. */
  readonly sends: number;
  /** ZALO_MONTHLY_QUOTA; undefined when not configured. */
  readonly quota: number | undefined;
  /** Zalo sends wait until then; null when they are not paused. */
  readonly pausedUntil: Date | null;
}

/** Reads the month's Zalo figures (reports, metrics). */
export interface ZaloQuotaReader {
  status(now: Date): Promise<ZaloQuotaStatus>;
}

/** `2026-12`: the calendar month of `at` in `timeZone`. */
export function monthOf(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(at);
  const year = parts.find((p) => p.type === "year")?.value ?? String(at.getUTCFullYear());
  const month = parts.find((p) => p.type === "month")?.value ?? String(at.getUTCMonth() + 1).padStart(2, "0");
  return `${year}-${month}`;
}

/** The next pause after `previousMs` (0: none yet): the first, then double, never above the cap. */
export function nextPauseMs(previousMs: number, policy: ZaloPausePolicy): number {
  if (previousMs <= 0) return Math.min(policy.firstMs, policy.maxMs);
  return Math.min(Math.max(previousMs * 2, policy.firstMs), policy.maxMs);
}

/** The send count at which the 80 % notice is due (at least 1). */
export function nearQuotaThreshold(quota: number): number {
  return Math.max(1, Math.ceil(quota * NEAR_QUOTA_SHARE));
}
