/**
 * Plain SQL on the pool Prisma itself uses, for the few statements on the inbound hot path (one
 * round trip and ~0.1 ms of CPU, where a Prisma upsert costs several round trips and 1–3 ms).
 */
import pg from "pg";

/** What the hot-path repositories need of a `pg.Pool`: one parameterised query. */
export interface Sql {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<Row>>;
}

/** A pool shared by Prisma (through its pg adapter) and the hot-path statements. */
export function createPool(databaseUrl: string, size: number, onIdleError?: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: size });
  // An idle connection that the server ends (a restart, a failover, a dropped database) is an
  // 'error' event on the pool, which would kill the process unheard: the pool discards the
  // connection and opens a new one for the next query, so it is only worth a log line.
  pool.on("error", (error) => onIdleError?.(error));
  return pool;
}
