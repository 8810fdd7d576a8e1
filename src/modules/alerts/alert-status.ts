/** `/tinhtrang [ID]` (bare: my latest alert): delivered, failed, pending, acknowledgements, and the groups that stayed silent. */
import type { CommandContext } from "../../core/commands.js";
import { lines, raw, t, type Locale, type Text } from "../../core/text.js";
import { formatDateTime } from "../../core/time.js";
import type { ChartDeps } from "../charts/deps.js";
import { groupAckChart } from "../charts/group-ack-chart.js";
import { alertId, parseAlertId } from "./alert-message.js";
import type { AlertDeps } from "./deps.js";
import { formatMinutes } from "../relays/minutes.js";
import type { RelayFanOut } from "../relays/types.js";
import { alertKeys, type AlertRecord } from "./types.js";

const MAX_LISTED = 30;

export async function alertStatus(options: { ctx: CommandContext; deps: AlertDeps }): Promise<void> {
  const { ctx, deps } = options;
  const typed = ctx.args.split(/\s+/)[0] ?? "";
  // Bare: the officer's latest alert, the one they most likely mean.
  const id = typed ? parseAlertId(typed) : (await deps.alerts.sentBy({ userId: ctx.user.id, take: 1 }))[0]?.id;
  if (id === undefined) return ctx.reply(t(typed ? "alerts:status.usage" : "alerts:status.none"));
  const alert = await deps.alerts.find(id);
  if (!alert) return ctx.reply(t("alerts:notFound", { id: alertId(id) }));
  await deps.access.requireRole(ctx.user, "officer", alert.areaCode, { key: "alerts:issue.manageForbidden" });

  const [counts, acks, silent, failed] = await Promise.all([
    deps.alerts.deliveryCounts(id),
    deps.alerts.ackStats(id),
    deps.alerts.silentGroups(id),
    deps.alerts.failedChats(id),
  ]);
  const state = alert.state === "active" && alert.expiresAt <= deps.clock.now() ? "expired" : alert.state;
  const silentLines: Text[] = silent
    .slice(0, MAX_LISTED)
    .map((g) => t("alerts:status.silentLine", { title: raw(g.title ?? "—") }));
  if (silent.length > MAX_LISTED) silentLines.push(t("alerts:status.more", { count: silent.length - MAX_LISTED }));
  const relayed = deps.relays && (await relayLines(deps.relays, id, ctx.locale));
  await ctx.reply(
    lines(
      t("alerts:status.title", {
        id: alertId(id),
        area: alert.areaName,
        state: t(`alerts:state.${state}`),
        time: formatDateTime(alert.issuedAt, ctx.locale, deps.timeZone),
      }),
      t("alerts:status.deliveries", { sent: counts.sent, failed: counts.failed, pending: counts.pending }),
      t("alerts:status.acks", { people: acks.people, groups: acks.groupsAcked, received: counts.sent }),
      ...(silent.length > 0 ? [t("alerts:status.silentTitle", { count: silent.length }), ...silentLines] : []),
      ...(failed.length > 0
        ? [
            t("alerts:status.failedTitle", { count: failed.length }),
            ...failed
              .slice(0, MAX_LISTED)
              .map((f) =>
                t(
                  f.reason === "chat_gone" || f.reason === "chat_inactive"
                    ? "alerts:status.failedGone"
                    : "alerts:status.failedOther",
                  { title: raw(f.title ?? "—") },
                ),
              ),
          ]
        : []),
      ...(relayed ?? []),
    ),
  );
  if (deps.charts) await sendGroupAckChart({ ctx, deps, charts: deps.charts, alert });
}

/** Relayed groups apart from direct ones: reached, forwarded, not confirmed after RELAY_REMIND_MINUTES. */
async function relayLines(relays: RelayFanOut, id: number, locale: Locale): Promise<Text[]> {
  const tally = await relays.tally([alertKeys.relaySubject("alert", id)]);
  if (tally.groups === 0) return [];
  return [
    t("relays:status.line", {
      groups: tally.groups,
      members: tally.members,
      reached: tally.reached,
      confirmed: tally.confirmed,
      late: tally.late,
      minutes: formatMinutes(relays.remindMinutes, locale),
    }),
    ...tally.lateGroups
      .slice(0, MAX_LISTED)
      .map((g) => t("relays:status.lateLine", { group: raw(g.name), relay: raw(g.relay ?? "—") })),
  ];
}

/** After the status: a bar of acknowledgements per group, when the alert reached at least one group. */
async function sendGroupAckChart(input: {
  ctx: CommandContext;
  deps: AlertDeps;
  charts: ChartDeps;
  alert: AlertRecord;
}): Promise<void> {
  const { ctx, alert } = input;
  const groups = await input.deps.alerts.groupAcks(alert.id);
  if (groups.length === 0) return;
  const photo = await groupAckChart({
    deps: input.charts,
    locale: ctx.locale,
    alertId: alertId(alert.id),
    area: alert.areaName,
    groups,
  });
  await ctx.reply(t("alerts:chart.caption", { id: alertId(alert.id) }), { photo });
}
