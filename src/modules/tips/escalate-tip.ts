/**
 * Job `escalate`: a tip nobody took within TIP_ESCALATE_MINUTES goes to the officers one level up
 * (the nearest ancestor of the handling area that has officers), and waits again — up to the top.
 */
import type { TipDeps } from "./deps.js";
import { findHandlers } from "./find-handlers.js";
import { sendTipToOfficers } from "./officer-card.js";

export async function escalateTip(input: { deps: TipDeps; tipId: number; level: number }): Promise<void> {
  const { deps, level } = input;
  const tip = await deps.tips.findById(input.tipId);
  if (!tip || tip.status !== "forwarded" || tip.escalationLevel !== level || !tip.escalateAt) return;
  // Early (clocks of two machines disagree): the reconciler offers it again once it is due.
  if (tip.escalateAt.getTime() > deps.clock.now().getTime() + 1000) return;

  const handling = (await deps.officers.areaChain(tip.handlingAreaId))[0];
  const handlers = handling?.parentId ? await findHandlers({ deps, fromAreaId: handling.parentId }) : null;
  if (!handlers || handlers.officers.length === 0) {
    await deps.tips.stopEscalating({ id: tip.id, level });
    return;
  }
  await sendTipToOfficers({ deps, tip, officers: handlers.officers, level: level + 1 });
  const escalateAt = handlers.canEscalate
    ? new Date(deps.clock.now().getTime() + deps.settings.escalateMinutes * 60_000)
    : null;
  const moved = await deps.tips.escalate({ id: tip.id, fromLevel: level, handlingAreaId: handlers.areaId, escalateAt });
  if (moved)
    await deps.audit.record({
      action: "tip.escalate",
      areaId: handlers.areaId,
      subject: tip.code,
      details: { level: level + 1 },
    });
  if (moved && escalateAt) await deps.queue.escalate({ tipId: tip.id, level: level + 1, at: escalateAt });
}
