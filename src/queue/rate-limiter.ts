import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { RecentMaximum } from "./recent-maximum.js";
import { RedisClock } from "./redis-clock.js";
import { blockLua, confirmLua, releaseLua, reserveLua } from "./rate-limiter.lua.js";

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
  /** Sliding-window limit per chat, by chat kind; the window includes a margin for jitter. */
  chatWindows: Record<ChatKind, ChatWindow>;
}

/**
 * How the platform window is kept whatever the jitter on the way. Every send takes at least the
 * network's floor to arrive, so what matters is the delay above that floor: a send arrives no
 * sooner than its slot (plus the floor) and no later than its answer (minus the floor back). Once
 * answered, a send counts from its answer less half the shortest recent round trip (the way back
 * is assumed to take at least half of it); until then, from its slot plus IN_FLIGHT_MS. The margin
 * covers clock rounding between Redis and this process.
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

/** Why a reservation was refused. */
export type RefusalReason = "chat-blocked" | "chat-window" | "global-rate" | "platform-blocked";

/** Options of {@link SendRateLimiter.reserve}. */
export interface ReserveOptions {
  platform: string;
  /** Stable identifier of the chat on that platform (e.g. the Telegram chat id). */
  chatKey: string;
  chatKind: ChatKind;
  /** Refuse rather than grant a slot further than this in the future. */
  maxAheadMs: number;
}

/**
 * A granted slot or a refusal that consumed nothing (retry in `retryInMs`, ≥ 1). `sendAtMs` and
 * `nowMs` are Redis time; `sendAtLocalMs` is the slot on this process's clock: send at that moment.
 */
export type ReserveResult =
  | { ok: true; sendAtMs: number; nowMs: number; slot: GrantedSlot; sendAtLocalMs: number }
  | { ok: false; retryInMs: number; nowMs: number; reason: RefusalReason };

/** What {@link SendRateLimiter.release} needs to give a slot back: the exact slot as Redis holds it. */
export interface GrantedSlot {
  readonly platform: string;
  readonly chatKey: string;
  /** Redis time in µs, as a decimal string (exact; a float of ms would round it). */
  readonly atUs: string;
}

/** Dependencies and configuration of {@link SendRateLimiter}. */
export interface SendRateLimiterOptions {
  redis: Redis;
  /** Every key starts with `${prefix}:rl:`. */
  prefix: string;
  platforms: Record<string, PlatformLimits>;
}

const refusalReasons: readonly RefusalReason[] = [
  "chat-blocked",
  "chat-window",
  "global-rate",
  "platform-blocked",
];

/**
 * Redis-side send limiter shared by all deliver workers, in every process and on every machine.
 * BullMQ's own limiter throttles a whole queue, not a chat; this one grants each send a time slot
 * that respects both the bot-wide rate and the per-chat windows, in one atomic Lua script that
 * reads Redis' clock so that all machines agree on "now".
 *
 * Key layout (one Redis, no cluster; every key expires once idle):
 * - `${prefix}:rl:${platform}:sent` — ZSET of the last two windows' slots (member: slot µs, Redis
 *   time; score: when the send reached the platform at the latest)
 * - `${prefix}:rl:${platform}:newest` — string, the newest slot (µs), for the minimum spacing
 * - `${prefix}:rl:${platform}:block` — string, platform blocked until (µs), PX = block length
 * - `${prefix}:rl:${platform}:chatlog:${chatKey}` — ZSET of granted slot times (score µs)
 * - `${prefix}:rl:${platform}:chatblock:${chatKey}` — string, chat blocked until (µs)
 *
 * A slot that was granted but whose send failed still counts: the platform may have received it.
 * Only a slot whose send never started is given back ({@link SendRateLimiter.release}).
 */
export class SendRateLimiter {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly platforms: ReadonlyMap<string, PlatformLimits>;
  private readonly clock = new RedisClock();
  /** Per platform, recent round trips of sends, negated: their maximum is minus the shortest. */
  private readonly roundTrips = new Map<string, RecentMaximum>();

  constructor(options: SendRateLimiterOptions) {
    this.redis = options.redis;
    this.prefix = options.prefix;
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
    const base = this.platformKey(options.platform);
    const reply = await runScript({
      redis: this.redis,
      script: reserveScript,
      keys: [`${base}:sent`, `${base}:block`, `${base}:chatlog:${options.chatKey}`, `${base}:chatblock:${options.chatKey}`, `${base}:newest`],
      args: [
        limits.platform.max,
        Math.ceil((limits.platform.windowMs + WINDOW_MARGIN_MS) * 1000),
        Math.ceil(limits.platform.minSpacingMs * 1000),
        IN_FLIGHT_MS * 1000,
        Math.ceil(window.windowMs * 1000),
        window.max,
        Math.max(0, Math.floor(options.maxAheadMs * 1000)),
      ],
    });
    const result = parseReserveReply(reply, options);
    this.clock.observe(result.nowMs, Date.now());
    if (!result.ok) return result;
    return { ...result, sendAtLocalMs: this.clock.toLocal(result.sendAtMs) };
  }

  /** Refuse every send to one chat for `ms` (e.g. after a 429 with `retry_after` on that chat). */
  async blockChat(options: { platform: string; chatKey: string; ms: number }): Promise<void> {
    this.limitsOf(options.platform);
    const key = `${this.platformKey(options.platform)}:chatblock:${options.chatKey}`;
    await runScript({ redis: this.redis, script: blockScript, keys: [key], args: [Math.max(1, Math.ceil(options.ms))] });
  }

  /** Grant no slot on the platform for `ms` (global pause, e.g. after a bot-wide 429). */
  async blockPlatform(options: { platform: string; ms: number }): Promise<void> {
    this.limitsOf(options.platform);
    const key = `${this.platformKey(options.platform)}:block`;
    await runScript({ redis: this.redis, script: blockScript, keys: [key], args: [Math.max(1, Math.ceil(options.ms))] });
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
    const arrivedByUs = Math.ceil(this.clock.toRedis(times.answeredAtLocalMs - shortestRoundTripMs / 2) * 1000);
    await runScript({ redis: this.redis, script: confirmScript, keys: [`${this.platformKey(slot.platform)}:sent`], args: [slot.atUs, arrivedByUs] });
  }

  /**
   * Give back a slot whose send never started (its job woke too late to use it): it stops counting
   * in the platform's window and the chat's, so the time it held is caught up by later sends.
   */
  async release(slot: GrantedSlot): Promise<void> {
    this.limitsOf(slot.platform);
    const base = this.platformKey(slot.platform);
    await runScript({ redis: this.redis, script: releaseScript, keys: [`${base}:sent`, `${base}:chatlog:${slot.chatKey}`, `${base}:newest`], args: [slot.atUs] });
  }

  /** Delete every limiter key under the prefix (SCAN + UNLINK). Meant for tests. */
  async reset(): Promise<void> {
    const pattern = `${escapeGlob(this.prefix)}:rl:*`;
    let cursor = "0";
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
      if (keys.length > 0) await this.redis.unlink(...keys);
      cursor = next;
    } while (cursor !== "0");
  }

  private negatedRoundTrips(platform: string): RecentMaximum {
    let negated = this.roundTrips.get(platform);
    if (!negated) {
      negated = new RecentMaximum(60_000);
      this.roundTrips.set(platform, negated);
    }
    return negated;
  }

  private platformKey(platform: string): string {
    return `${this.prefix}:rl:${platform}`;
  }

  private limitsOf(platform: string): PlatformLimits {
    const limits = this.platforms.get(platform);
    if (limits === undefined) throw new Error(`SendRateLimiter: no limits for platform "${platform}"`);
    return limits;
  }
}

function assertValidLimits(platform: string, limits: PlatformLimits): void {
  const windows = Object.values(limits.chatWindows);
  const valid =
    limits.platform.minSpacingMs > 0 &&
    [limits.platform, ...windows].every((w) => Number.isInteger(w.max) && w.max >= 1 && w.windowMs > 0);
  if (!valid) throw new Error(`SendRateLimiter: invalid limits for platform "${platform}"`);
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, "\\$&");
}

/** A reply of the reserve script, before its slot is put on this process's clock. */
type ReserveReply = Exclude<ReserveResult, { ok: true }> | Omit<Extract<ReserveResult, { ok: true }>, "sendAtLocalMs">;

function parseReserveReply(reply: unknown, request: ReserveOptions): ReserveReply {
  if (Array.isArray(reply)) {
    const [flag, value, now, reason] = reply as unknown[];
    const valueUs = Number(value);
    const nowUs = Number(now);
    if (Number.isFinite(valueUs) && Number.isFinite(nowUs)) {
      if (flag === 1) return { ok: true, sendAtMs: valueUs / 1000, nowMs: nowUs / 1000, slot: { platform: request.platform, chatKey: request.chatKey, atUs: String(value) } };
      const known = refusalReasons.find((r) => r === reason);
      if (flag === 0 && known !== undefined) {
        return { ok: false, retryInMs: Math.max(1, Math.ceil(valueUs / 1000)), nowMs: nowUs / 1000, reason: known };
      }
    }
  }
  throw new Error(`SendRateLimiter: unexpected reply from reserve script: ${JSON.stringify(reply)}`);
}

interface LuaScript {
  source: string;
  sha: string;
}

function defineScript(source: string): LuaScript {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

const reserveScript = defineScript(reserveLua);
const blockScript = defineScript(blockLua);
const releaseScript = defineScript(releaseLua);
const confirmScript = defineScript(confirmLua);

/** EVALSHA, falling back to EVAL (which also caches the script) after a Redis restart or flush. */
async function runScript(options: {
  redis: Redis;
  script: LuaScript;
  keys: string[];
  args: (number | string)[];
}): Promise<unknown> {
  const { redis, script, keys, args } = options;
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
    return await redis.eval(script.source, keys.length, ...keys, ...args);
  }
}
