/** `/kiemtra <code>` or `/kiemtra <pasted message>` (`/verify`): anyone, anywhere. */
import type { CommandSpec } from "../../core/commands.js";
import { t } from "../../core/text.js";
import type { VerifyDeps } from "./deps.js";
import { replyToText } from "./reply-verification.js";

export function verifyCommands(deps: VerifyDeps): CommandSpec[] {
  return [
    {
      names: ["kiemtra", "verify"],
      where: "any",
      audience: "anyone",
      helpKey: "verify:help",
      run: async (ctx) => {
        const text = ctx.args.trim();
        if (!text) return ctx.reply(t("verify:usage"));
        await replyToText({ ctx, text, deps });
      },
    },
  ];
}
