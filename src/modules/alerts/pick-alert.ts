/**
 * Bare `/huykeng` and `/ketthuc`: the officer's alerts still in force, as buttons (`kx:…`). A pick
 * to cancel asks for confirmation; a pick to resolve asks for the closing words (a short flow).
 */
import { z } from "zod";
import type { ButtonContext } from "../../core/commands.js";
import { raw, t } from "../../core/text.js";
import type { FlowHandler } from "../flows/types.js";
import { alertId } from "./alert-message.js";
import type { AlertDeps } from "./deps.js";
import { endAlertNow } from "./end-alert.js";

import { PICK_ALERT_PREFIX } from "./list-active-alerts.js";

export { PICK_ALERT_PREFIX };
export const CLOSE_ALERT_FLOW = "alert-close";
const CLOSE_TTL_SECONDS = 15 * 60;
const CloseSchema = z.object({ alertId: z.number().int().positive() });

export async function pressPickAlert(input: { ctx: ButtonContext; deps: AlertDeps; payload: string }): Promise<void> {
  const { ctx, deps } = input;
  const [kind, rawId] = input.payload.split(":");
  const id = /^\d{1,9}$/.test(rawId ?? "") ? Number(rawId) : undefined;
  if (kind === "no") return ctx.answer(t("alerts:pick.kept"));
  const alert = id === undefined ? null : await deps.alerts.find(id);
  if (!alert) return ctx.answer(t("common:errors.buttonExpired"));
  if (!(await deps.access.holds(ctx.user, "officer", alert.areaCode)))
    return ctx.answer(t("alerts:issue.manageForbidden"), { alert: true });
  await ctx.answer();
  if (kind === "c") {
    return ctx.reply(t("alerts:pick.confirmCancel", { id: alertId(alert.id), text: raw(alert.text) }), {
      buttons: [
        [
          { text: t("alerts:pick.cancelButton"), callback: `${PICK_ALERT_PREFIX}:cy:${alert.id}` },
          { text: t("alerts:pick.keepButton"), callback: `${PICK_ALERT_PREFIX}:no` },
        ],
      ],
    });
  }
  if (kind === "cy") return endAlertNow({ ctx, deps, kind: "cancel", id: alert.id, closure: undefined });
  if (kind === "r") {
    const flows = deps.flows;
    if (!flows || ctx.chat.kind !== "private") return ctx.reply(t("alerts:resolve.usage"));
    await flows.store.start({
      key: flows.keyOf(ctx.chat),
      flow: CLOSE_ALERT_FLOW,
      step: "text",
      data: { alertId: alert.id },
      ttlSeconds: CLOSE_TTL_SECONDS,
    });
    return ctx.reply(t("alerts:pick.askClosure", { id: alertId(alert.id) }), { expectsText: true });
  }
}

/** The closing words typed after a pick to resolve. */
export function closeAlertFlowHandler(deps: AlertDeps): FlowHandler {
  return {
    flow: CLOSE_ALERT_FLOW,
    onMessage: async ({ ctx, event, state }) => {
      const data = CloseSchema.safeParse(state.data);
      const text = event.type === "text" ? event.text.trim() : "";
      if (!data.success || !deps.flows) return;
      if (!text)
        return ctx.reply(t("alerts:pick.askClosure", { id: alertId(data.data.alertId) }), { expectsText: true });
      if (!(await deps.flows.store.finish(state))) return;
      await endAlertNow({ ctx, deps, kind: "resolve", id: data.data.alertId, closure: text });
    },
  };
}
