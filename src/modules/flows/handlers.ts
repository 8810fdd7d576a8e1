/** `/huy` (`/cancel`): leave any guided flow. */
import type { ChatRecord } from "../../core/actors.js";
import { commandsOf, type CommandSpec } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { ConversationStore } from "./types.js";

export function flowCommands(deps: { store: ConversationStore; keyOf: (chat: ChatRecord) => string }): CommandSpec[] {
  return commandsOf("flows", {}, [
    {
      names: ["huy", "cancel"],
      where: "private",
      audience: "anyone",
      run: async (ctx) => {
        const cleared = await deps.store.clear(deps.keyOf(ctx.chat));
        await ctx.reply(t(cleared ? "flows:cancelled" : "flows:nothing"));
      },
    },
  ]);
}
