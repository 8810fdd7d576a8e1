/**
 * `/huykeng <ID>` (cancel) and `/ketthuc <ID> <text>` (resolve): an officer of the alert's area ends
 * it; every chat that received it gets the cancellation or closure as a reply to the alert, and
 * deliveries not yet made are called off. Without an id, the officer's active alerts are offered as
 * buttons (pick-alert.ts).
 */
import type { CommandContext, RequestContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { issueCode } from "../../core/verification.js";
import { issuedArea, shownArea } from "../areas/issued-area.js";
import { alertId, endingMessage, localeOf, parseAlertId } from "./alert-message.js";
import type { AlertDeps } from "./deps.js";
import { MAX_ALERT_TEXT } from "./parse-alert-command.js";
import { listActiveAlerts } from "./list-active-alerts.js";
import { alertKeys } from "./types.js";

export async function endAlert(options: {
  ctx: CommandContext;
  deps: AlertDeps;
  kind: "cancel" | "resolve";
}): Promise<void> {
  const { ctx, deps, kind } = options;
  if (!ctx.args.trim()) return listActiveAlerts({ ctx, deps, kind });
  const match = /^(\S+)(?:\s+([\s\S]+))?$/.exec(ctx.args.trim());
  const id = match?.[1] ? parseAlertId(match[1]) : undefined;
  const closure = match?.[2]?.trim();
  if (id === undefined || (kind === "resolve" && !closure)) return ctx.reply(t(`alerts:${kind}.usage`));
  await endAlertNow({ ctx, deps, kind, id, closure });
}

/** Ends alert `id` (checked here: it exists and the person is an officer of its area). */
export async function endAlertNow(input: {
  ctx: RequestContext;
  deps: AlertDeps;
  kind: "cancel" | "resolve";
  id: number;
  closure: string | undefined;
}): Promise<void> {
  const { ctx, deps, kind, id, closure } = input;
  if (closure && closure.length > MAX_ALERT_TEXT) return ctx.reply(t("alerts:issue.tooLong"));
  const alert = await deps.alerts.find(id);
  if (!alert) return ctx.reply(t("alerts:notFound", { id: alertId(id) }));
  await deps.access.requireRole(ctx.user, "officer", alert.areaCode, { key: "alerts:issue.manageForbidden" });

  const ended = await deps.alerts.end({
    alertId: id,
    state: kind === "cancel" ? "cancelled" : "resolved",
    byUserId: ctx.user.id,
    closureText: closure ?? null,
    at: deps.clock.now(),
  });
  const current = await deps.alerts.find(id);
  if (!current) return;
  if (!ended && current.endedAt && current.state !== (kind === "cancel" ? "cancelled" : "resolved")) {
    return ctx.reply(t("alerts:alreadyEnded", { id: alertId(id) }));
  }
  if (ended) {
    await deps.audit.record({
      actorUserId: ctx.user.id,
      action: kind === "cancel" ? "alert.cancel" : "alert.resolve",
      areaId: alert.areaId,
      subject: alertId(id),
      ...(closure ? { details: { text: closure } } : {}),
    });
  }
  const notSent = await deps.alerts.cancelPending(id);
  const received = await deps.alerts.receivedBy(id);
  const targets = new Map((await deps.alerts.targets(alert.areaCode)).map((x) => [x.chatId, x.locale]));
  const content =
    kind === "resolve"
      ? { kind: "closure" as const, text: current.closureText ?? "" }
      : { kind: "alert" as const, text: current.text };
  const issued = await issueCode({
    signer: deps.signer,
    codes: deps.codes,
    content: { ...content, refId: id },
    area: issuedArea(current),
  });
  // A cancellation carries the alert's code and shows its area as the alert did, even if renamed since.
  const shown = { ...current, ...shownArea(issued.area) };
  const verifyCode = issued.code;
  await deps.outbox.enqueue(
    received.map((r) => ({
      key: alertKeys.ending(id, kind, r.chatId),
      to: { chatId: r.chatId },
      priority: "alert" as const,
      message: endingMessage(shown, {
        kind,
        locale: localeOf(targets.get(r.chatId) ?? null, deps.defaultLocale),
        timeZone: deps.timeZone,
        replyTo: r.messageId,
        verifyCode,
      }),
    })),
  );
  // As for groups: what relays were not sent yet is called off, and those sent the alert get its ending.
  if (deps.relays) {
    const alertSubject = alertKeys.relaySubject("alert", id);
    await deps.relays.settle([alertSubject]);
    await deps.relays.fanOut({
      areaCode: alert.areaCode,
      subject: alertKeys.relaySubject(kind, id),
      following: alertSubject,
      message: (locale) => endingMessage(shown, { kind, locale, timeZone: deps.timeZone, replyTo: "", verifyCode }),
      verifyCode,
      priority: "alert",
    });
  }
  await ctx.reply(t(`alerts:${kind}.done`, { id: alertId(id), chats: received.length, stopped: notSent }));
}
