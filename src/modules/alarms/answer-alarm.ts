/**
 * `Đang đến` on an alarm's private copy: the groups read who is coming (each responder once), and
 * the first answer stops the escalation and counts as the time to first response.
 */
import type { ButtonContext } from "../../core/commands.js";
import { raw, t } from "../../core/text.js";
import type { AlarmDeps } from "./deps.js";
import { alarmForResponder, alarmGroups } from "./responder-alarm.js";
import { alarmId, alarmKeys } from "./types.js";
import { updateResponderCopies } from "./update-responder-copies.js";

export async function answerAlarm(input: { ctx: ButtonContext; deps: AlarmDeps; id: number }): Promise<void> {
  const { ctx, deps } = input;
  const found = await alarmForResponder({ ctx, deps, id: input.id });
  if (!found) return;
  const { alarm, role } = found;
  if (alarm.state === "false_alarm") return ctx.answer(t("alarms:respond.closed", { id: alarmId(alarm.id) }));
  const first = await deps.alarms.answer({ id: alarm.id, at: deps.clock.now() });
  const groups = await alarmGroups(deps, alarm);
  await deps.outbox.enqueue(
    groups.map((g) => ({
      key: alarmKeys.going(alarm.id, ctx.user.id, g.chatId),
      to: { chatId: g.chatId },
      priority: "control" as const,
      message: {
        locale: g.locale,
        text: t("alarms:respond.goingInGroup", {
          name: raw(ctx.user.displayName ?? ""),
          role: t(`common:role.${role}`),
          id: alarmId(alarm.id),
        }),
        ...(g.replyTo ? { replyToMessageId: g.replyTo } : {}),
      },
    })),
  );
  if (first) {
    await updateResponderCopies({
      deps,
      alarm,
      byUserId: ctx.user.id,
      byName: ctx.user.displayName,
      kind: "going",
      role,
    });
    await deps.audit.record({
      actorUserId: ctx.user.id,
      action: "alarm.answer",
      areaId: alarm.areaId,
      subject: alarmId(alarm.id),
    });
  }
  await ctx.answer(t("alarms:respond.goingDone", { groups: groups.length }));
}
