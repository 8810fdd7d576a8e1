/**
 * The caller's own words, typed in the group around the alarm (issue 18 §1, "an optional line of
 * text and location"). The alarm does not wait for them: it goes out on the category button, and
 * what the caller types next (a line, or a Telegram location) follows the same alarm — to every
 * group, replying to the alarm there, and to every officer and guard, replying to their copy — for
 * LINES_MINUTES or until `Không cần thêm`. Words typed while the prompt still waits join the draft,
 * so they go out with it. Other group chatter is not for the bot.
 */
import type { RequestContext } from "../../core/commands.js";
import type { Button, InboundEvent } from "../../core/messages.js";
import { lines, raw, t, type Text } from "../../core/text.js";
import { ALARM_PREFIX, callerName } from "./alarm-message.js";
import { MAX_ALARM_TEXT } from "./ask-alarm.js";
import type { AlarmDeps } from "./deps.js";
import { alarmGroups, responderCopies } from "./responder-alarm.js";
import { alarmId, alarmKeys, type AlarmRecord } from "./types.js";

/** How long after sending the caller's lines still follow the alarm. */
export const LINES_MINUTES = 10;
/** Lines that may follow one alarm: a few details, not a chat. */
export const MAX_ADDED_LINES = 3;
/** One line: longer ones are cut. */
const MAX_LINE = 300;

/** The prompt once the alarm is sent: what happened, and (while lines may follow) the invitation and `Không cần thêm`. */
export function linesPrompt(
  alarm: Pick<AlarmRecord, "id" | "addedLines">,
  options: { open?: boolean } = {},
): { text: Text; buttons: Button[][] } {
  const open = (options.open ?? true) && alarm.addedLines < MAX_ADDED_LINES;
  return {
    text: lines(
      t("alarms:raise.promptDone", { id: alarmId(alarm.id) }),
      ...(alarm.addedLines > 0 ? [t("alarms:lines.added", { count: alarm.addedLines })] : []),
      ...(open ? [t("alarms:lines.invite", { minutes: LINES_MINUTES })] : []),
    ),
    buttons: open ? [[{ text: t("alarms:button.noMore"), callback: `${ALARM_PREFIX}:n:${alarm.id}` }]] : [],
  };
}

/** A text or location in a group: true when it was the caller's words for their alarm. */
export async function addAlarmLine(input: {
  ctx: RequestContext;
  event: InboundEvent;
  deps: AlarmDeps;
}): Promise<boolean> {
  const { ctx, event, deps } = input;
  if (ctx.chat.kind !== "group" || (event.type !== "text" && event.type !== "location")) return false;
  const alarm = await deps.alarms.callerAlarm({ chatId: ctx.chat.id, userId: ctx.user.id });
  if (!alarm) return false;
  if (alarm.state === "draft") {
    if (event.type === "location") {
      await ctx.reply(t("alarms:lines.locationAfter"));
      return true;
    }
    await deps.alarms.appendDraftText({
      id: alarm.id,
      line: event.text.trim().slice(0, MAX_LINE),
      max: MAX_ALARM_TEXT,
    });
    await ctx.reply(t("alarms:lines.draftNoted"));
    return true;
  }
  const line = event.type === "text" ? event.text.trim().slice(0, MAX_LINE) : "";
  if (event.type === "text" && !line) return false;
  // Claimed in Postgres: the window and the count are checked where two lines could race.
  if (
    !(await deps.alarms.addLine({
      id: alarm.id,
      line,
      at: deps.clock.now(),
      maxLines: MAX_ADDED_LINES,
      maxText: MAX_ALARM_TEXT,
    }))
  )
    return false;
  const n = alarm.addedLines + 1;
  const said =
    event.type === "text"
      ? t("alarms:lines.said", { id: alarmId(alarm.id), name: callerName(alarm), text: raw(line) })
      : t("alarms:lines.location", { id: alarmId(alarm.id), name: callerName(alarm) });
  const location =
    event.type === "location" ? { location: { latitude: event.latitude, longitude: event.longitude } } : {};
  const groups = await alarmGroups(deps, alarm);
  const copies = await responderCopies(deps, alarm);
  await deps.outbox.enqueue([
    ...groups.map((g) => ({
      key: alarmKeys.line(alarm.id, n, g.chatId),
      to: { chatId: g.chatId },
      priority: "control" as const,
      message: { locale: g.locale, text: said, ...location, ...(g.replyTo ? { replyToMessageId: g.replyTo } : {}) },
    })),
    ...copies.map((c) => ({
      key: alarmKeys.line(alarm.id, n, c.chatId),
      to: { chatId: c.chatId },
      priority: "control" as const,
      message: { locale: c.locale, text: said, ...location, ...(c.messageId ? { replyToMessageId: c.messageId } : {}) },
    })),
    ...(alarm.promptMessageId
      ? [
          {
            key: alarmKeys.prompt(alarm.id, `line${n}`),
            to: { chatId: ctx.chat.id },
            priority: "control" as const,
            message: {
              locale: ctx.locale,
              ...linesPrompt({ id: alarm.id, addedLines: n }),
              editMessageId: alarm.promptMessageId,
            },
          },
        ]
      : []),
  ]);
  await deps.audit.record({
    actorUserId: ctx.user.id,
    action: "alarm.line",
    areaId: alarm.areaId,
    subject: alarmId(alarm.id),
    details: { n, location: event.type === "location" },
  });
  return true;
}
