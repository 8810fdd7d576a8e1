/** Runs one button press: finds its handler in the command table and answers the press exactly once. */
import type { ButtonContext, RequestContext } from "../core/commands.js";
import type { Logger } from "pino";
import { UnreadableButtonError, UserFacingError } from "../core/errors.js";
import type { InboundEvent } from "../core/messages.js";
import type { ButtonAnswerer } from "../core/ports.js";
import { t, type Text } from "../core/text.js";
import type { CommandTable } from "./command-table.js";

export async function runButton(
  deps: {
    readonly table: () => CommandTable;
    readonly answerer: ButtonAnswerer | undefined;
    readonly logger: Logger;
    /** Set to true by a handler that marked the update done itself (ButtonContext.ledger). */
    readonly doneMark?: { done: boolean };
  },
  base: RequestContext,
  event: Extract<InboundEvent, { type: "button" }>,
): Promise<void> {
  const { answerer } = deps;
  let answered = false;
  const { doneMark } = deps;
  const ctx: ButtonContext = {
    ...base,
    event,
    ...(doneMark
      ? { ledger: { platform: event.platform, updateKey: event.updateKey, marked: () => (doneMark.done = true) } }
      : {}),
    answer: async (text?: Text, options?: { alert?: boolean }) => {
      if (answered || !answerer) return;
      answered = true;
      await answerer.answer({
        press: event,
        locale: base.locale,
        ...(text ? { text } : {}),
        ...(options?.alert ? { alert: true } : {}),
      });
    },
  };
  const found = deps.table().button(event.data);
  try {
    if (!found) await ctx.answer(t("common:errors.buttonExpired"));
    else await found.spec.run(ctx, found.payload);
  } catch (error) {
    if (error instanceof UserFacingError) await ctx.answer(t(error.key, error.params), { alert: true });
    else if (error instanceof UnreadableButtonError) {
      // The data may name a tip or a person's flow: the log gets its prefix and length only.
      deps.logger.warn(
        { event: "button_unreadable", platform: event.platform, prefix: error.prefix, length: event.data.length },
        "a button's data could not be read",
      );
      await ctx.answer(t("common:errors.buttonExpired"));
    } else throw error;
  } finally {
    // Every press gets an answer, or the presser's client keeps spinning.
    await ctx.answer().catch(() => undefined);
  }
}
