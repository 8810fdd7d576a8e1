/** Commands and buttons of residents' alarms (issue 18 §1). */
import { UnreadableButtonError } from "../../core/errors.js";
import { z } from "zod";
import { type ButtonContext, type ButtonSpec, commandsOf, type CommandSpec } from "../../core/commands.js";
import { ALARM_PREFIX } from "./alarm-message.js";
import { answerAlarm } from "./answer-alarm.js";
import { askAlarmButton, askAlarmCommand } from "./ask-alarm.js";
import { barCaller } from "./bar-caller.js";
import { cancelAlarmDraft } from "./cancel-alarm-draft.js";
import { closeFalseAlarm } from "./close-false-alarm.js";
import type { AlarmDeps } from "./deps.js";
import { raiseAlarm } from "./raise-alarm.js";
import { raiseToWardAlert } from "./raise-to-ward-alert.js";
import { stopAlarmLines } from "./stop-alarm-lines.js";
import { ALARM_CATEGORIES } from "./types.js";

export function alarmCommands(deps: AlarmDeps): CommandSpec[] {
  return commandsOf("alarms", {}, [
    { names: ["baodong", "alarm"], where: "group", audience: "anyone", run: (ctx) => askAlarmCommand({ ctx, deps }) },
  ]);
}

/** `bd:open`, `bd:c:<id>:<category>`, `bd:x:<id>`, the caller's `bd:n:<id>` (no more lines), and the responders' `bd:g|f|k|b:<id>`. */
const PayloadSchema = z.union([
  z.tuple([z.literal("open")]),
  z.tuple([z.literal("c"), z.coerce.number().int().positive(), z.enum(ALARM_CATEGORIES)]),
  z.tuple([z.enum(["x", "n", "g", "f", "k", "b"]), z.coerce.number().int().positive()]),
]);

export function alarmButtons(deps: AlarmDeps): ButtonSpec[] {
  return [{ prefix: ALARM_PREFIX, run: (ctx, payload) => pressAlarmButton(ctx, payload, deps) }];
}

/** What each button on an alarm runs, by the letter in its payload. */
const ALARM_ACTIONS: Record<
  Exclude<z.infer<typeof PayloadSchema>[0], "open" | "c">,
  (input: { ctx: ButtonContext; deps: AlarmDeps; id: number }) => Promise<void>
> = {
  x: cancelAlarmDraft,
  n: stopAlarmLines,
  g: answerAlarm,
  f: closeFalseAlarm,
  k: raiseToWardAlert,
  b: barCaller,
};

function pressAlarmButton(ctx: ButtonContext, payload: string, deps: AlarmDeps): Promise<void> {
  const parsed = PayloadSchema.safeParse(payload.split(":"));
  if (!parsed.success) throw new UnreadableButtonError(ALARM_PREFIX);
  const data = parsed.data;
  if (data[0] === "open") return askAlarmButton({ ctx, deps });
  if (data[0] === "c") return raiseAlarm({ ctx, deps, id: data[1], category: data[2] });
  return ALARM_ACTIONS[data[0]]({ ctx, deps, id: data[1] });
}
