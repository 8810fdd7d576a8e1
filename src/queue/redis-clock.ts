import { RecentMaximum } from "./recent-maximum.js";

/**
 * Converts Redis server time (which the send limiter's slots are in) to this process's clock.
 *
 * `redisNow - localNow` cannot be read at the moment a reply is processed: the reply may have
 * waited in the event loop, so slots converted that way would shift later by that wait, and two
 * slots 31 ms apart in Redis could be slept to within a few ms of each other here. Each reply
 * gives a lower bound on the offset (`redisNow - receivedAt`, since the script ran before the reply
 * arrived); the largest bound among recent replies — the one that waited least — is the estimate.
 * Bounds older than two epochs are forgotten, so clock drift is followed.
 */
export class RedisClock {
  private readonly offsets: RecentMaximum;

  constructor(epochMs = 10_000) {
    this.offsets = new RecentMaximum(epochMs);
  }

  /** Records one reply: Redis read `redisNowMs` on its clock before we received it at `receivedAtMs`. */
  observe(redisNowMs: number, receivedAtMs: number): void {
    this.offsets.observe(redisNowMs - receivedAtMs, receivedAtMs);
  }

  /** Redis time `redisMs` on this process's clock (ms since the epoch): never before the true moment. */
  toLocal(redisMs: number): number {
    return redisMs - (this.offsets.get() ?? 0);
  }

  /** This process's time `localMs` on Redis' clock: never after the true moment (by the same error). */
  toRedis(localMs: number): number {
    return localMs + (this.offsets.get() ?? 0);
  }
}
