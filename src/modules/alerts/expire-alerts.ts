/** Marks alerts past their expiry as expired (run periodically by the scheduler role). */
import type { AlertDeps } from "./deps.js";
import type { AlertEnding } from "./types.js";

export async function expireAlerts(
  deps: Pick<AlertDeps, "clock"> & { readonly alerts: Pick<AlertEnding, "expireDue"> },
): Promise<number[]> {
  return deps.alerts.expireDue(deps.clock.now());
}
