/**
 * `/trogiup`: short, with a button for what this person most likely wants; the full list of the
 * commands they may use (here and in the other kind of chat) is one tap further, or `/trogiup all`.
 */
import type { CommandSpec, RequestContext } from "../../core/commands.js";
import { lines, t } from "../../core/text.js";
import { visibleTo } from "../menus/visible-to.js";
import type { GeneralDeps } from "./deps.js";
import { choiceButtons, MENU_PREFIX, menuChoices } from "./menu-choices.js";

export async function help(options: { ctx: RequestContext; deps: GeneralDeps; full: boolean }): Promise<void> {
  const { ctx, deps } = options;
  if (options.full) return fullHelp({ ctx, deps });
  const roles = await deps.access.roleNames(ctx.user);
  const choices = menuChoices({ commands: deps.commands(), roles, chatKind: ctx.chat.kind }).filter(
    (spec) => spec.names[0] !== "trogiup",
  );
  const choiceLine = (spec: CommandSpec) =>
    t("common:help.choice", { label: t(`common:menu.button.${spec.names[0] ?? ""}`), command: spec.names[0] ?? "" });
  await ctx.reply(lines(t("common:help.shortTitle"), ...choices.map(choiceLine), t("common:welcome.emergency")), {
    buttons: [
      ...choiceButtons(choices),
      [
        { text: t("common:menu.all"), callback: `${MENU_PREFIX}:all` },
        { text: t("common:menu.language"), callback: `${MENU_PREFIX}:lang` },
      ],
    ],
  });
}

/** Every command this person may use, here first, then in the other kind of chat. */
async function fullHelp(options: { ctx: RequestContext; deps: GeneralDeps }): Promise<void> {
  const { ctx, deps } = options;
  const roles = await deps.access.roleNames(ctx.user);
  const commands = deps.commands().filter((spec) => visibleTo(spec.audience, roles));
  const here = commands.filter((c) => c.where === "any" || c.where === ctx.chat.kind);
  const elsewhere = commands.filter((c) => !here.includes(c));
  const line = (c: CommandSpec) =>
    c.names[1]
      ? t("common:help.line", { command: c.names[0] ?? "", alias: c.names[1], text: t(c.helpKey) })
      : t("common:help.lineNoAlias", { command: c.names[0] ?? "", text: t(c.helpKey) });
  await ctx.reply(
    lines(
      t("common:help.title"),
      ...here.map(line),
      ...(elsewhere.length > 0
        ? [t(ctx.chat.kind === "private" ? "common:help.inGroups" : "common:help.inPrivate"), ...elsewhere.map(line)]
        : []),
    ),
  );
}
