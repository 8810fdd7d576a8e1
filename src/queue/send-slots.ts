/**
 * A deliver job's send slot from the shared limiter: reserved, slept until, taken again when the
 * job woke too late, and a private chat's short window waited out in the job.
 */
import type { Logger } from "pino";
import type { Target } from "./delivery-target.js";
import type { ReserveResult, SendRateLimiter, SendWindow } from "./rate-limiter.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A send this late after its slot is not sent in it: the slot is given back and a new one taken.
 * The platform window (rate-limiter.ts) leaves room for this lateness plus the jitter on the way.
 */
const REPLAN_AFTER_MS = 10;
/** After this many new slots a send goes out however late it wakes (a machine that busy sends slowly anyway). */
const MAX_REPLANS = 3;

/** A private chat's window (≈1.3 s) is waited out in the job, by at most MAX_CHAT_WAITERS jobs at a time. */
const CHAT_WAIT_IN_PROCESS_MS = 1500;
const MAX_CHAT_WAITERS = 4;
/** Windows one job waits out in a row before it is sent back. */
const MAX_CHAT_WAITS = 3;

export class SendSlots {
  /** Jobs sleeping through a private chat's window right now (see waitForChat). */
  private chatWaiters = 0;
  /** Jobs taking a regular slot now, and those waiting their turn (see `regularTakers`). */
  private regularTaking = 0;
  private readonly regularTurns: (() => void)[] = [];

  constructor(
    private readonly options: {
      limiter: SendRateLimiter;
      logger: Logger;
      maxAheadMs?: number;
      /**
       * At most this many jobs take a regular slot at once (default: no limit). A worker with room
       * for a paid burst runs more jobs than a second of regular sends: the others wait here, not
       * asking the store again and again for a slot it cannot give.
       */
      regularTakers?: number;
    },
  ) {}

  /**
   * Takes a send slot and sleeps until it. A job that wakes too late (the event loop stalled) gives
   * the slot back and takes a new one: every job that slept through the stall would otherwise go
   * out at once, more than the platform takes in a second.
   */
  async take(target: Target, window: SendWindow = "regular"): Promise<ReserveResult> {
    const limit = this.options.regularTakers;
    if (window === "paid" || limit === undefined) return this.takeIn(target, window);
    if (this.regularTaking >= limit) await new Promise<void>((resolve) => this.regularTurns.push(resolve));
    else this.regularTaking++;
    try {
      return await this.takeIn(target, window);
    } finally {
      // The turn passes to the next waiting job, or is given up.
      const next = this.regularTurns.shift();
      if (next) next();
      else this.regularTaking--;
    }
  }

  private async takeIn(target: Target, window: SendWindow): Promise<ReserveResult> {
    for (let replans = 0; ; replans++) {
      const slot = await this.reserve(target, window);
      if (!slot.ok) return slot;
      if (slot.sendAtLocalMs > Date.now()) await sleep(slot.sendAtLocalMs - Date.now());
      const lateMs = Date.now() - slot.sendAtLocalMs;
      // A group is named; a private chat is not (it may be a tipster's).
      this.options.logger.trace(
        {
          event: "send_slot",
          ...(target.kind === "group" ? { chat: target.platformChatId } : {}),
          plannedAt: slot.sendAtLocalMs,
          lateMs,
        },
        "send slot",
      );
      if (lateMs <= REPLAN_AFTER_MS || replans >= MAX_REPLANS) return slot;
      this.options.logger.debug({ event: "send_replanned", lateMs }, "woke too late for the slot: taking a new one");
      await this.options.limiter.release(slot.slot);
    }
  }

  /**
   * Takes a send slot. A short wait for the bot-wide rate is slept here (moving the job to the
   * delayed set and back costs more than the wait); a chat's own window goes back to the caller.
   */
  private async reserve(target: Target, window: SendWindow): Promise<ReserveResult> {
    for (let attempt = 0; ; attempt++) {
      const slot = await this.options.limiter.reserve({
        platform: target.platform,
        window,
        chatKey: target.limiterKey,
        chatKind: target.kind,
        maxAheadMs: this.options.maxAheadMs ?? 1000,
      });
      if (slot.ok || slot.reason !== "global-rate" || slot.retryInMs > 250 || attempt >= 8) return slot;
      await sleep(slot.retryInMs);
    }
  }

  /**
   * Sleeps through a private chat's window (≈1.3 s) in the job, by a few jobs at a time: a job sent
   * back would return behind every message queued meanwhile, and an officer's digests would come
   * every few seconds instead of every 1.3 s. False when the job should be sent back instead.
   */
  async waitForChat(slot: Extract<ReserveResult, { ok: false }>, target: Target, waits: number): Promise<boolean> {
    const waitable =
      slot.reason === "chat-window" && target.kind === "private" && slot.retryInMs <= CHAT_WAIT_IN_PROCESS_MS;
    if (!waitable || waits >= MAX_CHAT_WAITS || this.chatWaiters >= MAX_CHAT_WAITERS) return false;
    this.chatWaiters++;
    try {
      await sleep(slot.retryInMs);
    } finally {
      this.chatWaiters--;
    }
    return true;
  }
}
