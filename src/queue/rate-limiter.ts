import { RecentMaximum } from "./recent-maximum.js";
import type { RefusalReason, SendSlotStore, SendWindow, SlotReply } from "./send-slot-store.js";
import { ServerClock } from "./server-clock.js";

export type { RefusalReason, SendWindow } from "./send-slot-store.js";

/** Kind of chat, which decides the per-chat window that applies. */
export type ChatKind = "group" | "private";

/** At most `max` sends in any `windowMs` window, for one chat. */
export interface ChatWindow {
  max: number;
  windowMs: number;
}

/** Bot-wide limit: at most `max` sends reach the platform in any `windowMs`, never two closer than `minSpacingMs`. */
export interface PlatformWindow extends ChatWindow {
  minSpacingMs: number;
}

/** Send limits of one platform, shared by every worker process. */
export interface PlatformLimits {
  /**
   * All chats together, as the platform counts them: by arrival. A window (not a fixed spacing)
   * lets a second lost to a stalled process be caught up afterwards; the minimum spacing keeps that
   * catching up from becoming a burst.
   */
  platform: PlatformWindow;
  /**
   * A second bot-wide window for paid sends (Telegram's `allow_paid_broadcast`), kept apart from
   * the regular one; the per-chat windows apply to both. Absent: the platform has no paid sends.
   */
  paid?: PlatformWindow;
  /** Sliding-window limit per chat, by chat kind; the window includes a margin for jitter. */
  chatWindows: Record<ChatKind, ChatWindow>;
}

/**
 * How the platform window is kept whatever the jitter on the way. Every send takes at least the
 * network's floor to arrive, so what matters is the delay above that floor: a send arrives no
 * sooner than its slot (plus the floor) and no later than its answer (minus the floor back). Once
 * answered, a send counts from its answer less half the shortest recent round trip (the way back
 * is assumed to take at least half of it); until then, from its slot plus IN_FLIGHT_MS. The margin
 * covers clock rounding between the store (Redis or PostgreSQL) and this process.
 */
export const IN_FLIGHT_MS = 50;
export const WINDOW_MARGIN_MS = 5;

/**
 * Telegram: ≈30 msg/s per bot, 20 msg/min per group, ~1 msg/s per private chat, all measured
 * where the requests arrive. Sends anchored on answers (see IN_FLIGHT_MS) keep every 1 s of
 * arrivals at 30 or fewer and sustain close to 30/s; catching up goes no faster than 32/s. The
 * per-chat windows are not anchored: +300 ms covers the jitter there.
 */
export const telegramLimits: PlatformLimits = {
  platform: { max: 30, windowMs: 1000, minSpacingMs: 1000 / 32 },
  // A paid broadcast: "up to 1000 messages per second" (Bot API, allow_paid_broadcast).
  paid: { max: 1000, windowMs: 1000, minSpacingMs: 1000 / 1050 },
  chatWindows: {
    group: { max: 20, windowMs: 60_000 + 300 },
    private: { max: 1, windowMs: 1000 + 300 },
  },
};

/**
 * Zalo publishes no limits: 20 msg/s overall, evenly spaced, and Telegram-like per-chat windows
 * are a cautious guess that still lets an alert reach 1,000 groups in under a minute.
 */
export const zaloLimits: PlatformLimits = {
  platform: { max: 20, windowMs: 1000, minSpacingMs: 1000 / 20 },
  chatWindows: {
    group: { max: 20, windowMs: 60_300 },
    private: { max: 1, windowMs: 1_050 },
  },
};

/** Options of {@link SendRateLimiter.reserve}. */
export interface ReserveOptions {
  platform: string;
  /** Stable identifier of the chat on that platform (e.g. the Telegram chat id). */
  chatKey: string;
  chatKind: ChatKind;
  /** Refuse rather than grant a slot further than this in the future. */
  maxAheadMs: number;
  /** The bot-wide window: "paid" only on a platform whose limits have one; default "regular". */
  window?: SendWindow;
}

/**
 * A granted slot or a refusal that consumed nothing (retry in `retryInMs`, ≥ 1). `sendAtMs` and
 * `nowMs` are the store's time; `sendAtLocalMs` is the slot on this process's clock: send at that moment.
 */
export type ReserveResult =
  | { ok: true; sendAtMs: number; nowMs: number; slot: GrantedSlot; sendAtLocalMs: number }
  | { ok: false; retryInMs: number; nowMs: number; reason: RefusalReason };

/** What {@link SendRateLimiter.release} needs to give a slot back: the exact slot as the store holds it. */
export interface GrantedSlot {
  readonly platform: string;
  readonly window: SendWindow;
  readonly chatKey: string;
  /** The store's time in µs, as a decimal string (exact; a float of ms would round it). */
  readonly atUs: string;
}

/** Dependencies and configuration of {@link SendRateLimiter}. */
export interface SendRateLimiterOptions {
  /** Where the slots are kept: Redis or PostgreSQL (send-slot-store.ts). */
  store: SendSlotStore;
  platforms: Record<string, PlatformLimits>;
}

/**
 * The send limiter shared by all deliver workers, in every process and on every machine. BullMQ's
 * own limiter throttles a whole queue, not a chat; this one grants each send a time slot that
 * respects both the bot-wide rate and the per-chat windows, in one atomic operation of the store
 * (Redis or PostgreSQL) that reads the store's clock, so that all machines agree on "now".
 *
 * A slot that was granted but whose send failed still counts: the platform may have received it.
 * Only a slot whose send never started is given back ({@link SendRateLimiter.release}).
 */
export class SendRateLimiter {
  private readonly store: SendSlotStore;
  private readonly platforms: ReadonlyMap<string, PlatformLimits>;
  private readonly clock = new ServerClock();
  /** Per platform, recent round trips of sends, negated: their maximum is minus the shortest. */
  private readonly roundTrips = new Map<string, RecentMaximum>();

  constructor(options: SendRateLimiterOptions) {
    this.store = options.store;
    this.platforms = new Map(Object.entries(options.platforms));
    for (const [name, limits] of this.platforms) assertValidLimits(name, limits);
  }

  /**
   * Atomically reserve a send slot for one chat, or say when to try again. A refusal consumes
   * nothing. Checks, in order: chat block, chat window, the platform's window and spacing, platform block.
   */
  async reserve(options: ReserveOptions): Promise<ReserveResult> {
    const limits = this.limitsOf(options.platform);
    const window = limits.chatWindows[options.chatKind];
    const botWindow = options.window === "paid" ? limits.paid : limits.platform;
    if (!botWindow) throw new Error(`SendRateLimiter: no paid window for platform "${options.platform}"`);
    const reply = await this.store.reserve({
      platform: options.platform,
      window: options.window ?? "regular",
      chatKey: options.chatKey,
      platformMax: botWindow.max,
      platformWindowUs: Math.ceil((botWindow.windowMs + WINDOW_MARGIN_MS) * 1000),
      spacingUs: Math.ceil(botWindow.minSpacingMs * 1000),
      inFlightUs: IN_FLIGHT_MS * 1000,
      chatWindowUs: Math.ceil(window.windowMs * 1000),
      chatMax: window.max,
      maxAheadUs: Math.max(0, Math.floor(options.maxAheadMs * 1000)),
    });
    const result = toReserveResult(reply, options);
    this.clock.observe(result.nowMs, Date.now());
    if (!result.ok) return result;
    return { ...result, sendAtLocalMs: this.clock.toLocal(result.sendAtMs) };
  }

  /** Refuse every send to one chat for `ms` (e.g. after a 429 with `retry_after` on that chat). */
  async blockChat(options: { platform: string; chatKey: string; ms: number }): Promise<void> {
    this.limitsOf(options.platform);
    await this.store.block(options);
  }

  /** Grant no slot on the platform for `ms` (global pause, e.g. after a bot-wide 429). */
  async blockPlatform(options: { platform: string; ms: number }): Promise<void> {
    this.limitsOf(options.platform);
    await this.store.block({ platform: options.platform, ms: options.ms });
  }

  /**
   * The send of `slot` left at `sentAtLocalMs` and was answered (or failed) at `answeredAtLocalMs`,
   * on this process's clock: it reached the platform by then, so the sends a window later are
   * anchored on that moment rather than on the in-flight allowance.
   */
  async confirm(slot: GrantedSlot, times: { sentAtLocalMs: number; answeredAtLocalMs: number }): Promise<void> {
    this.limitsOf(slot.platform);
    const roundTripMs = times.answeredAtLocalMs - times.sentAtLocalMs;
    const negatedRoundTrips = this.negatedRoundTrips(slot.platform);
    negatedRoundTrips.observe(-roundTripMs, times.answeredAtLocalMs);
    const shortestRoundTripMs = -(negatedRoundTrips.get() ?? -roundTripMs);
    // The way back took at least half the shortest round trip: the send arrived before that.
    const arrivedByUs = Math.ceil(this.clock.toServer(times.answeredAtLocalMs - shortestRoundTripMs / 2) * 1000);
    await this.store.confirm({ platform: slot.platform, window: slot.window, slotUs: slot.atUs, arrivedByUs });
  }

  /**
   * Give back a slot whose send never started (its job woke too late to use it): it stops counting
   * in the platform's window and the chat's, so the time it held is caught up by later sends.
   */
  async release(slot: GrantedSlot): Promise<void> {
    this.limitsOf(slot.platform);
    await this.store.release({
      platform: slot.platform,
      window: slot.window,
      chatKey: slot.chatKey,
      slotUs: slot.atUs,
    });
  }

  /** Forget every slot and block under the store's prefix. Meant for tests. */
  async reset(): Promise<void> {
    await this.store.reset();
  }

  private negatedRoundTrips(platform: string): RecentMaximum {
    let negated = this.roundTrips.get(platform);
    if (!negated) {
      negated = new RecentMaximum(60_000);
      this.roundTrips.set(platform, negated);
    }
    return negated;
  }

  private limitsOf(platform: string): PlatformLimits {
    const limits = this.platforms.get(platform);
    if (limits === undefined) throw new Error(`SendRateLimiter: no limits for platform "${platform}"`);
    return limits;
  }
}

function assertValidLimits(platform: string, limits: PlatformLimits): void {
  const windows = Object.values(limits.chatWindows);
  const botWindows = limits.paid ? [limits.platform, limits.paid] : [limits.platform];
  const valid =
    botWindows.every((w) => w.minSpacingMs > 0) &&
    [...botWindows, ...windows].every((w) => Number.isInteger(w.max) && w.max >= 1 && w.windowMs > 0);
  if (!valid) throw new Error(`SendRateLimiter: invalid limits for platform "${platform}"`);
}

/** A reply of the store, before its slot is put on this process's clock. */
type ReserveReply = Exclude<ReserveResult, { ok: true }> | Omit<Extract<ReserveResult, { ok: true }>, "sendAtLocalMs">;

function toReserveResult(reply: SlotReply, request: ReserveOptions): ReserveReply {
  const nowMs = Number(reply.nowUs) / 1000;
  if (reply.granted)
    return {
      ok: true,
      sendAtMs: Number(reply.slotUs) / 1000,
      nowMs,
      slot: {
        platform: request.platform,
        window: request.window ?? "regular",
        chatKey: request.chatKey,
        atUs: reply.slotUs,
      },
    };
  return { ok: false, retryInMs: Math.max(1, Math.ceil(Number(reply.retryUs) / 1000)), nowMs, reason: reply.reason };
}
