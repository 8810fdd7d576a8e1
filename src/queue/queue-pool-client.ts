/**
 * The `pg` client under BullMQ's PostgreSQL backend. BullMQ waits before trying again only after
 * an error it knows as a lost connection (Redis's words, or its `ConnectionClosedError`); any
 * other error from a claim is tried again at once. PostgreSQL says "unavailable" in its own words
 * (a reset socket, an administrator's shutdown, a database that is gone), and a worker then looped
 * on its failing claim, a core busy and an error line per turn
 * (test/reliability/queue-database-gone.test.ts). This client says those errors in BullMQ's terms.
 */
import { ConnectionClosedError } from "bullmq";
import pg from "pg";
import { isDependencyOutage } from "../db/dependency-errors.js";

/** The database named in the URL does not exist (dropped, or not created yet). */
const DATABASE_MISSING = "3D000";

function inBullmqTerms(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof ConnectionClosedError) return error;
  const code = (error as { code?: unknown }).code;
  if (!isDependencyOutage(error) && code !== DATABASE_MISSING) return error;
  return new ConnectionClosedError(`PostgreSQL unavailable: ${error.message}`, error);
}

type Callback = (error: unknown, ...results: unknown[]) => void;

/** The same call with a node-style callback (the last argument) or a returned promise translated. */
function translated<A extends unknown[]>(call: (...args: A) => unknown, args: A): unknown {
  const last = args.at(-1);
  if (typeof last === "function") {
    const callback = last as Callback;
    const withCallback = [
      ...args.slice(0, -1),
      (error: unknown, ...results: unknown[]) => callback(error ? inBullmqTerms(error) : error, ...results),
    ] as unknown as A;
    return call(...withCallback);
  }
  const result = call(...args);
  return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(inBullmqTerms(error))) : result;
}

/** Passed to `pg.Pool` as its `Client`: connecting and querying report an outage as BullMQ expects. */
export class QueuePoolClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const connect = this.connect.bind(this) as (...args: unknown[]) => unknown;
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    Object.assign(this, {
      connect: (...args: unknown[]) => translated(connect, args),
      query: (...args: unknown[]) => translated(query, args),
    });
  }
}
