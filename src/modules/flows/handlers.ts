/** `/huy` (`/cancel`): leave any guided flow. */
import type { ChatRecord } from "../../core/actors.js";
import type { CommandSpec } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { ConversationStore } from "./types.js";

export function flowCommands(deps: { store: ConversationStore; keyOf: (chat: ChatRecord) => string }): CommandSpec[] {
  return [
    {
      names: ["huy", "cancel"],
      where: "private",
      audience: "anyone",
      helpKey: "flows:help.huy",
      run: async (ctx) => {
        const cleared = await deps.store.clear(deps.keyOf(ctx.chat));
        await ctx.reply(t(cleared ? "flows:cancelled" : "flows:nothing"));
      },
    },
  ];
}
