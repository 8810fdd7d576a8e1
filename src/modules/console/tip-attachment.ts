/** A tip's photo or clip for its page: by position in its thread, only for a person who may handle the tip. */
import { readAttachment, type Attachment } from "../../core/attachment.js";
import { mayHandle } from "../tips/help-request.js";
import type { ConsoleTipDeps } from "./tip-deps.js";
import type { ConsoleSessionRecord } from "./types.js";

export async function tipAttachment(input: {
  deps: ConsoleTipDeps;
  session: ConsoleSessionRecord;
  tipId: number;
  messageId: number;
}): Promise<Attachment | null> {
  const { deps, session } = input;
  const tip = await deps.tips.tips.findById(input.tipId);
  if (!tip || !(await mayHandle(deps.tips.access, session.user, tip))) return null;
  const message = (await deps.tips.tips.messages(tip.id)).find((m) => m.id === input.messageId);
  return message?.photoFileId ? readAttachment(message.photoFileId) : null;
}
