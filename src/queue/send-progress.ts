/**
 * The parts of a split message a delivery has already sent (issue 17): the sender records each part
 * as it goes, and a retry after a later part failed sends only the parts not yet sent.
 */
import type { Logger } from "pino";
import type { SendProgress } from "../core/ports.js";
import type { Db } from "../db/client.js";

export function sendProgressOf(input: {
  db: Db;
  logger: Logger;
  delivery: { id: bigint; partsSent: number; platformMessageId: string | null };
}): SendProgress {
  const { db, logger, delivery } = input;
  return {
    partsSent: delivery.partsSent,
    firstMessageId: delivery.platformMessageId ?? undefined,
    async recordPart({ partsSent, firstMessageId }) {
      try {
        await db.delivery.update({
          where: { id: delivery.id },
          data: { partsSent, platformMessageId: firstMessageId },
        });
      } catch (error) {
        // The part is out whatever happens here: at worst a retry sends it again.
        logger.warn(
          { err: error, event: "send_progress_unrecorded", delivery: delivery.id.toString(), partsSent },
          "could not record a sent part",
        );
      }
    },
  };
}
