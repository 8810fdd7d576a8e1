/**
 * The port under the send limiter (rate-limiter.ts): the few operations that must be atomic across
 * every worker process and read one shared clock. Two implementations keep the same state with the
 * same rules: Redis (Lua scripts, redis-send-slot-store.ts) and PostgreSQL (functions under an
 * advisory lock, pg-send-slot-store.ts). The contract suite in test/contract runs against both.
 */

/** Why a reservation was refused. */
export type RefusalReason = "chat-blocked" | "chat-window" | "global-rate" | "platform-blocked";

export const refusalReasons: readonly RefusalReason[] = [
  "chat-blocked",
  "chat-window",
  "global-rate",
  "platform-blocked",
];

/**
 * The bot-wide window a send counts in: the regular one, or the paid one (Telegram's
 * `allow_paid_broadcast`, 1,000/s). Each has its own send log and newest slot; the per-chat
 * windows and the bot-wide block are shared by both.
 */
export type SendWindow = "regular" | "paid";

/** One reservation as the store runs it; every duration is in integer µs. */
export interface SlotRequest {
  readonly platform: string;
  readonly window: SendWindow;
  readonly chatKey: string;
  /** At most this many sends reach the platform in any `platformWindowUs`. */
  readonly platformMax: number;
  readonly platformWindowUs: number;
  /** Never two slots closer than this. */
  readonly spacingUs: number;
  /** A slot whose answer is not back counts as arriving this long after it. */
  readonly inFlightUs: number;
  /** At most `chatMax` slots for the chat in any `chatWindowUs`. */
  readonly chatWindowUs: number;
  readonly chatMax: number;
  /** Refuse rather than grant a slot further than this in the future. */
  readonly maxAheadUs: number;
}

/** The request's limits in the order both stores' reservation scripts read them (Lua ARGV, the SQL function's parameters). */
export const reserveLimits = (request: SlotRequest): number[] => [
  request.platformMax,
  request.platformWindowUs,
  request.spacingUs,
  request.inFlightUs,
  request.chatWindowUs,
  request.chatMax,
  request.maxAheadUs,
];

/**
 * A granted slot, or a refusal that consumed nothing. Times are integer µs of the store's clock as
 * decimal strings: a slot is also its identity (release, confirm), so it must come back exact.
 */
export type SlotReply =
  | { readonly granted: true; readonly slotUs: string; readonly nowUs: string }
  | { readonly granted: false; readonly retryUs: string; readonly nowUs: string; readonly reason: RefusalReason };

/** Where the send limiter keeps its state, shared by every worker process. */
export interface SendSlotStore {
  /**
   * Atomically reserves a slot or says why not. Checks, in order: the chat's block, the chat's
   * window, the platform's window (anchored on when sends arrived) and spacing, the platform's block.
   */
  reserve(request: SlotRequest): Promise<SlotReply>;
  /** The send of `slotUs` reached the platform by `arrivedByUs` (store time, µs; never before the slot). */
  confirm(input: { platform: string; window: SendWindow; slotUs: string; arrivedByUs: number }): Promise<void>;
  /** Gives back a slot whose send never started: it no longer counts for the platform nor the chat. */
  release(input: { platform: string; window: SendWindow; chatKey: string; slotUs: string }): Promise<void>;
  /** No slot for the chat (or, without `chatKey`, on the platform) for `ms` from now; a longer block wins. */
  block(input: { platform: string; chatKey?: string; ms: number }): Promise<void>;
  /** Forgets everything under this store's prefix. Meant for tests. */
  reset(): Promise<void>;
}
