/**
 * Deep links that arrive in a group: `?startgroup=<payload>` makes Telegram send `/start <payload>`
 * in the chosen group. The general `/start` serves private payloads only, so group payloads are
 * served here, in front of it; everything else goes on to the general `/start`.
 */
import type { CommandContext, CommandSpec } from "../../core/commands.js";

export interface GroupDeepLink {
  readonly prefix: string;
  run(ctx: CommandContext, value: string): Promise<void>;
}

export function withGroupDeepLinks(commands: readonly CommandSpec[], links: readonly GroupDeepLink[]): CommandSpec[] {
  return commands.map((spec) => {
    if (!spec.names.includes("start")) return spec;
    return {
      ...spec,
      run: (ctx: CommandContext) => {
        const payload = ctx.args.trim();
        const link = ctx.chat.kind === "group" ? links.find((l) => payload.startsWith(`${l.prefix}_`)) : undefined;
        return link ? link.run(ctx, payload.slice(link.prefix.length + 1)) : spec.run(ctx);
      },
    };
  });
}
