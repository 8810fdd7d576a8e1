import type { RateLimits } from "./types.js";

const SECOND = 1000;
const MINUTE = 60_000;

/** Telegram's published limits, used for any field a test leaves out. */
export const TELEGRAM_LIMITS: Required<RateLimits> = {
  globalPerSecond: 30,
  groupPerMinute: 20,
  privatePerSecond: 1,
  paidPerSecond: 1000,
};

/** Why a request is not admitted: too many (retry after whole seconds) or a paid send the balance cannot cover. */
export type Refusal = { ok: false; retryAfter: number } | { ok: false; starsShort: true };

/**
 * Sliding windows over request arrival times, like Telegram's flood control: a request that
 * would exceed any window is refused (and not counted); an accepted one counts in every window.
 *
 * Paid broadcasts (`allow_paid_broadcast`), as the Bot API documents them: a flagged send may go
 * up to 1,000 a second, ignoring the broadcast limit, for 0.1 Stars withdrawn from the bot's
 * balance; only the requests "that exceeded regular limits" are billed (TransactionPartnerTelegramApi).
 * The docs say nothing of whether flagged sends use up the 30/s of unflagged ones: here they do
 * not (flagged sends count in their own 1,000/s window, unflagged in the 30/s one); a flagged send
 * is billed when the sends of either kind in the last second have reached the regular limit. Per-chat
 * windows count both. The docs give no error for a balance too low: here it is a 400 (see send-methods).
 */
export class RateLimiter {
  private readonly limits: Required<RateLimits>;
  private readonly global: number[] = [];
  private readonly paid: number[] = [];
  /** Every send, flagged or not: what "exceeded regular limits" is measured against. */
  private readonly all: number[] = [];
  private readonly perChat = new Map<number, number[]>();
  /** The bot's balance in tenths of a Star (a paid message costs one). */
  private starsTenths = 0;
  /** Tenths of a Star the balance must keep for a paid send to be accepted. */
  private minimumTenths = 0;

  constructor(limits: RateLimits) {
    this.limits = { ...TELEGRAM_LIMITS, ...definedOnly(limits) };
  }

  /**
   * Admits a request to `chatId` arriving at `now` (epoch ms), or returns the whole seconds to
   * wait until a slot frees (Telegram's `retry_after`).
   */
  admit(chatId: number | undefined, now: number, paid = false): { ok: true; billed: boolean } | Refusal {
    const chatWindow = chatId === undefined ? undefined : this.chatWindow(chatId);
    const chatSpan = chatId !== undefined && chatId < 0 ? MINUTE : SECOND;
    const chatLimit = chatId !== undefined && chatId < 0 ? this.limits.groupPerMinute : this.limits.privatePerSecond;
    const botWindow = paid ? this.paid : this.global;
    const botLimit = paid ? this.limits.paidPerSecond : this.limits.globalPerSecond;
    let waitMs = waitFor(botWindow, botLimit, SECOND, now);
    if (chatWindow !== undefined) waitMs = Math.max(waitMs, waitFor(chatWindow, chatLimit, chatSpan, now));
    if (waitMs > 0) return { ok: false, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) };
    const billed = paid && waitFor(this.all, this.limits.globalPerSecond, SECOND, now) > 0;
    if (billed && this.starsTenths - 1 < this.minimumTenths) return { ok: false, starsShort: true };
    if (billed) this.starsTenths -= 1;
    insertSorted(botWindow, now);
    insertSorted(this.all, now);
    if (chatWindow !== undefined) insertSorted(chatWindow, now);
    return { ok: true, billed };
  }

  /** Sets the bot's Stars balance and the least it must keep for paid sends (Stars; tenths count). */
  setStars(balance: number, minimum = 0): void {
    this.starsTenths = Math.round(balance * 10);
    this.minimumTenths = Math.round(minimum * 10);
  }

  get stars(): number {
    return this.starsTenths / 10;
  }

  private chatWindow(chatId: number): number[] {
    let window = this.perChat.get(chatId);
    if (window === undefined) {
      window = [];
      this.perChat.set(chatId, window);
    }
    return window;
  }
}

function definedOnly(limits: RateLimits): RateLimits {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => typeof value === "number")) as RateLimits;
}

/** Drops expired arrivals; returns ms until one more request fits (0 if it fits now). */
function waitFor(window: number[], limit: number, span: number, now: number): number {
  while (window.length > 0 && (window[0] ?? now) <= now - span) window.shift();
  if (window.length < limit) return 0;
  const freeing = window[window.length - limit];
  return freeing === undefined ? 0 : freeing + span - now;
}

function insertSorted(window: number[], value: number): void {
  let index = window.length;
  while (index > 0 && (window[index - 1] ?? 0) > value) index--;
  window.splice(index, 0, value);
}
