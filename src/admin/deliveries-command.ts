/** `deliveries resend`: runs the reconciler once, queueing every pending delivery that is due. */
import type { Db } from "../db/client.js";
import { createDeliverQueue } from "../queue/deliver-queue.js";
import { DeliveryReconciler } from "../queue/reconciler.js";
import { checkRedis, createRedis } from "../queue/redis.js";

/** Returns how many pending deliveries were offered to the queue (those already queued stay once). */
export async function resendDeliveries(db: Db, input: { redisUrl: string; prefix: string }): Promise<number> {
  await checkRedis(input.redisUrl);
  const redis = createRedis(input.redisUrl);
  const queue = createDeliverQueue(redis, input.prefix);
  try {
    return await new DeliveryReconciler({ db, queue }).reconcile();
  } finally {
    await queue.close();
    await redis.quit().catch(() => undefined);
  }
}
