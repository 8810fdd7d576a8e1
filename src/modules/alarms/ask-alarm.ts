/**
 * `/baodong [what and where]` (`/alarm`) or the `🔔 Báo động` button in a registered group: anyone
 * the bot sees there may raise the alarm. The limits are checked first; then the caller is asked
 * what is happening, with buttons, and told the alarm carries their name.
 */
import type { ButtonContext, CommandContext, RequestContext } from "../../core/commands.js";
import { raw, t } from "../../core/text.js";
import { promptMessage } from "./alarm-message.js";
import { alarmRefusal } from "./check-alarm-limits.js";
import type { AlarmDeps } from "./deps.js";

/** Longer texts are cut: the alarm is a shout, the details go to the officer later. */
export const MAX_ALARM_TEXT = 500;

export function askAlarmCommand(options: { ctx: CommandContext; deps: AlarmDeps }): Promise<void> {
  const text = options.ctx.args.trim().slice(0, MAX_ALARM_TEXT);
  return askAlarm({
    ctx: options.ctx,
    deps: options.deps,
    text: text || null,
    refuse: (reply) => options.ctx.reply(reply),
  });
}

/** The button: in a private chat there is no group to alarm; refusals are toasts, not messages. */
export async function askAlarmButton(options: { ctx: ButtonContext; deps: AlarmDeps }): Promise<void> {
  const { ctx } = options;
  if (ctx.chat.kind !== "group") return ctx.answer(t("alarms:ask.groupOnly"), { alert: true });
  let refused = false;
  await askAlarm({
    ctx,
    deps: options.deps,
    text: null,
    refuse: async (reply) => {
      refused = true;
      await ctx.answer(reply, { alert: true });
    },
  });
  if (!refused) await ctx.answer();
}

async function askAlarm(input: {
  ctx: RequestContext;
  deps: AlarmDeps;
  text: string | null;
  refuse: (reply: ReturnType<typeof t>) => Promise<void>;
}): Promise<void> {
  const { ctx, deps } = input;
  if (ctx.chat.kind !== "group" || ctx.chat.areaId === null) return input.refuse(t("alarms:ask.notRegistered"));
  const refusal = await alarmRefusal({ deps, userId: ctx.user.id, chatId: ctx.chat.id, areaId: ctx.chat.areaId });
  if (refusal) return input.refuse(refusal);
  const draftId = await deps.alarms.createDraft({
    chatId: ctx.chat.id,
    areaId: ctx.chat.areaId,
    callerUserId: ctx.user.id,
    text: input.text,
  });
  const prompt = promptMessage({ draftId, name: raw(ctx.user.displayName ?? ""), text: input.text });
  await ctx.reply(prompt.text, { buttons: prompt.buttons });
}
