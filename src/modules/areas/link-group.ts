/**
 * Links a group to an area, however it was asked for (`/dangky` in the group, a registration link,
 * an officer's approval): registers and audit-logs; a group that was not registered before gets its
 * welcome card with the confirmation.
 */
import type { ChatRecord } from "../../core/actors.js";
import type { Button } from "../../core/messages.js";
import { lines, raw, t, type Text } from "../../core/text.js";
import { alarmButton } from "../alarms/alarm-message.js";
import { areaStartPayload } from "./area-code.js";
import type { AreaDeps } from "./deps.js";
import type { AreaRecord } from "./types.js";

export type RegistrationPath = "command" | "link" | "approval";

export async function linkGroup(input: {
  chat: ChatRecord;
  area: AreaRecord;
  /** The officer the group is registered by (who made the link, who approved). */
  registrantId: number;
  via: RegistrationPath;
  /** The forum topic asked from, where alerts and campaigns will go (null: the chat itself). */
  threadId?: string | null;
  details?: Readonly<Record<string, unknown>>;
  deps: AreaDeps;
}): Promise<{ previous: AreaRecord | null }> {
  const { chat, area, deps } = input;
  const previous = chat.areaId === null ? null : await deps.areas.findAreaById(chat.areaId);
  await deps.areas.registerGroup({
    chatId: chat.id,
    areaId: area.id,
    registeredById: input.registrantId,
    ...(input.threadId === undefined ? {} : { threadId: input.threadId }),
  });
  await deps.identity.recordSeen(input.registrantId, chat.id);
  await deps.audit.record({
    actorUserId: input.registrantId,
    action: "group.register",
    areaId: area.id,
    subject: `${chat.platform}:${chat.platformChatId}`,
    details: { title: chat.title, previousArea: previous?.code ?? null, via: input.via, ...input.details },
  });
  return { previous };
}

/**
 * The group's confirmation, followed by the welcome card when the group was not registered before:
 * one message, so the card is sent once and never before the confirmation.
 */
export function registeredMessage(input: {
  chat: ChatRecord;
  area: AreaRecord;
  notice: Text;
  firstTime: boolean;
  deps: Pick<AreaDeps, "directory">;
}): { text: Text; buttons?: Button[][] } {
  const { chat, area } = input;
  if (!input.firstTime) return { text: input.notice };
  const card = t(chat.platform === "zalo" ? "areas:welcomeCard.zalo" : "areas:welcomeCard.telegram", {
    area: area.name,
  });
  const bot = chat.platform === "telegram" ? input.deps.directory.botUsername(chat.platform) : undefined;
  const text = lines(input.notice, raw(""), card);
  if (!bot) return { text };
  // Residents raise the alarm for their street from here (issue 18).
  return {
    text,
    buttons: [
      [{ text: t("areas:welcomeCard.tipButton"), url: `https://t.me/${bot}?start=${areaStartPayload("tip", area)}` }],
      [alarmButton()],
    ],
  };
}
