/** `🚫 Chặn người báo`: an officer bars the caller from raising alarms in the area and below. */
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { callerName } from "./alarm-message.js";
import type { AlarmDeps } from "./deps.js";
import { alarmForResponder } from "./responder-alarm.js";
import { alarmId } from "./types.js";

export async function barCaller(input: { ctx: ButtonContext; deps: AlarmDeps; id: number }): Promise<void> {
  const { ctx, deps } = input;
  const found = await alarmForResponder({ ctx, deps, id: input.id, officerOnly: true });
  if (!found) return;
  const { alarm } = found;
  const barred = await deps.alarms.bar({ userId: alarm.caller.id, areaId: alarm.areaId, byUserId: ctx.user.id });
  if (barred)
    await deps.audit.record({
      actorUserId: ctx.user.id,
      action: "alarm.bar",
      areaId: alarm.areaId,
      subject: alarmId(alarm.id),
      details: { userId: alarm.caller.id },
    });
  await ctx.reply(
    t(barred ? "alarms:bar.done" : "alarms:bar.already", { name: callerName(alarm), area: alarm.areaName }),
  );
  await ctx.answer();
}
