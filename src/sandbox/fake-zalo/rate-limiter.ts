import type { FakeZaloRateLimits } from "./types.js";

const WINDOW_MS = 1000;

/** Defaults for fields a test leaves out: Zalo publishes no limits, these are guesses. */
export const DEFAULT_ZALO_LIMITS: Required<FakeZaloRateLimits> = { globalPerSecond: 30, perChatPerSecond: 5 };

/** One-second sliding windows over send arrivals; a refused send is not counted. */
export class ZaloRateLimiter {
  private readonly limits: Required<FakeZaloRateLimits>;
  private readonly global: number[] = [];
  private readonly perChat = new Map<string, number[]>();

  constructor(limits: FakeZaloRateLimits) {
    this.limits = {
      globalPerSecond: limits.globalPerSecond ?? DEFAULT_ZALO_LIMITS.globalPerSecond,
      perChatPerSecond: limits.perChatPerSecond ?? DEFAULT_ZALO_LIMITS.perChatPerSecond,
    };
  }

  /** True when a send to `chatId` arriving at `now` (epoch ms) fits every window; it then counts. */
  admit(chatId: string | undefined, now: number): boolean {
    const chatWindow = chatId === undefined ? undefined : this.chatWindow(chatId);
    if (!fits(this.global, this.limits.globalPerSecond, now)) return false;
    if (chatWindow !== undefined && !fits(chatWindow, this.limits.perChatPerSecond, now)) return false;
    this.global.push(now);
    chatWindow?.push(now);
    return true;
  }

  private chatWindow(chatId: string): number[] {
    let window = this.perChat.get(chatId);
    if (window === undefined) {
      window = [];
      this.perChat.set(chatId, window);
    }
    return window;
  }
}

/** Drops arrivals older than the window; true when one more fits. */
function fits(window: number[], limit: number, now: number): boolean {
  while (window.length > 0 && (window[0] ?? now) <= now - WINDOW_MS) window.shift();
  return window.length < limit;
}
