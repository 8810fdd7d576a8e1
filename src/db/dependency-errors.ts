/**
 * Tells a dependency outage (Postgres or Redis unreachable, a connection cut mid-query) from every
 * other failure. An outage is worth waiting out: the same work succeeds once the server is back.
 * Errors are recognised by shape, not by class, so this file needs neither client library.
 */
import { DependencyUnavailableError } from "../core/errors.js";

/** Prisma: can't reach / timed out / server closed the connection / pool timeout. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** Driver-adapter error kinds (Prisma with @prisma/adapter-pg) that mean "no usable connection". */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "TooManyConnections",
  "SocketTimeout",
  "TlsConnectionError",
]);
/** Node socket errors (pg, ioredis). */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
/** Postgres SQLSTATEs (plain `pg` queries): connection failures, server shutting down or starting. */
const SQLSTATES = new Set(["08000", "08003", "08006", "08001", "08004", "57P01", "57P02", "57P03"]);
/** pg and ioredis say it in words only. */
const MESSAGES =
  /Connection terminated|Connection is closed|Server has closed the connection|Can't reach database server|MaxRetriesPerRequest|Stream isn't writeable/i;

interface ErrorShape {
  code?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
  message?: unknown;
  cause?: unknown;
}

/** True when `error` (or one of its causes) says Postgres or Redis could not be reached. */
export function isDependencyOutage(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    if (current instanceof DependencyUnavailableError) return true;
    const shape = current as ErrorShape;
    if (
      typeof shape.code === "string" &&
      (PRISMA_CODES.has(shape.code) || SOCKET_CODES.has(shape.code) || SQLSTATES.has(shape.code))
    )
      return true;
    const kind = shape.meta?.driverAdapterError?.cause?.kind;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    if (typeof shape.message === "string" && MESSAGES.test(shape.message)) return true;
    current = shape.cause;
  }
  return false;
}
