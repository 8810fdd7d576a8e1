/**
 * `deliveries resend`: runs the reconciler once, queueing every pending delivery that is due, in the
 * queue store the configuration names (Redis with REDIS_URL, else PostgreSQL alone).
 */
import pino from "pino";
import { openCoordination } from "../app/infrastructure.js";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import type { Sql } from "../db/sql.js";
import { createDeliverQueue } from "../queue/deliver-queue.js";
import { DeliveryReconciler } from "../queue/reconciler.js";

/** Returns how many pending deliveries were offered to the queue (those already queued stay once). */
export async function resendDeliveries(database: { db: Db; sql: Sql; url: string }, config: Config): Promise<number> {
  const logger = pino({ level: "silent" });
  const coordination = await openCoordination(config, { databaseUrl: database.url, sql: database.sql, logger });
  const queue = createDeliverQueue(coordination.queues);
  try {
    return await new DeliveryReconciler({ db: database.db, queue }).reconcile();
  } finally {
    await queue.close();
    await coordination.close();
  }
}
