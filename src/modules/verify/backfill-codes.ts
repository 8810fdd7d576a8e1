/**
 * Writes the codes of messages signed before codes were stored (run at start-up by the scheduler
 * role). Which key signed an old message is not known, so it gets a row under every known key, with
 * its area as it is now (the best known); idempotent (only messages with no row at all are read), in bounded batches.
 */
import type { MessageSigner } from "../../core/verification.js";
import type { CodeBackfillStore } from "./types.js";

const BATCH = 500;

/** Returns how many messages got their codes. */
export async function backfillCodes(deps: { store: CodeBackfillStore; signer: MessageSigner }): Promise<number> {
  let done = 0;
  for (const kind of ["alert", "closure", "campaign"] as const) {
    let afterId = 0;
    for (;;) {
      const batch = await deps.store.unrecorded({ kind, afterId, limit: BATCH });
      await deps.store.record(
        batch.flatMap((message) => deps.signer.codesUnderEveryKey(message.content, message.area)),
      );
      done += batch.length;
      const last = batch.at(-1);
      if (!last || batch.length < BATCH) break;
      afterId = last.content.refId;
    }
  }
  return done;
}
