/**
 * When one responder answers (`Đang đến`, `Báo nhầm`), the other officers' and guards' private
 * copies are edited in place: they read who answered, and the buttons that no longer fit go, so
 * nobody presses "Đang đến" on an alarm already taken or closed. The presser's own copy is kept.
 * A copy still waiting in the outbox is not edited (it has no message yet): its buttons answer
 * with the alarm's state when pressed.
 */
import { raw, type Text } from "../../core/text.js";
import { responderAlarmMessage, type AlarmOutcome } from "./alarm-message.js";
import type { AlarmDeps } from "./deps.js";
import { responderCopies } from "./responder-alarm.js";
import { alarmKeys, type AlarmRecord } from "./types.js";

export async function updateResponderCopies(input: {
  deps: AlarmDeps;
  alarm: AlarmRecord;
  byUserId: number;
  byName: string | null;
  kind: AlarmOutcome["kind"];
  role: AlarmOutcome["role"];
}): Promise<void> {
  const { deps, alarm } = input;
  const name: Text = raw(input.byName ?? "");
  const copies = (await responderCopies(deps, alarm)).filter((c) => c.responder.user.id !== input.byUserId);
  await deps.outbox.enqueue(
    copies.flatMap((c) =>
      c.messageId
        ? [
            {
              key: `${alarmKeys.responder(alarm.id, c.chatId)}:${input.kind}`,
              to: { chatId: c.chatId },
              priority: "control" as const,
              message: {
                ...responderAlarmMessage(alarm, c.responder, {
                  locale: c.locale,
                  timeZone: deps.timeZone,
                  escalated: c.level > 0,
                  outcome: { kind: input.kind, name, role: input.role },
                }),
                editMessageId: c.messageId,
              },
            },
          ]
        : [],
    ),
  );
}
