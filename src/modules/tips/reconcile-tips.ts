/**
 * The tips reconciler, run on start and every ~30 s (DESIGN.md §1): re-adds forwarding for tips
 * still `received` and escalation for untaken tips that are (nearly) due — BullMQ ignores ids it
 * already holds, so repeating is harmless — and ends expired guided flows, telling the author of an
 * expired tip draft that nothing was sent. What the retention
 * period says must go is destroyed by the retention sweep (src/modules/retention/apply-retention.ts).
 */
import { announceExpiredDrafts } from "./announce-expired-drafts.js";
import type { TipDeps } from "./deps.js";
import type { TipRouting } from "./types.js";

const BATCH = 500;
/** Escalations due this soon are added now, as delayed jobs. */
const LOOKAHEAD_MS = 60_000;

export async function reconcileTips(
  deps: Pick<TipDeps, "queue" | "flows" | "clock" | "settings" | "outbox"> & { readonly tips: TipRouting },
): Promise<{ forwards: number; escalations: number }> {
  const now = deps.clock.now();
  const waiting = await deps.tips.awaitingForward(BATCH);
  for (const tipId of waiting) await deps.queue.forward(tipId);
  const due = await deps.tips.dueEscalations(new Date(now.getTime() + LOOKAHEAD_MS), BATCH);
  for (const tip of due) await deps.queue.escalate({ tipId: tip.id, level: tip.level, at: tip.at });
  await announceExpiredDrafts({ deps, expired: await deps.flows.purgeExpired(now) });
  return { forwards: waiting.length, escalations: due.length };
}
