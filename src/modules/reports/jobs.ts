/** The scheduler's claims (ScheduledClaims) in Redis: `SET NX PX` under the deployment's key prefix (claims-repo.ts: the same in PostgreSQL). */
import type { Redis } from "ioredis";
import type { ScheduledClaims } from "./types.js";

export class RedisScheduledClaims implements ScheduledClaims {
  constructor(private readonly options: { redis: Redis; prefix: string }) {}

  private key(name: string): string {
    return `${this.options.prefix}:scheduled:${name}`;
  }

  async claim(name: string, ttlMs: number): Promise<boolean> {
    return (
      (await this.options.redis.set(this.key(name), "claimed", "PX", Math.max(1, Math.round(ttlMs)), "NX")) === "OK"
    );
  }

  async hold(name: string, ttlMs: number): Promise<void> {
    await this.options.redis.set(this.key(name), "done", "PX", Math.max(1, Math.round(ttlMs)));
  }
}
