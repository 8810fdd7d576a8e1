/** `/kiemtra <code>` or `/kiemtra <pasted message>` (`/verify`): anyone, anywhere. */
import { type CommandContext, commandsOf, type CommandSpec } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { DeepLink } from "../general/deps.js";
import type { VerifyDeps } from "./deps.js";
import { replyToText } from "./reply-verification.js";

/** `?start=verify` (or `verify_<code>`): the private chat where a message is checked. */
export const VERIFY_LINK_PREFIX = "verify";

export function verifyCommands(deps: VerifyDeps): CommandSpec[] {
  // Its help line is one key of its own (verify:help), not verify:help.kiemtra.
  return commandsOf("verify", {}, [
    {
      names: ["kiemtra", "verify"],
      where: "any",
      audience: "anyone",
      helpKey: "verify:help",
      run: async (ctx) => {
        const text = ctx.args.trim();
        if (!text) return ctx.chat.kind === "group" ? pointToPrivateChat({ ctx, deps }) : ctx.reply(t("verify:usage"));
        await replyToText({ ctx, text, deps });
      },
    },
  ]);
}

export function verifyDeepLink(deps: VerifyDeps): DeepLink {
  return {
    prefix: VERIFY_LINK_PREFIX,
    run: async (ctx, value) =>
      value.trim() ? replyToText({ ctx, text: value.trim(), deps }) : ctx.reply(t("verify:usage")),
  };
}

/**
 * A bare `/kiemtra` in a group is what Telegram sends when someone taps the hint under an alert: the
 * checking (and any pasting) belongs in the private chat, which the button opens.
 */
async function pointToPrivateChat(input: { ctx: CommandContext; deps: VerifyDeps }): Promise<void> {
  const { ctx, deps } = input;
  const bot = ctx.chat.platform === "telegram" ? deps.botUsername?.(ctx.chat.platform) : undefined;
  if (!bot) return ctx.reply(t("verify:inGroup"));
  await ctx.reply(t("verify:inGroup"), {
    buttons: [[{ text: t("verify:openPrivate"), url: `https://t.me/${bot}?start=${VERIFY_LINK_PREFIX}` }]],
  });
}
