/**
 * What «Nâng thành kẻng phường» would strike, shown on an alarm's page as a form the officer can
 * edit and confirm: the commune above the alarm where they may strike, and the chat's prefilled words.
 */
import type { AlarmDeps } from "../alarms/deps.js";
import { prepareWardAlert } from "../alarms/raise-to-ward-alert.js";
import { consoleContext } from "./console-context.js";
import type { ConsoleDeps } from "./deps.js";
import type { ConsoleSessionRecord } from "./types.js";

/** The ward alert the page offers (its commune and prefilled words), or null when this officer may not raise it. */
export async function wardAlertOffer(input: {
  deps: { console: ConsoleDeps; alarms: AlarmDeps };
  session: ConsoleSessionRecord;
  id: number;
}): Promise<{ areaName: string; areaCode: string; text: string } | null> {
  const { ctx } = consoleContext({ deps: input.deps.console, session: input.session, action: "alarm-ward-offer" });
  const prepared = await prepareWardAlert({ ctx, deps: input.deps.alarms, id: input.id });
  return prepared ? { areaName: prepared.ward.name, areaCode: prepared.ward.code, text: prepared.text } : null;
}
