/**
 * Runs a command of the table for a button press or typed words, exactly as if the person had typed
 * `/name args`: the same use case, the same permission checks, the same replies.
 */
import type { CommandContext, CommandSpec, RequestContext } from "../../core/commands.js";
import { UserFacingError } from "../../core/errors.js";
import type { InboundEvent } from "../../core/messages.js";
import { t } from "../../core/text.js";

export async function runCommandAs(options: {
  ctx: RequestContext;
  /** The update that asked for it (its keys make replies idempotent). */
  event: InboundEvent & { readonly messageId: string };
  spec: CommandSpec;
  args: string;
}): Promise<void> {
  const { ctx, event, spec, args } = options;
  const name = spec.names[0] ?? "";
  if (spec.where !== "any" && spec.where !== ctx.chat.kind) {
    return ctx.reply(
      t(spec.where === "private" ? "common:errors.privateOnly" : "common:errors.groupOnly", { command: name }),
    );
  }
  const commandEvent: CommandContext["event"] = {
    platform: event.platform,
    updateKey: event.updateKey,
    chat: event.chat,
    from: event.from,
    type: "command",
    command: name,
    args,
    messageId: event.messageId,
    addressedToBot: true,
  };
  try {
    await spec.run({ ...ctx, event: commandEvent, command: name, args });
  } catch (error) {
    if (error instanceof UserFacingError) return ctx.reply(t(error.key, error.params));
    throw error;
  }
}

/** The command of the table named `name` (any of its names). */
export function findCommand(commands: readonly CommandSpec[], name: string): CommandSpec | undefined {
  return commands.find((spec) => spec.names.includes(name));
}
