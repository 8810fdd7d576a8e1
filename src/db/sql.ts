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
export function createPool(databaseUrl: string, size: number): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl, max: size });
}
