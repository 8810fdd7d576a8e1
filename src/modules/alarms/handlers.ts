/** Commands and buttons of residents' alarms (issue 18 §1). */
import { UnreadableButtonError } from "../../core/errors.js";
import { z } from "zod";
import type { ButtonContext, ButtonSpec, CommandSpec } from "../../core/commands.js";
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
  return [
    {
      names: ["baodong", "alarm"],
      where: "group",
      audience: "anyone",
      helpKey: "alarms:help.baodong",
      run: (ctx) => askAlarmCommand({ ctx, deps }),
    },
  ];
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

function pressAlarmButton(ctx: ButtonContext, payload: string, deps: AlarmDeps): Promise<void> {
  const parsed = PayloadSchema.safeParse(payload.split(":"));
  if (!parsed.success) throw new UnreadableButtonError(ALARM_PREFIX);
  const data = parsed.data;
  if (data[0] === "open") return askAlarmButton({ ctx, deps });
  if (data[0] === "c") return raiseAlarm({ ctx, deps, id: data[1], category: data[2] });
  const input = { ctx, deps, id: data[1] };
  switch (data[0]) {
    case "x":
      return cancelAlarmDraft(input);
    case "n":
      return stopAlarmLines(input);
    case "g":
      return answerAlarm(input);
    case "f":
      return closeFalseAlarm(input);
    case "k":
      return raiseToWardAlert(input);
    case "b":
      return barCaller(input);
    default: {
      const never: never = data[0];
      throw new Error(`unknown alarm button ${String(never)}`);
    }
  }
}
