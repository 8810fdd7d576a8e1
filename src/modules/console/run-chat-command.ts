/**
 * A command of the chat's own table run from the console (the coverage report `/baocao`, the admin
 * commands `/themkhuvuc`, `/moi`, `/thanhvien`, `/thuhoi`…): the router's audience check, then the
 * command's handler with its own area checks and audit. What it replies becomes the page's notices;
 * buttons it would attach are left out (the console has its own forms).
 */
import type { CommandSpec } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { consoleCommandContext, refusalsAsNotices } from "./console-context.js";
import type { ConsoleDeps } from "./deps.js";
import type { ConsoleNotice, ConsoleSessionRecord } from "./types.js";

export async function runChatCommand(input: {
  deps: ConsoleDeps;
  commands: readonly CommandSpec[];
  session: ConsoleSessionRecord;
  name: string;
  args: string;
  /** The submitted form's id (`_form`). */
  submission?: string | undefined;
}): Promise<ConsoleNotice[]> {
  const { deps, session, name } = input;
  const { ctx, notices, refuse } = consoleCommandContext({
    deps,
    session,
    command: name,
    args: input.args.trim(),
    submission: input.submission,
  });
  const spec = input.commands.find((c) => c.names.includes(name) && c.where !== "group");
  if (!spec) {
    await refuse(t("common:errors.notYourCommand", { command: name }));
    return notices;
  }
  // As the router: the audience first (unless the handler checks it), then the handler's finer rule.
  if (!spec.audienceCheckedByHandler && !(await deps.access.inAudience(session.user, spec.audience))) {
    await refuse(t(spec.refusalKey ?? "common:errors.notYourCommand", { command: name }));
    return notices;
  }
  await refusalsAsNotices(() => spec.run(ctx), refuse);
  return notices;
}
