/**
 * Job `forward`: a received tip goes to the officers who handle its area, the tipster hears it was
 * passed on, and its escalation is scheduled. Safe to run again: every send has a deterministic key
 * and the status moves only from `received`.
 */
import type { TipDeps } from "./deps.js";
import { findHandlers } from "./find-handlers.js";
import { findHelpHandlers } from "./help-request.js";
import { notifyTipster } from "./notify-tipster.js";
import { sendTipToOfficers } from "./officer-card.js";

export async function forwardTip(input: { deps: TipDeps; tipId: number }): Promise<void> {
  const { deps } = input;
  const tip = await deps.tips.findById(input.tipId);
  if (!tip || tip.status !== "received") return;
  // A help request goes to its school's counsellors and linked officers, never to the ward first.
  const handlers =
    tip.kind === "help"
      ? await findHelpHandlers({ deps, schoolId: tip.area.id })
      : await findHandlers({ deps, fromAreaId: tip.area.id });
  // Nobody to send it to yet: it stays `received` and the reconciler offers it again later.
  if (!handlers || handlers.officers.length === 0) return;

  await sendTipToOfficers({ deps, tip, officers: handlers.officers, level: 0 });
  // The deliver worker keeps a private chat's messages in order: this follows the receipt.
  await notifyTipster({ deps, tip, notice: "forwarded" });
  const escalateAt = handlers.canEscalate
    ? new Date(deps.clock.now().getTime() + deps.settings.escalateMinutes * 60_000)
    : null;
  const moved = await deps.tips.markForwarded({ id: tip.id, handlingAreaId: handlers.areaId, escalateAt });
  if (moved && escalateAt) await deps.queue.escalate({ tipId: tip.id, level: 0, at: escalateAt });
}
