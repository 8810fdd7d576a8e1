/** `/kiemtra <code>` (`/verify`): anyone, anywhere. */
import type { CommandSpec } from "../../core/commands.js";
import { t } from "../../core/text.js";
import { replyToCode, type VerifyDeps } from "./reply-verification.js";

export function verifyCommands(deps: VerifyDeps): CommandSpec[] {
  return [
    {
      names: ["kiemtra", "verify"],
      where: "any",
      audience: "anyone",
      helpKey: "verify:help",
      run: async (ctx) => {
        const code = ctx.args.trim();
        if (!code) return ctx.reply(t("verify:usage"));
        await replyToCode({ ctx, code, deps });
      },
    },
  ];
}
