import { RecentMaximum } from "./recent-maximum.js";

/**
 * Converts the shared store's clock (Redis or PostgreSQL server time, which the send limiter's
 * slots are in) to this process's clock.
 *
 * `serverNow - localNow` cannot be read at the moment a reply is processed: the reply may have
 * waited in the event loop, so slots converted that way would shift later by that wait, and two
 * slots 31 ms apart on the server could be slept to within a few ms of each other here. Each reply
 * gives a lower bound on the offset (`serverNow - receivedAt`, since the statement ran before the reply
 * arrived); the largest bound among recent replies — the one that waited least — is the estimate.
 * Bounds older than two epochs are forgotten, so clock drift is followed.
 */
export class ServerClock {
  private readonly offsets: RecentMaximum;

  constructor(epochMs = 10_000) {
    this.offsets = new RecentMaximum(epochMs);
  }

  /** Records one reply: the server read `serverNowMs` on its clock before we received it at `receivedAtMs`. */
  observe(serverNowMs: number, receivedAtMs: number): void {
    this.offsets.observe(serverNowMs - receivedAtMs, receivedAtMs);
  }

  /** Server time `serverMs` on this process's clock (ms since the epoch): never before the true moment. */
  toLocal(serverMs: number): number {
    return serverMs - (this.offsets.get() ?? 0);
  }

  /** This process's time `localMs` on the server's clock: never after the true moment (by the same error). */
  toServer(localMs: number): number {
    return localMs + (this.offsets.get() ?? 0);
  }
}
