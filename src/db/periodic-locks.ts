/**
 * One run at a time of each kind of periodic work, across every scheduler process on the database:
 * a session-level PostgreSQL advisory lock (`pg_try_advisory_lock`) held for the run. A process that
 * finds the lock taken skips its turn (another is doing that work now); a process that dies ends its
 * session, and PostgreSQL releases its locks with it.
 *
 * The locks live on one connection taken from the pool and kept: a lock belongs to the session that
 * took it, so it must be released on the same connection. If that connection is lost, PostgreSQL has
 * already dropped its locks; the next run takes a new connection.
 */
import type pg from "pg";

/** First key of every Kẻng advisory lock ("KENG"); the second is the hash of the kind's name. */
const LOCK_SPACE = 0x4b454e47;
/** Taking or releasing a lock answers in milliseconds; this long without an answer is a dead connection. */
const QUERY_TIMEOUT_MS = 15_000;

export class PgPeriodicLocks {
  private client: pg.PoolClient | undefined;
  private connecting: Promise<pg.PoolClient> | undefined;
  /** Kinds running in this process: a session's advisory locks are re-entrant, so it must not ask twice. */
  private readonly running = new Set<string>();
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly released = new WeakSet<pg.PoolClient>();

  constructor(private readonly options: { pool: pg.Pool; onConnectionLost?: (error: Error) => void }) {}

  /** Runs `task` unless this or another process is running `kind`; resolves with whether it ran. */
  async runAlone(kind: string, task: () => Promise<unknown>): Promise<boolean> {
    if (this.closed || this.running.has(kind)) return false;
    this.running.add(kind);
    try {
      const client = await this.connection();
      const taken = await this.query(client, "SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked", kind).catch(
        (error: unknown) => {
          this.discard(client);
          throw error;
        },
      );
      if (taken !== true) return false;
      try {
        await task();
      } finally {
        // A lost connection has lost the lock too: nothing to release then.
        await this.query(client, "SELECT pg_advisory_unlock($1, hashtext($2)) AS locked", kind).catch(() =>
          this.discard(client),
        );
      }
      return true;
    } finally {
      this.running.delete(kind);
      // Closed during the run: the pool cannot end while this connection is out.
      if (this.closed && this.client) this.discard(this.client);
    }
  }

  /** One statement at a time on the lock connection (several kinds may start or end together). */
  private query(client: pg.PoolClient, text: string, kind: string): Promise<boolean | undefined> {
    // A connection that went silent (no reset, no answer) must not stall every periodic task: the
    // query fails after a while, the connection is dropped and the next run opens another.
    const config: pg.QueryConfig & { query_timeout: number } = {
      text,
      values: [LOCK_SPACE, kind],
      query_timeout: QUERY_TIMEOUT_MS,
    };
    const result = this.queue.then(() => client.query<{ locked: boolean }>(config));
    this.queue = result.catch(() => undefined);
    return result.then((r) => r.rows[0]?.locked);
  }

  /** Closes the connection, which releases any lock still held. */
  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    if (this.client) this.discard(this.client);
  }

  private async connection(): Promise<pg.PoolClient> {
    if (this.client) return this.client;
    this.connecting ??= this.options.pool.connect().finally(() => (this.connecting = undefined));
    const client = await this.connecting;
    if (this.released.has(client)) return this.connection();
    if (this.client !== client) {
      this.client = client;
      // A checked-out client's 'error' (the server ended the session) would otherwise end the process.
      client.on("error", (error) => {
        this.options.onConnectionLost?.(error);
        this.discard(client);
      });
    }
    return client;
  }

  /** Destroys the connection (never back to the pool: its session may hold locks); the next run opens another. */
  private discard(client: pg.PoolClient): void {
    if (this.released.has(client)) return;
    this.released.add(client);
    if (this.client === client) this.client = undefined;
    client.release(true);
  }
}
