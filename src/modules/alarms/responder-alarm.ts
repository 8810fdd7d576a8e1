/** The alarm behind an officer's or guard's button, once their right to act on it is checked. */
import type { ButtonContext } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { AlarmDeps } from "./deps.js";
import type { Locale } from "../../core/text.js";
import { localeOf } from "../alerts/alert-message.js";
import type { AlarmRecord, AlarmResponder } from "./types.js";

/** Who may answer: guards and officers of the area; `officer` alone for what only the police decide. */
export async function alarmForResponder(input: {
  ctx: ButtonContext;
  deps: AlarmDeps;
  id: number;
  officerOnly?: boolean;
}): Promise<{ alarm: AlarmRecord; role: "officer" | "guard" } | undefined> {
  const { ctx, deps } = input;
  const alarm = await deps.alarms.find(input.id);
  if (!alarm || alarm.state === "draft") {
    await ctx.answer(t("common:errors.buttonExpired"));
    return undefined;
  }
  if (await deps.access.holds(ctx.user, "officer", alarm.areaCode)) return { alarm, role: "officer" };
  if (!input.officerOnly && (await deps.access.holds(ctx.user, "guard", alarm.areaCode)))
    return { alarm, role: "guard" };
  await ctx.answer(t(input.officerOnly ? "alarms:respond.officerOnly" : "alarms:respond.forbidden"), { alert: true });
  return undefined;
}

/** Every group that heard the alarm, with its message to reply to when it was sent. */
export async function alarmGroups(
  deps: AlarmDeps,
  alarm: AlarmRecord,
): Promise<{ chatId: number; replyTo?: string; locale: AlarmDeps["defaultLocale"] }[]> {
  const sent = new Map((await deps.alarms.sentToGroups(alarm.id)).map((s) => [s.chatId, s.messageId]));
  const groups = await deps.alarms.groupsOf(alarm.areaId);
  return groups.map((g) => {
    const replyTo = sent.get(g.chatId);
    return { chatId: g.chatId, locale: g.locale ?? deps.defaultLocale, ...(replyTo ? { replyTo } : {}) };
  });
}

/** A person who heard the alarm privately (at any escalation level so far), with their copy's message when sent. */
export interface ResponderCopy {
  readonly responder: AlarmResponder;
  readonly chatId: number;
  readonly level: number;
  readonly locale: Locale;
  readonly messageId?: string;
}

export async function responderCopies(deps: AlarmDeps, alarm: AlarmRecord): Promise<ResponderCopy[]> {
  const sent = new Map((await deps.alarms.sentToResponders(alarm.id)).map((s) => [s.chatId, s.messageId]));
  const copies: ResponderCopy[] = [];
  for (let level = 0; level <= alarm.escalations; level++) {
    for (const responder of await deps.alarms.responders({ areaId: alarm.areaId, level })) {
      const chat = await deps.identity.privateChatOf(responder.user);
      const messageId = sent.get(chat.id);
      copies.push({
        responder,
        chatId: chat.id,
        level,
        locale: localeOf(responder.user.locale, deps.defaultLocale),
        ...(messageId ? { messageId } : {}),
      });
    }
  }
  return copies;
}
