/**
 * The responders' buttons of a resident's alarm, pressed from the console: «Đang đến» (answer),
 * «Báo nhầm» (close as false), «Chặn người báo» (bar the caller), and «Nâng thành kẻng phường»,
 * which in the console strikes the ward gong with the words the officer confirmed on the page
 * (in chat the same press opens the gong's preview). The very use cases, with their checks,
 * notices to the groups and audit entries.
 */
import type { AlarmDeps } from "../alarms/deps.js";
import { answerAlarm } from "../alarms/answer-alarm.js";
import { barCaller } from "../alarms/bar-caller.js";
import { closeFalseAlarm } from "../alarms/close-false-alarm.js";
import { markAlarmRaised, prepareWardAlert } from "../alarms/raise-to-ward-alert.js";
import { ALARM_PREFIX } from "../alarms/alarm-message.js";
import { consoleContext, refusalsAsNotices } from "./console-context.js";
import type { ConsoleDeps } from "./deps.js";
import { runAlertCommand } from "./run-alert-command.js";
import type { ConsoleNotice, ConsoleSessionRecord } from "./types.js";

export type AlarmAction =
  | { readonly kind: "going" | "false" | "bar"; readonly id: number }
  | { readonly kind: "ward"; readonly id: number; readonly text: string };

const BUTTON = { going: "g", false: "f", bar: "b", ward: "k" } as const;

export async function runAlarmAction(input: {
  deps: { console: ConsoleDeps; alarms: AlarmDeps };
  session: ConsoleSessionRecord;
  action: AlarmAction;
}): Promise<ConsoleNotice[]> {
  const { deps, session, action } = input;
  const { ctx, notices } = consoleContext({
    deps: deps.console,
    session,
    action: `${ALARM_PREFIX}:${BUTTON[action.kind]}:${action.id}`,
  });
  const refuse = (text: Parameters<typeof ctx.answer>[0]) => ctx.answer(text, { alert: true });
  const use = { ctx, deps: deps.alarms, id: action.id };
  await refusalsAsNotices(async () => {
    switch (action.kind) {
      case "going":
        return answerAlarm(use);
      case "false":
        return closeFalseAlarm(use);
      case "bar":
        return barCaller(use);
      case "ward": {
        const prepared = await prepareWardAlert(use);
        if (!prepared) return;
        await markAlarmRaised({ ctx, deps: deps.alarms, ...prepared });
        const struck = await runAlertCommand({
          deps: { console: deps.console, alerts: deps.alarms },
          session,
          command: { kind: "strike", level: "khan", areaCode: prepared.ward.code, text: action.text },
        });
        notices.push(...struck);
        return;
      }
      default: {
        const never: never = action;
        throw new Error(`unknown alarm action ${JSON.stringify(never)}`);
      }
    }
  }, refuse);
  return notices;
}
