/** Marks alerts past their expiry as expired (run periodically by the scheduler role). */
import type { AlertDeps } from "./deps.js";

export async function expireAlerts(deps: Pick<AlertDeps, "alerts" | "clock">): Promise<number[]> {
  return deps.alerts.expireDue(deps.clock.now());
}
