import type { RateLimits } from "./types.js";

const SECOND = 1000;
const MINUTE = 60_000;

/** Telegram's published limits, used for any field a test leaves out. */
export const TELEGRAM_LIMITS: Required<RateLimits> = { globalPerSecond: 30, groupPerMinute: 20, privatePerSecond: 1 };

/**
 * Sliding windows over request arrival times, like Telegram's flood control: a request that
 * would exceed any window is refused (and not counted); an accepted one counts in every window.
 */
export class RateLimiter {
  private readonly limits: Required<RateLimits>;
  private readonly global: number[] = [];
  private readonly perChat = new Map<number, number[]>();

  constructor(limits: RateLimits) {
    this.limits = { ...TELEGRAM_LIMITS, ...definedOnly(limits) };
  }

  /**
   * Admits a request to `chatId` arriving at `now` (epoch ms), or returns the whole seconds to
   * wait until a slot frees (Telegram's `retry_after`).
   */
  admit(chatId: number | undefined, now: number): { ok: true } | { ok: false; retryAfter: number } {
    const chatWindow = chatId === undefined ? undefined : this.chatWindow(chatId);
    const chatSpan = chatId !== undefined && chatId < 0 ? MINUTE : SECOND;
    const chatLimit = chatId !== undefined && chatId < 0 ? this.limits.groupPerMinute : this.limits.privatePerSecond;
    let waitMs = waitFor(this.global, this.limits.globalPerSecond, SECOND, now);
    if (chatWindow !== undefined) waitMs = Math.max(waitMs, waitFor(chatWindow, chatLimit, chatSpan, now));
    if (waitMs > 0) return { ok: false, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) };
    insertSorted(this.global, now);
    if (chatWindow !== undefined) insertSorted(chatWindow, now);
    return { ok: true };
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
