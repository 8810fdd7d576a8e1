/**
 * The largest value seen lately: over the current epoch and the one before, so a value older than
 * two epochs is forgotten and a drifting quantity is followed.
 */
export class RecentMaximum {
  private current = -Infinity;
  private previous = -Infinity;
  private epochStartedAt = -Infinity;

  constructor(private readonly epochMs = 10_000) {}

  observe(value: number, atMs: number): void {
    if (atMs - this.epochStartedAt >= this.epochMs) {
      this.previous = this.current;
      this.current = -Infinity;
      this.epochStartedAt = atMs;
    }
    this.current = Math.max(this.current, value);
  }

  /** The maximum, or undefined before the first value. */
  get(): number | undefined {
    const max = Math.max(this.current, this.previous);
    return Number.isFinite(max) ? max : undefined;
  }
}
