/** Bare `/huykeng` and `/ketthuc`: the officer's alerts still in force, as buttons (`kx:…`, see pick-alert.ts). */
import type { RequestContext } from "../../core/commands.js";
import { raw, t } from "../../core/text.js";
import { alertId } from "./alert-message.js";
import type { AlertDeps } from "./deps.js";

export const PICK_ALERT_PREFIX = "kx";
const MAX_LISTED = 10;

const label = (alert: { id: number; areaName: string; text: string }) =>
  raw(`${alertId(alert.id)} · ${alert.areaName} · ${alert.text.replace(/\s+/g, " ").slice(0, 40)}`);

export async function listActiveAlerts(input: {
  ctx: RequestContext;
  deps: AlertDeps;
  kind: "cancel" | "resolve";
}): Promise<void> {
  const { ctx, deps, kind } = input;
  const mine = await deps.alerts.sentBy({ userId: ctx.user.id, activeAt: deps.clock.now(), take: MAX_LISTED });
  if (mine.length === 0) return ctx.reply(t(`alerts:pick.none`));
  const code = kind === "cancel" ? "c" : "r";
  await ctx.reply(t(`alerts:pick.${kind}`), {
    buttons: mine.map((alert) => [{ text: label(alert), callback: `${PICK_ALERT_PREFIX}:${code}:${alert.id}` }]),
  });
}
