/** Builds Prisma clients; there is no module-level singleton, the composition root owns the client. */
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "../generated/prisma/client.js";
import { createPool } from "./sql.js";

export type Db = PrismaClient;
export { Prisma } from "../generated/prisma/client.js";

/**
 * Prisma's defaults give an interactive transaction 2 s to get a connection and 5 s to finish. A
 * burst (an acknowledgement wave, a tipster's follow-ups on a busy machine) then fails a person's
 * message with "system error" while the pool is merely busy; waiting longer loses nothing.
 */
const transactionOptions = { maxWait: 15_000, timeout: 30_000 } as const;

/** A Prisma client on its own pool. */
export function createDb(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  return new PrismaClient({ adapter, transactionOptions });
}

/**
 * Connections kept for recording that a message went out. Between a send's answer and its record,
 * a killed process forgets the send and the message goes out again after the restart; behind an
 * inbound burst that waited for the shared pool up to seconds (test/reliability/process-kill-inbound).
 */
const SEND_RECORD_POOL_SIZE = 2;

/**
 * A Prisma client and the `pg` pool under it, for code that also runs plain SQL (see sql.ts), and a
 * small pool of its own for recording sends (opened on first use). `close` ends them all.
 */
export function createDatabase(
  databaseUrl: string,
  options: { poolSize: number; onIdleError?: (error: Error) => void },
): { db: Db; pool: pg.Pool; sendRecords: pg.Pool; close: () => Promise<void> } {
  const pool = createPool(databaseUrl, options.poolSize, options.onIdleError);
  const sendRecords = createPool(databaseUrl, SEND_RECORD_POOL_SIZE, options.onIdleError);
  const db = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions });
  return {
    db,
    pool,
    sendRecords,
    close: async () => {
      await db.$disconnect();
      await Promise.all([pool.end(), sendRecords.end()]);
    },
  };
}
