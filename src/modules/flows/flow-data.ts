/** Reading the data a guided flow keeps between messages. */
import type { z } from "zod";
import type { RequestContext } from "../../core/commands.js";
import type { Text } from "../../core/text.js";
import type { ConversationStore, FlowState } from "./types.js";

/**
 * A reader of one flow's data, read with `schema`. Data that no longer reads (kept by an older
 * release, or damaged) ends the flow and the person is told `expired`; the reader then gives undefined.
 */
export function flowDataReader<T>(
  schema: z.ZodType<T>,
  expired: Text,
): (input: {
  ctx: RequestContext;
  state: FlowState;
  store: Pick<ConversationStore, "finish">;
}) => Promise<T | undefined> {
  return async ({ ctx, state, store }) => {
    const parsed = schema.safeParse(state.data);
    if (parsed.success) return parsed.data;
    await store.finish(state);
    await ctx.reply(expired);
    return undefined;
  };
}
