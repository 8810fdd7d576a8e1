/**
 * The send limiter's state in Redis: one atomic Lua script per operation (rate-limiter.lua.ts),
 * reading Redis' clock so that every machine agrees on "now".
 *
 * Key layout (one Redis, no cluster; every key expires once idle):
 * - `${prefix}:rl:${platform}:sent` — ZSET of the last two windows' slots (member: slot µs, Redis
 *   time; score: when the send reached the platform at the latest)
 * - `${prefix}:rl:${platform}:newest` — string, the newest slot (µs), for the minimum spacing
 * - `${prefix}:rl:${platform}:paid:sent`, `…:paid:newest` — the same for the paid window (send-slot-store.ts)
 * - `${prefix}:rl:${platform}:block` — string, platform blocked until (µs), PX = block length
 * - `${prefix}:rl:${platform}:chatlog:${chatKey}` — ZSET of granted slot times (score µs)
 * - `${prefix}:rl:${platform}:chatblock:${chatKey}` — string, chat blocked until (µs)
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { blockLua, confirmLua, releaseLua, reserveLua } from "./rate-limiter.lua.js";
import { refusalReasons, reserveLimits } from "./send-slot-store.js";
import type { SendSlotStore, SendWindow, SlotReply, SlotRequest } from "./send-slot-store.js";

export class RedisSendSlotStore implements SendSlotStore {
  /** `prefix`: every key starts with `${prefix}:rl:`. */
  constructor(private readonly options: { redis: Redis; prefix: string }) {}

  async reserve(request: SlotRequest): Promise<SlotReply> {
    const base = this.base(request.platform);
    const window = this.windowBase(request.platform, request.window);
    const reply = await this.run(
      reserveScript,
      [
        `${window}:sent`,
        `${base}:block`,
        `${base}:chatlog:${request.chatKey}`,
        `${base}:chatblock:${request.chatKey}`,
        `${window}:newest`,
      ],
      reserveLimits(request),
    );
    return parseReserveReply(reply);
  }

  async confirm(input: { platform: string; window: SendWindow; slotUs: string; arrivedByUs: number }): Promise<void> {
    const window = this.windowBase(input.platform, input.window);
    await this.run(confirmScript, [`${window}:sent`], [input.slotUs, input.arrivedByUs]);
  }

  async release(input: { platform: string; window: SendWindow; chatKey: string; slotUs: string }): Promise<void> {
    const base = this.base(input.platform);
    const window = this.windowBase(input.platform, input.window);
    await this.run(
      releaseScript,
      [`${window}:sent`, `${base}:chatlog:${input.chatKey}`, `${window}:newest`],
      [input.slotUs],
    );
  }

  async block(input: { platform: string; chatKey?: string; ms: number }): Promise<void> {
    const base = this.base(input.platform);
    const key = input.chatKey === undefined ? `${base}:block` : `${base}:chatblock:${input.chatKey}`;
    await this.run(blockScript, [key], [Math.max(1, Math.ceil(input.ms))]);
  }

  /** Deletes every limiter key under the prefix (SCAN + UNLINK). */
  async reset(): Promise<void> {
    const { redis, prefix } = this.options;
    const pattern = `${escapeGlob(prefix)}:rl:*`;
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== "0");
  }

  private base(platform: string): string {
    return `${this.options.prefix}:rl:${platform}`;
  }

  /** Where a bot-wide window's send log and newest slot are: the regular one keeps the old keys. */
  private windowBase(platform: string, window: SendWindow): string {
    return window === "regular" ? this.base(platform) : `${this.base(platform)}:${window}`;
  }

  /** EVALSHA, falling back to EVAL (which also caches the script) after a Redis restart or flush. */
  private async run(script: LuaScript, keys: string[], args: (number | string)[]): Promise<unknown> {
    const { redis } = this.options;
    try {
      return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return await redis.eval(script.source, keys.length, ...keys, ...args);
    }
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, "\\$&");
}

/** `{1, slotUs, nowUs}` or `{0, retryUs, nowUs, reason}`, numbers as strings (see rate-limiter.lua.ts). */
function parseReserveReply(reply: unknown): SlotReply {
  if (Array.isArray(reply)) {
    const [flag, value, now, reason] = reply as unknown[];
    if (typeof value === "string" && typeof now === "string" && /^-?\d+$/.test(value) && /^\d+$/.test(now)) {
      if (flag === 1) return { granted: true, slotUs: value, nowUs: now };
      const known = refusalReasons.find((r) => r === reason);
      if (flag === 0 && known !== undefined) return { granted: false, retryUs: value, nowUs: now, reason: known };
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
