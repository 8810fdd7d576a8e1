/**
 * `Báo nhầm`: an officer or guard closes the alarm as a mistake; every group that heard it reads,
 * politely, that all is well, and the caller waits out a cooling-off before the next alarm.
 */
import type { ButtonContext } from "../../core/commands.js";
import { raw, t } from "../../core/text.js";
import type { AlarmDeps } from "./deps.js";
import { alarmForResponder, alarmGroups } from "./responder-alarm.js";
import { alarmId, alarmKeys } from "./types.js";
import { updateResponderCopies } from "./update-responder-copies.js";

export async function closeFalseAlarm(input: { ctx: ButtonContext; deps: AlarmDeps; id: number }): Promise<void> {
  const { ctx, deps } = input;
  const found = await alarmForResponder({ ctx, deps, id: input.id });
  if (!found) return;
  const { alarm, role } = found;
  if (!(await deps.alarms.close({ id: alarm.id, state: "false_alarm", byUserId: ctx.user.id, at: deps.clock.now() }))) {
    return ctx.answer(t("alarms:respond.closed", { id: alarmId(alarm.id) }));
  }
  const groups = await alarmGroups(deps, alarm);
  await deps.outbox.enqueue(
    groups.map((g) => ({
      key: alarmKeys.falseAlarm(alarm.id, g.chatId),
      to: { chatId: g.chatId },
      priority: "control" as const,
      message: {
        locale: g.locale,
        text: t("alarms:respond.falseInGroup", { id: alarmId(alarm.id), name: raw(ctx.user.displayName ?? "") }),
        ...(g.replyTo ? { replyToMessageId: g.replyTo } : {}),
      },
    })),
  );
  await updateResponderCopies({
    deps,
    alarm,
    byUserId: ctx.user.id,
    byName: ctx.user.displayName,
    kind: "false",
    role,
  });
  await deps.audit.record({
    actorUserId: ctx.user.id,
    action: "alarm.false",
    areaId: alarm.areaId,
    subject: alarmId(alarm.id),
    details: { callerUserId: alarm.caller.id },
  });
  await ctx.answer(t("alarms:respond.falseDone", { groups: groups.length }));
}
