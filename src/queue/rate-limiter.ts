import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { blockLua, lateLua, reserveLua } from "./rate-limiter.lua.js";

/** Kind of chat, which decides the per-chat window that applies. */
export type ChatKind = "group" | "private";

/** At most `max` sends in any `windowMs` window, for one chat. */
export interface ChatWindow {
  max: number;
  windowMs: number;
}

/** Send limits of one platform, shared by every worker process. */
export interface PlatformLimits {
  /**
   * Minimum spacing between two sends of the bot, all chats together. Smooth spacing (no burst)
   * keeps every 1 s window under the platform's per-second cap even with a few ms of jitter.
   */
  globalIntervalMs: number;
  /** Sliding-window limit per chat, by chat kind; the window includes a margin for jitter. */
  chatWindows: Record<ChatKind, ChatWindow>;
}

/**
 * Telegram: ≈30 msg/s per bot, 20 msg/min per group, ~1 msg/s per private chat.
 * 28.8/s is 96 % of the ceiling: 31 sends span 30 × 34.7 ms ≈ 1042 ms, so no 1 s window can
 * hold 31 even when arrival jitters by ±20 ms; sends that go out later than that are reported with
 * `reportLate`, which moves the following slots back. The +300 ms on chat windows does the same for the
 * per-chat limits, measured by Telegram at arrival, not at the moment we granted the slot.
 */
export const telegramLimits: PlatformLimits = {
  globalIntervalMs: 1000 / 28.8,
  chatWindows: {
    group: { max: 20, windowMs: 60_000 + 300 },
    private: { max: 1, windowMs: 1000 + 300 },
  },
};

/**
 * Zalo publishes no limits: 20 msg/s overall and Telegram-like per-chat windows are a cautious
 * guess that still lets an alert reach 1,000 groups in under a minute.
 */
export const zaloLimits: PlatformLimits = {
  globalIntervalMs: 1000 / 20,
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
 * A granted slot (`sendAtMs`, Redis time; sleep `sendAtMs - nowMs` before sending) or a refusal
 * that consumed nothing (retry in `retryInMs`, ≥ 1).
 */
export type ReserveResult =
  | { ok: true; sendAtMs: number; nowMs: number }
  | { ok: false; retryInMs: number; nowMs: number; reason: RefusalReason };

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
 * - `${prefix}:rl:${platform}:next` — string, next free global slot (µs, Redis time)
 * - `${prefix}:rl:${platform}:block` — string, platform blocked until (µs), PX = block length
 * - `${prefix}:rl:${platform}:chatlog:${chatKey}` — ZSET of granted slot times (score µs)
 * - `${prefix}:rl:${platform}:chatblock:${chatKey}` — string, chat blocked until (µs)
 *
 * A slot that was granted but whose send failed still counts: the platform may have received it.
 */
export class SendRateLimiter {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly platforms: ReadonlyMap<string, PlatformLimits>;

  constructor(options: SendRateLimiterOptions) {
    this.redis = options.redis;
    this.prefix = options.prefix;
    this.platforms = new Map(Object.entries(options.platforms));
    for (const [name, limits] of this.platforms) assertValidLimits(name, limits);
  }

  /**
   * Atomically reserve a send slot for one chat, or say when to try again. A refusal consumes
   * nothing. Checks, in order: chat block, chat window, global spacing and platform block.
   */
  async reserve(options: ReserveOptions): Promise<ReserveResult> {
    const limits = this.limitsOf(options.platform);
    const window = limits.chatWindows[options.chatKind];
    const base = this.platformKey(options.platform);
    const reply = await runScript({
      redis: this.redis,
      script: reserveScript,
      keys: [`${base}:next`, `${base}:block`, `${base}:chatlog:${options.chatKey}`, `${base}:chatblock:${options.chatKey}`],
      args: [
        Math.ceil(limits.globalIntervalMs * 1000),
        Math.ceil(window.windowMs * 1000),
        window.max,
        Math.max(0, Math.floor(options.maxAheadMs * 1000)),
      ],
    });
    return parseReserveReply(reply);
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
   * Report that a granted send went out `lateMs` after its slot. Later slots move back by as much,
   * so no window of the platform's measure holds more sends than allowed, whatever the jitter.
   */
  async reportLate(options: { platform: string; lateMs: number }): Promise<void> {
    const limits = this.limitsOf(options.platform);
    const key = `${this.platformKey(options.platform)}:next`;
    await runScript({
      redis: this.redis,
      script: lateScript,
      keys: [key],
      args: [Math.max(0, Math.ceil(options.lateMs * 1000)), Math.ceil(limits.globalIntervalMs * 1000)],
    });
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
    limits.globalIntervalMs > 0 &&
    windows.every((w) => Number.isInteger(w.max) && w.max >= 1 && w.windowMs > 0);
  if (!valid) throw new Error(`SendRateLimiter: invalid limits for platform "${platform}"`);
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, "\\$&");
}

function parseReserveReply(reply: unknown): ReserveResult {
  if (Array.isArray(reply)) {
    const [flag, value, now, reason] = reply as unknown[];
    const valueUs = Number(value);
    const nowUs = Number(now);
    if (Number.isFinite(valueUs) && Number.isFinite(nowUs)) {
      if (flag === 1) return { ok: true, sendAtMs: valueUs / 1000, nowMs: nowUs / 1000 };
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
const lateScript = defineScript(lateLua);

/** EVALSHA, falling back to EVAL (which also caches the script) after a Redis restart or flush. */
async function runScript(options: {
  redis: Redis;
  script: LuaScript;
  keys: string[];
  args: number[];
}): Promise<unknown> {
  const { redis, script, keys, args } = options;
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
    return await redis.eval(script.source, keys.length, ...keys, ...args);
  }
}
