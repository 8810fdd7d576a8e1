/** `/trogiup`: the commands this user may use, in this kind of chat. */
import type { Audience, CommandContext, CommandSpec } from "../../core/commands.js";
import type { RoleName } from "../../core/actors.js";
import { lines, t } from "../../core/text.js";
import type { GeneralDeps } from "./deps.js";

function visibleTo(audience: Audience, roles: Set<RoleName>): boolean {
  if (audience === "anyone") return true;
  if (audience === "officer_or_propagandist") return roles.has("officer") || roles.has("propagandist");
  return roles.has(audience);
}

export async function help(options: { ctx: CommandContext; deps: GeneralDeps }): Promise<void> {
  const { ctx, deps } = options;
  const roles = await deps.access.roleNames(ctx.user);
  const usable = (spec: CommandSpec) => visibleTo(spec.audience, roles);
  const commands = deps.commands().filter(usable);
  const here = commands.filter((c) => c.where === "any" || c.where === ctx.chat.kind);
  const elsewhere = commands.filter((c) => !here.includes(c));
  const line = (c: CommandSpec) =>
    c.names[1] ? t("common:help.line", { command: c.names[0] ?? "", alias: c.names[1], text: t(c.helpKey) }) : t("common:help.lineNoAlias", { command: c.names[0] ?? "", text: t(c.helpKey) });
  await ctx.reply(
    lines(
      t("common:help.title"),
      ...here.map(line),
      ...(elsewhere.length > 0 ? [t(ctx.chat.kind === "private" ? "common:help.inGroups" : "common:help.inPrivate"), ...elsewhere.map(line)] : []),
    ),
  );
}
