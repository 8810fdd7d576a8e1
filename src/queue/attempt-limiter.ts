/** Fixed-window attempt counters in Redis (INCR + PEXPIRE), under the deployment's key prefix. */
import type { Redis } from "ioredis";
import type { AttemptLimiter } from "../core/ports.js";

export class RedisAttemptLimiter implements AttemptLimiter {
  constructor(private readonly options: { redis: Redis; prefix: string }) {}

  async hit(options: {
    key: string;
    max: number;
    windowSeconds: number;
  }): Promise<{ allowed: boolean; count: number; retryInSeconds: number }> {
    const key = `${this.options.prefix}:attempts:${options.key}`;
    const results = await this.options.redis
      .multi()
      .incr(key)
      .pexpire(key, options.windowSeconds * 1000, "NX")
      .pttl(key)
      .exec();
    const count = Number(results?.[0]?.[1] ?? 0);
    const ttlMs = Number(results?.[2]?.[1] ?? options.windowSeconds * 1000);
    return { allowed: count <= options.max, count, retryInSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
  }
}
