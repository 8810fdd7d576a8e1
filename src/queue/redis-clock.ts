/**
 * Converts Redis server time (which the send limiter's slots are in) to this process's clock.
 *
 * `redisNow - localNow` cannot be read at the moment a reply is processed: the reply may have
 * waited in the event loop, so slots converted that way would shift later by that wait, and two
 * slots 28 ms apart in Redis could be slept to within a few ms of each other here. Each reply
 * gives a lower bound on the offset (`redisNow - receivedAt`, since the script ran before the reply
 * arrived); the largest bound among recent replies — the one that waited least — is the estimate.
 * Bounds older than two epochs are forgotten, so clock drift is followed.
 */
export class RedisClock {
  private current = -Infinity;
  private previous = -Infinity;
  private epochStartedAt = 0;

  constructor(private readonly epochMs = 10_000) {}

  /** Records one reply: Redis read `redisNowMs` on its clock before we received it at `receivedAtMs`. */
  observe(redisNowMs: number, receivedAtMs: number): void {
    if (receivedAtMs - this.epochStartedAt >= this.epochMs) {
      this.previous = this.current;
      this.current = -Infinity;
      this.epochStartedAt = receivedAtMs;
    }
    this.current = Math.max(this.current, redisNowMs - receivedAtMs);
  }

  /** Redis time `redisMs` on this process's clock (ms since the epoch): never before the true moment. */
  toLocal(redisMs: number): number {
    return redisMs - this.offset();
  }

  /** This process's time `localMs` on Redis' clock: never after the true moment (by the same error). */
  toRedis(localMs: number): number {
    return localMs + this.offset();
  }

  private offset(): number {
    const offset = Math.max(this.current, this.previous);
    return Number.isFinite(offset) ? offset : 0;
  }
}
