/** The console's alerts list: active alerts of the person's areas and the ones they sent, newest first. */
import type { AlertDeps } from "../alerts/deps.js";
import type { AlertRecord } from "../alerts/types.js";
import type { ConsoleSessionRecord } from "./types.js";

export async function listConsoleAlerts(input: {
  deps: AlertDeps;
  session: ConsoleSessionRecord;
}): Promise<AlertRecord[]> {
  const { deps, session } = input;
  const [active, sent] = await Promise.all([
    deps.alerts.active(deps.clock.now()),
    deps.alerts.sentBy({ userId: session.user.id, take: 20 }),
  ]);
  const byId = new Map([...active, ...sent].map((a) => [a.id, a]));
  const mine: AlertRecord[] = [];
  for (const alert of byId.values())
    if (await deps.access.holds(session.user, "officer", alert.areaCode)) mine.push(alert);
  return mine.sort((a, b) => b.id - a.id);
}
