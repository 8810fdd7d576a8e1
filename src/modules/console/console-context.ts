/**
 * The context a console action runs the chat's own use cases in: the same user, their private chat,
 * their language, as if they had pressed the button in chat. What the use case would reply or
 * answer becomes a notice on the next page instead of a message, so rules, refusals and audit are
 * the chat's, word for word.
 */
import { randomUUID } from "node:crypto";
import type { ButtonContext, CommandContext } from "../../core/commands.js";
import { UserFacingError } from "../../core/errors.js";
import { t } from "../../core/text.js";
import { escapeHtml } from "../../core/i18n.js";
import type { Text } from "../../core/text.js";
import type { ConsoleDeps } from "./deps.js";
import type { ConsoleNotice, ConsoleSessionRecord } from "./types.js";

export interface ConsoleActionContext {
  readonly ctx: ButtonContext;
  /** What the use case said, rendered. */
  readonly notices: ConsoleNotice[];
}

export function consoleContext(input: {
  deps: Pick<ConsoleDeps, "access" | "translator">;
  session: ConsoleSessionRecord;
  action: string;
  /** The submitted form's own id (see the console's csrfField): the same form sent twice is one action. */
  submission?: string | undefined;
}): ConsoleActionContext {
  const { deps, session } = input;
  const { user, chat, locale } = session;
  const notices: ConsoleNotice[] = [];
  const note = (text: Text, alert: boolean) =>
    notices.push({ html: deps.translator.render(text, locale, escapeHtml), alert });
  const ctx: ButtonContext = {
    user,
    chat,
    locale,
    isSuperadmin: deps.access.isSuperadmin(user),
    event: {
      type: "button",
      platform: user.platform,
      // One per submitted form: a resent form repeats its keys (nothing twice); never a press's in chat.
      updateKey: `console:${session.id}:${input.action}:${submissionId(input.submission)}`,
      chat: { platform: chat.platform, chatId: chat.platformChatId, kind: chat.kind },
      from: { platform: user.platform, userId: user.platformUserId },
      data: input.action,
      callbackId: "",
      messageId: "",
    },
    reply: (text) => {
      note(text, false);
      return Promise.resolve();
    },
    answer: (text, options) => {
      if (text) note(text, options?.alert === true);
      return Promise.resolve();
    },
  };
  return { ctx, notices };
}

/** The form's id if it is one of ours (hex), else a fresh one: an odd value is never part of a key. */
function submissionId(submission: string | undefined): string {
  return submission !== undefined && /^[0-9a-f]{24}$/.test(submission) ? submission : randomUUID();
}

/** The same for a chat command run from the console (`/tinhtrang K12`, `/keng …`): the command as typed. */
export function consoleCommandContext(input: {
  deps: Pick<ConsoleDeps, "access" | "translator">;
  session: ConsoleSessionRecord;
  command: string;
  args: string;
  submission?: string | undefined;
}): { ctx: CommandContext; notices: ConsoleNotice[]; refuse: (text: Text) => Promise<void> } {
  const { ctx: base, notices } = consoleContext({ ...input, action: `${input.command}` });
  const { answer, event, ...rest } = base;
  const ctx: CommandContext = {
    ...rest,
    command: input.command,
    args: input.args,
    event: {
      type: "command",
      platform: event.platform,
      updateKey: event.updateKey,
      chat: event.chat,
      from: event.from,
      command: input.command,
      args: input.args,
      messageId: "",
      addressedToBot: true,
    },
  };
  return { ctx, notices, refuse: (text) => answer(text, { alert: true }) };
}

/** Runs a use case; a refusal it throws (`access.requireRole`) becomes a notice, as the router shows it in chat. */
export async function refusalsAsNotices(
  run: () => Promise<void>,
  refuse: (text: Text) => Promise<void>,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    await refuse(t(error.key, error.params));
  }
}
